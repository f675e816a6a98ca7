import type { Socket } from 'node:net';
import { BYTES_PER_CHECKSUM, crcOf } from './checksums.js';
import type { CrcFn } from './checksums.js';
import { openBlock } from './block-file.js';
import type { OpenBlock } from './block-file.js';
import type { OpContext } from './op-context.js';
import { CHECKSUM_TYPE } from './op-messages.js';
import type { OpReadBlock } from './op-messages.js';
import { encodePacketHead } from './packet.js';
import { refuse, sendResponse, statusOfError } from './replies.js';
import { DT_STATUS } from './reply-messages.js';

/** Data bytes per read packet, as HDFS sends (a multiple of the checksum chunk). */
export const READ_PACKET_SIZE = 64 * 1024;
/** Bytes per volume read: several packets' worth, to amortise a read's trip through the graph. */
const READ_UNIT = 4 * READ_PACKET_SIZE;
/** Volume reads kept in flight ahead of the socket. */
const READ_AHEAD = 4;

const CRC32C = crcOf(CHECKSUM_TYPE.CRC32C)!;

/**
 * READ_BLOCK: replies SUCCESS with CRC32C/512 and a chunkOffset (the requested offset rounded
 * down to 512), then sends the block's bytes from there to min(offset + len, block length) in
 * 64 KiB packets, then an empty last packet, then half-closes. A read that runs past the end
 * of the file sends what exists; an offset past the block's end is ERROR_INVALID. The client may
 * close at any time; that just ends the op.
 */
export async function handleReadBlock(socket: Socket, req: OpReadBlock, ctx: OpContext): Promise<void> {
  let block: OpenBlock;
  try {
    block = await openBlock(ctx, req.header.baseHeader, 'READ');
  } catch (e) {
    const { status, message } = statusOfError(e, ctx.redact);
    return refuse(socket, status, message);
  }
  try {
    const offset = Number(req.offset);
    if (offset > block.length) {
      return refuse(socket, DT_STATUS.ERROR_INVALID, `offset ${req.offset} is past the block's ${block.length} bytes`);
    }
    const end = Math.min(block.length, offset + Number(req.len));
    const chunkOffset = offset - (offset % BYTES_PER_CHECKSUM);
    sendResponse(socket, {
      status: DT_STATUS.SUCCESS,
      readOpChecksumInfo: { checksum: { type: CHECKSUM_TYPE.CRC32C, bytesPerChecksum: BYTES_PER_CHECKSUM }, chunkOffset },
    });
    const sent = await streamRange(socket, block, chunkOffset, end);
    if (socket.destroyed) return;
    writePacket(socket, { offsetInBlock: sent.offset, seqno: sent.seqno, last: true }, Buffer.alloc(0), CRC32C);
    socket.end();
  } finally {
    await block.fh.close().catch((e: unknown) => ctx.log(`datanode: ${ctx.peer}: close after read: ${String(e)}`));
  }
}

/**
 * Sends [from, end) of the block as packets, keeping READ_AHEAD volume reads in flight and
 * waiting for the socket to drain when it is full. Stops early when the socket closes or the
 * file turns out shorter than it was. Returns where the next packet would start.
 */
async function streamRange(socket: Socket, block: OpenBlock, from: number, end: number): Promise<{ offset: number; seqno: number }> {
  const reads: { at: number; want: number; data: Promise<Buffer> }[] = [];
  let next = from;
  let pos = from;
  let seqno = 0;
  try {
    while (pos < end && !socket.destroyed) {
      while (reads.length < READ_AHEAD && next < end) {
        const want = Math.min(READ_UNIT, end - next);
        reads.push({ at: next, want, data: block.fh.pread(want, block.start + next) });
        next += want;
      }
      const r = reads.shift()!;
      const data = await r.data;
      for (let i = 0; i < data.length && !socket.destroyed; i += READ_PACKET_SIZE) {
        const piece = data.subarray(i, i + READ_PACKET_SIZE);
        if (!writePacket(socket, { offsetInBlock: r.at + i, seqno: seqno++, last: false }, piece, CRC32C)) await drained(socket);
      }
      pos = r.at + data.length;
      if (data.length < r.want) break;
    }
    return { offset: pos, seqno };
  } finally {
    // Reads still in flight have no reader any more; their failures are moot.
    for (const r of reads) r.data.catch(() => {});
  }
}

/** Writes one packet (head and data coalesced); false when the socket's buffer is full. */
function writePacket(socket: Socket, p: { offsetInBlock: number; seqno: number; last: boolean }, data: Buffer, crc: CrcFn): boolean {
  if (socket.destroyed) return false;
  const head = encodePacketHead(p, data, BYTES_PER_CHECKSUM, crc);
  socket.cork();
  const headOk = socket.write(head);
  // The later write sees the fuller buffer, so its verdict covers both.
  const ok = data.length === 0 ? headOk : socket.write(data);
  socket.uncork();
  return ok;
}

/** Resolves when the socket can take more, or is gone. */
function drained(socket: Socket): Promise<void> {
  if (socket.destroyed) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      socket.off('drain', done);
      socket.off('close', done);
      resolve();
    };
    socket.on('drain', done);
    socket.on('close', done);
  });
}
