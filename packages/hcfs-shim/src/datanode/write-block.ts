import type { Socket } from 'node:net';
import { FsError } from 'glusterfs-core';
import { crcOf, findBadChunk } from './checksums.js';
import type { CrcFn } from './checksums.js';
import { openBlock } from './block-file.js';
import type { OpenBlock } from './block-file.js';
import type { OpContext } from './op-context.js';
import { BLOCK_STAGE } from './op-messages.js';
import type { OpWriteBlock } from './op-messages.js';
import { PacketParser } from './packet-parser.js';
import { WriteCoalescer } from './write-coalescer.js';
import type { Packet } from './packet-parser.js';
import { refuse, sendAck, sendResponse, statusOfError } from './replies.js';
import { DT_STATUS } from './reply-messages.js';
import type { DtStatus } from './reply-messages.js';

/** Largest bytesPerChecksum accepted from a writer (HDFS uses 512; a huge one is a bad request). */
const MAX_BYTES_PER_CHECKSUM = 1024 * 1024;

const STAGES: ReadonlySet<number> = new Set(Object.values(BLOCK_STAGE));

/**
 * WRITE_BLOCK: opens the block's file 'r+', replies SUCCESS (with firstBadLink ""), then takes
 * packets. Each packet's CRCs (the type the client requested, CRC32 from the Go client) are
 * verified and its data is queued for index·blockSize + offsetInBlock; consecutive packets go
 * to the volume as writes of about 1 MiB (see WriteCoalescer). A packet is acked, in order, once
 * it is verified and queued, as an HDFS datanode acks once it holds the packet: the Go client
 * keeps only 5 packets unacked, so acking after each replicated write would bound a block's
 * speed by round trips. The last packet is acked only after every write has completed and the
 * file is flushed, so a block the client sees finish is on the volume; a write failure is
 * reported on the next ack (at the latest, the last one). Heartbeats (seqno −1, no data) are
 * acked and not written. A bad CRC, a failed write or data beyond the block is acked with an
 * error status and ends the op; nothing after it is acked. Resolves once the connection is
 * closed and the file released. `rest` holds bytes that came with the op request.
 */
export function handleWriteBlock(socket: Socket, req: OpWriteBlock, rest: Buffer, ctx: OpContext): Promise<void> {
  const crc = crcOf(req.requestedChecksum.type);
  const bpc = req.requestedChecksum.bytesPerChecksum;
  if (!crc || bpc < 1 || bpc > MAX_BYTES_PER_CHECKSUM) {
    refuse(socket, DT_STATUS.ERROR_UNSUPPORTED, `checksum type ${req.requestedChecksum.type}/${bpc} is not supported`);
    return Promise.resolve();
  }
  if (!STAGES.has(req.stage)) {
    refuse(socket, DT_STATUS.ERROR_UNSUPPORTED, `block construction stage ${req.stage} is not supported`);
    return Promise.resolve();
  }
  return new BlockReceiver(socket, req, ctx, crc, bpc).run(rest);
}

/** The state of one WRITE_BLOCK op: the open file, the ordered ack chain and the write queue. */
class BlockReceiver {
  readonly #socket: Socket;
  readonly #ctx: OpContext;
  readonly #crc: CrcFn;
  readonly #bpc: number;
  readonly #opened: Promise<OpenBlock | undefined>;
  readonly #writes: WriteCoalescer;
  /** Packets are handled in this chain, in order, once the file is open; false once the op failed. */
  #chain: Promise<boolean>;
  /** No further packet is accepted: the last one was seen, the op failed, or the socket closed. */
  #done = false;

  constructor(socket: Socket, req: OpWriteBlock, ctx: OpContext, crc: CrcFn, bpc: number) {
    this.#socket = socket;
    this.#ctx = ctx;
    this.#crc = crc;
    this.#bpc = bpc;
    // The volume replicates; targets and pipelineSize are ignored, and one ack reply suffices
    // because the client only checks that every reply is SUCCESS.
    this.#opened = openBlock(ctx, req.header.baseHeader, 'WRITE').then((b) => {
      sendResponse(socket, { status: DT_STATUS.SUCCESS, firstBadLink: '' });
      return b;
    }, (e: unknown) => {
      this.#done = true;
      const { status, message } = statusOfError(e, ctx.redact);
      refuse(socket, status, message);
      return undefined;
    });
    this.#chain = this.#opened.then((b) => b !== undefined);
    this.#writes = new WriteCoalescer(
      async (data, position) => (await this.#opened)?.fh.pwrite(data, position),
      (paused) => (paused ? socket.pause() : socket.resume()),
    );
  }

  run(rest: Buffer): Promise<void> {
    const socket = this.#socket;
    const parser = new PacketParser({
      bytesPerChecksum: this.#bpc, maxPacketSize: this.#ctx.maxPacketSize, onPacket: (p) => this.#onPacket(p),
    });
    const feed = (chunk: Buffer) => {
      if (this.#done || socket.destroyed) return;
      try {
        parser.push(chunk);
      } catch (e) {
        this.#ctx.log(`datanode: dropping ${this.#ctx.peer}: ${e instanceof Error ? e.message : String(e)}`);
        this.#done = true;
        socket.destroy();
      }
    };
    socket.on('data', feed);
    if (rest.length > 0) feed(rest);
    return new Promise<void>((resolve) => {
      socket.once('close', () => {
        this.#done = true;
        void this.#chain.then(() => this.#closeFile())
          .catch((e: unknown) => this.#ctx.log(`datanode: ${this.#ctx.peer}: close after write: ${String(e)}`))
          .then(resolve);
      });
    });
  }

  #onPacket(p: Packet): void {
    if (this.#done) return;
    const { header, checksums, data } = p;
    const seqno = header.seqno;
    if (seqno === -1n && data.length === 0 && !header.lastPacketInBlock) {
      this.#then(() => this.#ack(seqno));
      return;
    }
    const bad = findBadChunk(data, checksums, this.#bpc, this.#crc);
    if (bad >= 0) {
      this.#done = true;
      this.#then(() => this.#fail(seqno, DT_STATUS.ERROR_CHECKSUM, `checksum mismatch in chunk ${bad} of packet ${seqno}`));
      return;
    }
    const last = header.lastPacketInBlock;
    if (last) this.#done = true;
    const offset = Number(header.offsetInBlock);
    this.#then(async (b) => {
      if (offset < 0 || offset + data.length > b.ref.blockSize) {
        return this.#fail(seqno, DT_STATUS.ERROR_INVALID, `packet ${seqno} writes [${offset}, ${offset + data.length}) outside a block of ${b.ref.blockSize}`);
      }
      this.#writes.add(data, b.start + offset);
      try {
        if (last) {
          await this.#closeFile();
        } else if (this.#writes.failure !== undefined) {
          throw this.#writes.failure;
        }
      } catch (e) {
        const { status, message } = statusOfError(e, this.#ctx.redact);
        return this.#fail(seqno, status, `packet ${seqno}: ${message}`);
      }
      this.#ack(seqno);
      if (last) this.#socket.end();
      return true;
    });
  }

  /** Runs `step` after every earlier packet, with the open block, unless the op has failed. */
  #then(step: (b: OpenBlock) => boolean | Promise<boolean>): void {
    this.#chain = this.#chain.then(async (ok) => {
      const b = ok ? await this.#opened : undefined;
      return b ? step(b) : false;
    });
  }

  #ack(seqno: bigint): boolean {
    sendAck(this.#socket, seqno, DT_STATUS.SUCCESS);
    return true;
  }

  #fail(seqno: bigint, status: DtStatus, message: string): false {
    this.#done = true;
    // What was acked before the failure was valid: it still goes to the volume (closeFile drains it).
    this.#writes.flush();
    this.#ctx.log(`datanode: ${this.#ctx.peer}: write refused: ${message}`);
    sendAck(this.#socket, seqno, status);
    // Keep reading (and discarding) so the client's close is seen.
    this.#socket.resume();
    this.#socket.end();
    return false;
  }

  #closing: Promise<void> | undefined;

  /** Writes what is queued, waits for it, and releases the file; once, however often it is called. */
  #closeFile(): Promise<void> {
    this.#closing ??= (async () => {
      const b = await this.#opened;
      if (!b) return;
      try {
        await this.#writes.drain();
      } finally {
        await b.fh.close();
      }
    })();
    return this.#closing;
  }
}
