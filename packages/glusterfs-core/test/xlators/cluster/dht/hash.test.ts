import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { dmHash, hashName } from '../../../../src/xlators/cluster/dht/hash.js';

const S = suite('xlators/cluster/dht/hash');

// Reference values computed on this machine by calling gf_dm_hashfn() from Debian's
// libglusterfs.so.0 (GlusterFS 10.3, x86_64) through Python ctypes on each name's UTF-8 bytes.
// They cover every tail length, full 16-byte blocks, and non-ASCII tail bytes (signed char).
const CASES: [string, number][] = [
  ['', 0x884774a2],
  ['a', 0x3a17e4e6],
  ['ab', 0xc3af40d9],
  ['abc', 0xba8bd29a],
  ['abcd', 0xd89627f6],
  ['camelot.blend', 0x999d1b6f],
  ['file-0', 0xc317495e],
  ['file-1', 0x74375b05],
  ['hello.txt', 0xe68d61cc],
  ['0123456789abcdef', 0x6ecb5ada],
  ['0123456789abcdefX', 0x09811a68],
  ['a-much-longer-file-name-with-33ch', 0x8f17fc51],
  ['part-00000.parquet', 0xb75dbbd8],
  ['日本語.txt', 0xb065afb9],
  ['café', 0x9e089967],
  ['00000000-0000-0000-0000-000000000001', 0x6a963703],
];

S('hashName matches gf_dm_hashfn from libglusterfs for every reference name', () => {
  for (const [name, want] of CASES) assert.is(hashName(name), want, JSON.stringify(name));
});

S('dmHash reads a byte view at any offset and always returns an unsigned 32-bit value', () => {
  const big = Buffer.from('xxhello.txt');
  assert.is(dmHash(big.subarray(2)), 0xe68d61cc);
  for (let i = 0; i < 200; i++) {
    const h = hashName(`n${i}`);
    assert.ok(Number.isInteger(h) && h >= 0 && h <= 0xffffffff);
  }
});

S.run();
