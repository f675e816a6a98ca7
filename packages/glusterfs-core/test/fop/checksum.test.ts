import { createHash } from 'node:crypto';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import {
  BlockHasher, RCHECKSUM_DIGEST_BYTES, RCHECKSUM_MAX_BLOCKS, RCHECKSUM_MAX_LENGTH, blockDigests, rchecksumArgsProblem,
} from '../../src/fop/index.js';

const S = suite('fop/checksum');

const sha1x16 = (b: Uint8Array) => createHash('sha1').update(b).digest().subarray(0, 16);
const data = Buffer.from(Array.from({ length: 1000 }, (_, i) => (i * 7) & 255));

S('each block gets the first 16 bytes of its SHA-1; the last block may be shorter', () => {
  const out = blockDigests(data, 300);
  assert.is(out.length, 4 * RCHECKSUM_DIGEST_BYTES);
  for (let i = 0; i < 4; i++) {
    assert.equal(out.subarray(16 * i, 16 * (i + 1)), sha1x16(data.subarray(300 * i, 300 * (i + 1))), `block ${i}`);
  }
  assert.is(blockDigests(Buffer.alloc(0), 300).length, 0, 'no bytes, no blocks');
  assert.is(blockDigests(data, 1000).length, 16, 'exactly one full block');
});

S('the result does not depend on how the bytes are chunked', () => {
  const want = blockDigests(data, 128);
  for (const chunk of [1, 7, 128, 129, 999, 1000]) {
    const h = new BlockHasher(128);
    for (let at = 0; at < data.length; at += chunk) h.feed(data.subarray(at, at + chunk));
    assert.equal(h.finish(), want, `chunks of ${chunk}`);
  }
});

S('bad ranges are refused with a reason', () => {
  const cases: [number, number, number, boolean][] = [
    [0, 0, 1, true],
    [5, 4096, 4096, true],
    [0, RCHECKSUM_MAX_LENGTH, 1024, true],
    [0, RCHECKSUM_MAX_LENGTH + 1, 1 << 20, false],
    [0, RCHECKSUM_MAX_BLOCKS + 1, 1, false],
    [-1, 10, 10, false],
    [0, -1, 10, false],
    [0, 10, 0, false],
    [0, 10, 1.5, false],
    [Number.NaN, 10, 10, false],
  ];
  for (const [offset, length, blockSize, ok] of cases) {
    assert.is(rchecksumArgsProblem(offset, length, blockSize) === null, ok, `${offset}, ${length}, ${blockSize}`);
  }
});

S.run();
