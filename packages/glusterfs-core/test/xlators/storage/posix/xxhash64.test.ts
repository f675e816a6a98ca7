import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { xxh64, xxh64Hex } from '../../../../src/xlators/storage/posix/xxhash64.js';

// Reference values of XXH64 with seed 0.
const CASES: [string, string][] = [
  ['', 'ef46db3751d8e999'],
  ['a', 'd24ec4f1a98c6e5b'],
  ['abc', '44bc2cf5ad770999'],
  ['Nobody inspects the spammish repetition', 'fbcea83c8a378bf1'],
];

test('xxh64 matches the reference values', () => {
  for (const [input, hex] of CASES) assert.is(xxh64Hex(input), hex, JSON.stringify(input));
});

test('xxh64 covers every tail length and the 32-byte stripes', () => {
  const seen = new Set<bigint>();
  for (let n = 0; n < 80; n++) seen.add(xxh64(Buffer.alloc(n, 7)));
  assert.is(seen.size, 80);
});

test.run();
