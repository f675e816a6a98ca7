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
