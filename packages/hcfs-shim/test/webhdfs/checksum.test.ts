import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createHash } from 'node:crypto';
import { crc32c } from '@node-rs/crc32';
import {
  BYTES_PER_CRC, createBlockDigest, fileChecksumOf, md5OfBlockMd5s, serializeFileChecksum,
} from '../../src/webhdfs/checksum.js';

/** The block MD5 spelled out the slow way: one CRC32C per 512-byte chunk, big-endian, then MD5. */
function referenceBlockMd5(data: Buffer): Buffer {
  const crcs: Buffer[] = [];
  for (let at = 0; at < data.length; at += BYTES_PER_CRC) {
    const c = Buffer.alloc(4);
    c.writeUInt32BE(crc32c(data.subarray(at, at + BYTES_PER_CRC)) >>> 0);
    crcs.push(c);
  }
  return createHash('md5').update(Buffer.concat(crcs)).digest();
}

function seeded(n: number, seed: number): Buffer {
  const b = Buffer.alloc(n);
  let x = seed;
  for (let i = 0; i < n; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    b[i] = x >>> 24;
  }
  return b;
}

test('crc32c is the Castagnoli CRC (check value of "123456789")', () => {
  assert.is(crc32c(Buffer.from('123456789')) >>> 0, 0xe3069283);
});

test('the block digest does not depend on how the bytes are sliced', () => {
  const data = seeded(5 * 512 + 77, 7);
  for (const slice of [1, 100, 512, 513, 4096, data.length]) {
    const d = createBlockDigest();
    for (let at = 0; at < data.length; at += slice) d.update(data.subarray(at, at + slice));
    const { md5, crcCount } = d.digest();
    assert.is(crcCount, 6, `slice ${slice}`);
    assert.equal(md5, referenceBlockMd5(data), `slice ${slice}`);
  }
});

test('serialization is int bytesPerCRC, long crcPerBlock, then the MD5 (28 bytes, big-endian)', () => {
  const md5 = Buffer.from('00112233445566778899aabbccddeeff', 'hex');
  const b = serializeFileChecksum(512, 262144, md5);
  assert.is(b.toString('hex'), '00000200' + '0000000000040000' + md5.toString('hex'));
});

test('an empty file gets HDFS\'s magic entry (MD5 of 32 zero bytes, CRC32, 0/0)', () => {
  assert.equal(fileChecksumOf([]), {
    algorithm: 'MD5-of-0MD5-of-0CRC32',
    bytes: '00000000' + '0000000000000000' + '70bc8f4b72a86921468bf8e8441dce51',
    length: 28,
  });
});

test('a one-block file has crcPerBlock 0 and its MD5 covers the block MD5 padded to 32 bytes', () => {
  const data = seeded(1000, 3);
  const d = createBlockDigest();
  d.update(data);
  const sum = fileChecksumOf([d.digest()]);
  const padded = Buffer.concat([referenceBlockMd5(data), Buffer.alloc(16)]);
  assert.is(sum.algorithm, 'MD5-of-0MD5-of-512CRC32C');
  assert.is(sum.length, 28);
  assert.is(sum.bytes, '00000200' + '0000000000000000' + createHash('md5').update(padded).digest('hex'));
});

test('a multi-block file takes crcPerBlock from its first block; padding follows the doubling buffer', () => {
  const blocks = [seeded(2048, 1), seeded(2048, 2), seeded(100, 3)];
  const digests = blocks.map((b) => {
    const d = createBlockDigest();
    d.update(b);
    return d.digest();
  });
  const sum = fileChecksumOf(digests);
  assert.is(sum.algorithm, 'MD5-of-4MD5-of-512CRC32C');
  // Three MD5s (48 bytes) sit in a 64-byte buffer: 16 zero bytes follow.
  const padded = Buffer.concat([...blocks.map(referenceBlockMd5), Buffer.alloc(16)]);
  assert.is(sum.bytes.slice(24), createHash('md5').update(padded).digest('hex'));
  assert.is(sum.bytes.slice(0, 24), '00000200' + '0000000000000004');
  // Two MD5s fill the initial 32 bytes exactly: no padding.
  const two = [referenceBlockMd5(blocks[0]!), referenceBlockMd5(blocks[1]!)];
  assert.equal(md5OfBlockMd5s(two), createHash('md5').update(Buffer.concat(two)).digest());
});

test.run();
