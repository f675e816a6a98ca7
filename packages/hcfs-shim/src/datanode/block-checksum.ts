import { createHash } from 'node:crypto';
import type { Socket } from 'node:net';
import { BYTES_PER_CHECKSUM, chunkCount, crcOf, putChunkCrcs } from './checksums.js';
import { openBlock } from './block-file.js';
import type { OpenBlock } from './block-file.js';
import type { OpContext } from './op-context.js';
import { compositeCrcs } from './composite-crc.js';
import { BLOCK_CHECKSUM_TYPE, CHECKSUM_TYPE } from './op-messages.js';
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
 * BLOCK_CHECKSUM: condenses the CRC32C of the block's 512-byte chunks, over the length the
 * client asks for (the block's numBytes, at most what the block holds; the whole block when
 * absent), as the options say: MD5CRC (the default) answers their MD5, COMPOSITE_CRC one CRC
 * per stripe (composite-crc.ts). Replies SUCCESS with bytesPerCrc 512, crcPerBlock (the chunks
 * of the whole block, as HDFS counts its stored CRCs), crcType CRC32C and the options echoed.
 * An unreadable block or an unknown checksum type is answered with an error status.
 */
export async function handleBlockChecksum(socket: Socket, req: OpBlockChecksum, ctx: OpContext): Promise<void> {
  const type = req.blockChecksumOptions?.blockChecksumType ?? BLOCK_CHECKSUM_TYPE.MD5CRC;
  if (type !== BLOCK_CHECKSUM_TYPE.MD5CRC && type !== BLOCK_CHECKSUM_TYPE.COMPOSITE_CRC) {
    return refuse(socket, DT_STATUS.ERROR, `Unrecognized BlockChecksumType: ${type}`);
  }
  let block: OpenBlock;
  try {
    block = await openBlock(ctx, req.header, 'READ');
  } catch (e) {
    const { status, message } = statusOfError(e, ctx.redact);
    return refuse(socket, status, message);
  }
  try {
    const requested = req.header.block.numBytes;
    const length = requested === undefined ? block.length : Math.min(block.length, Number(requested));
    const read = (off: number, len: number) => block.fh.pread(len, block.start + off);
    const stripeLength = req.blockChecksumOptions?.stripeLength ?? 0n;
    const blockChecksum = type === BLOCK_CHECKSUM_TYPE.MD5CRC
      ? (await digestBlock(length, read)).md5
      : await compositeCrcs(length, Number(stripeLength), read);
    sendResponse(socket, {
      status: DT_STATUS.SUCCESS,
      checksumResponse: {
        bytesPerCrc: BYTES_PER_CHECKSUM, crcPerBlock: chunkCount(block.length, BYTES_PER_CHECKSUM), blockChecksum,
        crcType: CHECKSUM_TYPE.CRC32C, blockChecksumOptions: { blockChecksumType: type, stripeLength },
      },
    });
    if (!socket.destroyed) socket.end();
  } catch (e) {
    const { status, message } = statusOfError(e, ctx.redact);
    refuse(socket, status, message);
  } finally {
    await block.fh.close().catch((e: unknown) => ctx.log(`datanode: ${ctx.peer}: close after checksum: ${String(e)}`));
  }
}
