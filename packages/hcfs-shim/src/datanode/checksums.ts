import { crc32, crc32c } from '@node-rs/crc32';
import { CHECKSUM_TYPE } from './op-messages.js';

/** The chunk size this datanode announces for reads and uses for BLOCK_CHECKSUM. */
export const BYTES_PER_CHECKSUM = 512;

/** A CRC function over a byte slice (unsigned result). */
export type CrcFn = (data: Uint8Array) => number;

/** The CRC function of a ChecksumTypeProto value, or undefined for NULL and unknown types. */
export function crcOf(type: number): CrcFn | undefined {
  if (type === CHECKSUM_TYPE.CRC32C) return (d) => crc32c(d);
  if (type === CHECKSUM_TYPE.CRC32) return (d) => crc32(d);
  return undefined;
}

/** How many checksums a packet of `dataLen` bytes carries: one per started chunk. */
export function chunkCount(dataLen: number, bytesPerChecksum: number): number {
  return Math.ceil(dataLen / bytesPerChecksum);
}

/**
 * Writes the big-endian CRC of each `bytesPerChecksum` chunk of `data` into `out` from
 * `outOffset` (chunks counted from the start of `data`; the last may be short). Chunks are
 * views, so nothing is copied.
 */
export function putChunkCrcs(data: Uint8Array, bytesPerChecksum: number, crc: CrcFn, out: Buffer, outOffset: number): void {
  for (let i = 0, o = outOffset; i < data.length; i += bytesPerChecksum, o += 4) {
    out.writeUInt32BE(crc(data.subarray(i, i + bytesPerChecksum)), o);
  }
}

/**
 * Checks `sums` (big-endian, one per chunk) against `data`. Returns the index of the first
 * chunk whose CRC differs, or −1 when all match. The caller has checked the lengths agree.
 */
export function findBadChunk(data: Uint8Array, sums: Buffer, bytesPerChecksum: number, crc: CrcFn): number {
  for (let i = 0, k = 0; i < data.length; i += bytesPerChecksum, k++) {
    if (crc(data.subarray(i, i + bytesPerChecksum)) !== sums.readUInt32BE(k * 4)) return k;
  }
  return -1;
}
