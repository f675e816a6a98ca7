import { createHash } from 'node:crypto';
import { crc32c } from '@node-rs/crc32';

/** Bytes covered by one CRC, as HDFS datanodes checksum (dfs.bytes-per-checksum). */
export const BYTES_PER_CRC = 512;

/** GETFILECHECKSUM's `FileChecksum` object. */
export interface FileChecksumJson {
  /** e.g. `MD5-of-262144MD5-of-512CRC32C`. */
  algorithm: string;
  /** The serialized checksum in lower-case hex. */
  bytes: string;
  /** Bytes in the serialized checksum (28). */
  length: number;
}

/** Incremental MD5-of-CRC32C of one block: feed its bytes in any slicing, then `digest()` once. */
export interface BlockDigest {
  update(data: Uint8Array): void;
  /** The block's MD5 over its big-endian CRC32Cs, and how many CRCs that was. */
  digest(): { md5: Buffer; crcCount: number };
}

/**
 * What a datanode answers for OP_BLOCK_CHECKSUM: the MD5 of the concatenated big-endian CRC32C
 * of every {@link BYTES_PER_CRC}-byte chunk of the block (the last chunk may be short).
 */
export function createBlockDigest(): BlockDigest {
  const md5 = createHash('md5');
  const out = Buffer.alloc(4);
  let crc = 0;
  let inChunk = 0;
  let count = 0;
  const emit = () => {
    out.writeUInt32BE(crc >>> 0);
    md5.update(out);
    count++;
    crc = 0;
    inChunk = 0;
  };
  return {
    update(data) {
      let at = 0;
      while (at < data.length) {
        const n = Math.min(BYTES_PER_CRC - inChunk, data.length - at);
        crc = crc32c(data.subarray(at, at + n), crc);
        inChunk += n;
        at += n;
        if (inChunk === BYTES_PER_CRC) emit();
      }
    },
    digest() {
      if (inChunk > 0) emit();
      return { md5: md5.digest(), crcCount: count };
    },
  };
}

/**
 * MD5MD5CRC32FileChecksum.write: 4-byte big-endian bytesPerCRC, 8-byte big-endian crcPerBlock,
 * then the 16-byte MD5 (28 bytes).
 */
export function serializeFileChecksum(bytesPerCrc: number, crcPerBlock: number, md5: Uint8Array): Buffer {
  const b = Buffer.alloc(28);
  b.writeInt32BE(bytesPerCrc, 0);
  b.writeBigInt64BE(BigInt(crcPerBlock), 4);
  b.set(md5, 12);
  return b;
}

/**
 * The file MD5 over the block MD5s, bug-compatible with HDFS: the client collects the block
 * MD5s in a DataOutputBuffer and digests its whole backing array (`getData()`), which starts at
 * 32 bytes and doubles, so the MD5 covers the block MD5s followed by zero padding.
 */
export function md5OfBlockMd5s(blockMd5s: readonly Uint8Array[]): Buffer {
  const used = blockMd5s.length * 16;
  let capacity = 32;
  while (capacity < used) capacity *= 2;
  const buf = Buffer.alloc(capacity);
  blockMd5s.forEach((m, i) => buf.set(m, i * 16));
  return createHash('md5').update(buf).digest();
}

/**
 * GETFILECHECKSUM's answer from the per-block digests, in file order. As in HDFS, crcPerBlock is
 * the first block's CRC count when the file has more than one block and 0 otherwise, and a file
 * without blocks gets the legacy magic entry (MD5 of 32 zero bytes, CRC32 with 0/0).
 */
export function fileChecksumOf(blocks: readonly { md5: Uint8Array; crcCount: number }[]): FileChecksumJson {
  if (blocks.length === 0) {
    const md5 = createHash('md5').update(Buffer.alloc(32)).digest();
    return { algorithm: 'MD5-of-0MD5-of-0CRC32', bytes: serializeFileChecksum(0, 0, md5).toString('hex'), length: 28 };
  }
  const crcPerBlock = blocks.length > 1 ? blocks[0]!.crcCount : 0;
  const md5 = md5OfBlockMd5s(blocks.map((b) => b.md5));
  return {
    algorithm: `MD5-of-${crcPerBlock}MD5-of-${BYTES_PER_CRC}CRC32C`,
    bytes: serializeFileChecksum(BYTES_PER_CRC, crcPerBlock, md5).toString('hex'),
    length: 28,
  };
}
