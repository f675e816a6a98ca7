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
import type { Packet } from './packet-parser.js';
import { refuse, sendAck, sendResponse, statusOfError } from './replies.js';
import { DT_STATUS } from './reply-messages.js';
import type { DtStatus } from './reply-messages.js';

/** Packets whose write may be outstanding before the socket stops being read (the Go client keeps 5). */
export const MAX_PACKETS_IN_FLIGHT = 5;

/** Largest bytesPerChecksum accepted from a writer (HDFS uses 512; a huge one is a bad request). */
const MAX_BYTES_PER_CHECKSUM = 1024 * 1024;

const STAGES: ReadonlySet<number> = new Set(Object.values(BLOCK_STAGE));

/**
 * WRITE_BLOCK: opens the block's file 'r+', replies SUCCESS (with firstBadLink ""), then takes
 * packets. Each packet's CRCs (the type the client requested, CRC32 from the Go client) are
 * verified, its data is written at index·blockSize + offsetInBlock, and it is acked in order
 * once its write completed; writes of up to {@link MAX_PACKETS_IN_FLIGHT} packets overlap.
 * Heartbeats (seqno −1, no data) are acked and not written. The last packet closes the file
 * (flush) before its ack, so an acked byte is on the volume. A bad CRC, a write failure or data
 * beyond the block is acked with an error status and ends the op; nothing after it is acked.
 * Resolves once the connection is closed and the file released. `rest` holds bytes that came
 * with the op request.
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

/** The state of one WRITE_BLOCK op: the open file, the ack chain and flow control. */
class BlockReceiver {
  readonly #socket: Socket;
  readonly #ctx: OpContext;
  readonly #crc: CrcFn;
  readonly #bpc: number;
  readonly #opened: Promise<OpenBlock | undefined>;
  /** Acks are sent by this chain, in packet order; it resolves false once the op has failed. */
  #acks: Promise<boolean>;
  readonly #writes = new Set<Promise<unknown>>();
  #inFlight = 0;
  /** No further packet is accepted: the last one was seen, the op failed, or the socket closed. */
  #done = false;

  constructor(socket: Socket, req: OpWriteBlock, ctx: OpContext, crc: CrcFn, bpc: number) {
    this.#socket = socket;
    this.#ctx = ctx;
    this.#crc = crc;
    this.#bpc = bpc;
    // The volume replicates; targets and pipelineSize are ignored, and one ack reply suffices
    // because the client only checks that every reply is SUCCESS.
    this.#opened = openBlock(ctx.volume, req.header.baseHeader, 'r+').then((b) => {
      sendResponse(socket, { status: DT_STATUS.SUCCESS, firstBadLink: '' });
      return b;
    }, (e: unknown) => {
      this.#done = true;
      const { status, message } = statusOfError(e);
      refuse(socket, status, message);
      return undefined;
    });
    this.#acks = this.#opened.then((b) => b !== undefined);
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
        void this.#acks.then(() => this.#closeFile())
          .catch((e: unknown) => this.#ctx.log(`datanode: ${this.#ctx.peer}: close after write: ${String(e)}`))
          .then(resolve);
      });
    });
  }

  #onPacket(p: Packet): void {
    if (this.#done) return;
    const { header, checksums, data } = p;
    if (header.seqno === -1n && data.length === 0 && !header.lastPacketInBlock) {
      this.#enqueue(header.seqno, Promise.resolve(), false);
      return;
    }
    const bad = findBadChunk(data, checksums, this.#bpc, this.#crc);
    if (bad >= 0) {
      this.#failAt(header.seqno, DT_STATUS.ERROR_CHECKSUM, `checksum mismatch in chunk ${bad} of packet ${header.seqno}`);
      return;
    }
    if (header.lastPacketInBlock) this.#done = true;
    const offset = Number(header.offsetInBlock);
    const write = this.#opened.then((b) => {
      if (!b) return;
      if (offset < 0 || offset + data.length > b.ref.blockSize) {
        throw new FsError('EINVAL', `packet ${header.seqno} writes [${offset}, ${offset + data.length}) outside a block of ${b.ref.blockSize}`);
      }
      return data.length > 0 ? b.fh.pwrite(data, b.start + offset) : undefined;
    });
    this.#enqueue(header.seqno, write, header.lastPacketInBlock);
  }

  #enqueue(seqno: bigint, write: Promise<unknown>, last: boolean): void {
    const tracked = write.catch(() => {}).then(() => { this.#writes.delete(tracked); });
    this.#writes.add(tracked);
    if (++this.#inFlight >= MAX_PACKETS_IN_FLIGHT) this.#socket.pause();
    this.#acks = this.#acks.then(async (ok) => {
      if (!ok) return false;
      try {
        await write;
        if (last) await this.#closeFile();
      } catch (e) {
        const { status, message } = statusOfError(e);
        this.#fail(seqno, status, `packet ${seqno}: ${message}`);
        return false;
      }
      sendAck(this.#socket, seqno, DT_STATUS.SUCCESS);
      if (--this.#inFlight < MAX_PACKETS_IN_FLIGHT) this.#socket.resume();
      if (last) this.#socket.end();
      return true;
    });
  }

  /** Refuses packet `seqno` once every earlier packet has been acked. */
  #failAt(seqno: bigint, status: DtStatus, message: string): void {
    this.#done = true;
    this.#acks = this.#acks.then((ok) => {
      if (ok) this.#fail(seqno, status, message);
      return false;
    });
  }

  #fail(seqno: bigint, status: DtStatus, message: string): void {
    this.#done = true;
    this.#ctx.log(`datanode: ${this.#ctx.peer}: write refused: ${message}`);
    sendAck(this.#socket, seqno, status);
    // Keep reading (and discarding) so the client's close is seen.
    this.#socket.resume();
    this.#socket.end();
  }

  /** Releases the file once no write is outstanding; safe to call more than once. */
  async #closeFile(): Promise<void> {
    const b = await this.#opened;
    if (!b) return;
    await Promise.all([...this.#writes]);
    await b.fh.close();
  }
}
