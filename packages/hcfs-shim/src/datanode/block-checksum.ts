import { createHash } from 'node:crypto';
import type { Socket } from 'node:net';
import { BYTES_PER_CHECKSUM, chunkCount, crcOf, putChunkCrcs } from './checksums.js';
import { openBlock } from './block-file.js';
import type { OpenBlock } from './block-file.js';
import type { OpContext } from './op-context.js';
import { CHECKSUM_TYPE } from './op-messages.js';
import type { OpBlockChecksum } from './op-messages.js';
import { refuse, sendResponse, statusOfError } from './replies.js';
import { DT_STATUS } from './reply-messages.js';

/** Bytes per volume read while checksumming (a multiple of the chunk size). */
const READ_UNIT = 1024 * 1024;

const CRC32C = crcOf(CHECKSUM_TYPE.CRC32C)!;

/** A block's MD5-of-CRC32C digest, as HDFS computes it for `hadoop fs -checksum`. */
export interface BlockDigest {
  /** Number of 512-byte chunks (the last may be short). */
  readonly crcPerBlock: number;
  /** MD5 of the concatenated big-endian CRC32C of every chunk. */
  readonly md5: Buffer;
}

/**
 * Computes the {@link BlockDigest} of `length` bytes from `read`, which is called with
 * successive (offset, length) ranges of at most 1 MiB; the next read is issued while the
 * previous one is hashed. A short read means the file shrank: the digest covers what was read.
 */
export async function digestBlock(length: number, read: (offset: number, length: number) => Promise<Buffer>): Promise<BlockDigest> {
  const md5 = createHash('md5');
  const sums = Buffer.allocUnsafe(chunkCount(READ_UNIT, BYTES_PER_CHECKSUM) * 4);
  let chunks = 0;
  let pos = 0;
  let pending = length > 0 ? read(0, Math.min(READ_UNIT, length)) : undefined;
  while (pending) {
    const data = await pending;
    const want = Math.min(READ_UNIT, length - pos);
    pos += data.length;
    pending = data.length === want && pos < length ? read(pos, Math.min(READ_UNIT, length - pos)) : undefined;
    const n = chunkCount(data.length, BYTES_PER_CHECKSUM);
    putChunkCrcs(data, BYTES_PER_CHECKSUM, CRC32C, sums, 0);
    md5.update(sums.subarray(0, n * 4));
    chunks += n;
  }
  return { crcPerBlock: chunks, md5: md5.digest() };
}

/**
 * BLOCK_CHECKSUM: digests the block's bytes from its start to min(blockSize, file size −
 * start) and replies SUCCESS with bytesPerCrc 512, crcPerBlock, the MD5 and crcType CRC32C.
 * An unreadable block is answered with an error status.
 */
export async function handleBlockChecksum(socket: Socket, req: OpBlockChecksum, ctx: OpContext): Promise<void> {
  let block: OpenBlock;
  try {
    block = await openBlock(ctx, req.header, 'READ');
  } catch (e) {
    const { status, message } = statusOfError(e, ctx.redact);
    return refuse(socket, status, message);
  }
  try {
    const d = await digestBlock(block.length, (off, len) => block.fh.pread(len, block.start + off));
    sendResponse(socket, {
      status: DT_STATUS.SUCCESS,
      checksumResponse: { bytesPerCrc: BYTES_PER_CHECKSUM, crcPerBlock: d.crcPerBlock, blockChecksum: d.md5, crcType: CHECKSUM_TYPE.CRC32C },
    });
    if (!socket.destroyed) socket.end();
  } catch (e) {
    const { status, message } = statusOfError(e, ctx.redact);
    refuse(socket, status, message);
  } finally {
    await block.fh.close().catch((e: unknown) => ctx.log(`datanode: ${ctx.peer}: close after checksum: ${String(e)}`));
  }
}
