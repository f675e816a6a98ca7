import { createHash } from 'node:crypto';
import { crc32c } from '@node-rs/crc32';

/**
 * What `hdfs checksum` prints for `data` stored with `blockSize`, computed independently of the
 * shim: per block the MD5 of the big-endian CRC32C of each 512-byte chunk (Hadoop's
 * MD5-of-CRC32C), then the client's MD5 over those digests plus zero padding (32 bytes,
 * doubled once per block while the digests outgrow it), as colinmarc/hdfs computes it.
 */
export function expectedHdfsChecksum(data: Buffer, blockSize: number): string {
  const file = createHash('md5');
  let padded = 32, total = 0;
  for (let off = 0; off < data.length; off += blockSize) {
    const block = data.subarray(off, Math.min(off + blockSize, data.length));
    const crcs = Buffer.alloc(Math.ceil(block.length / 512) * 4);
    for (let i = 0; i * 512 < block.length; i++) crcs.writeUInt32BE(crc32c(block.subarray(i * 512, (i + 1) * 512)), i * 4);
    const digest = createHash('md5').update(crcs).digest();
    file.update(digest);
    total += digest.length;
    if (padded < total) padded *= 2;
  }
  file.update(Buffer.alloc(padded - total));
  return file.digest('hex');
}

/**
 * The checksum column of Java's `hadoop fs -checksum` for `data` written with `blockSize`,
 * computed independently: `MD5-of-<crcPerBlock>MD5-of-512CRC32C` and the hex of bytesPerCRC,
 * crcPerBlock and the MD5 above, crcPerBlock being 0 for a single-block file (the client reads
 * it from block 0 only when there are several); an empty file is the client's fixed answer.
 * With `composite` (dfs.checksum.combine.mode=COMPOSITE_CRC): `COMPOSITE-CRC32C` and the
 * CRC32C of the whole file, whatever the block size.
 */
export function expectedJavaChecksum(data: Buffer, blockSize: number, composite = false): string {
  if (data.length === 0) return 'MD5-of-0MD5-of-0CRC32\t00000000000000000000000070bc8f4b72a86921468bf8e8441dce51';
  if (composite) return `COMPOSITE-CRC32C\t${crc32c(data).toString(16).padStart(8, '0')}`;
  const crcPerBlock = data.length > blockSize ? blockSize / 512 : 0;
  const head = Buffer.alloc(12);
  head.writeUInt32BE(512, 0);
  head.writeBigUInt64BE(BigInt(crcPerBlock), 4);
  return `MD5-of-${crcPerBlock}MD5-of-512CRC32C\t${head.toString('hex')}${expectedHdfsChecksum(data, blockSize)}`;
}
