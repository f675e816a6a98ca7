import { connect } from 'node:net';
import type { Socket } from 'node:net';
import { crc32, crc32c } from '@node-rs/crc32';
import { decode, decodeVarintNumber, encode, encodeVarint } from '../../src/ipc/index.js';
import type { MessageInit, MessageSchema, MessageValue } from '../../src/ipc/index.js';
import { blockIdOf, POOL_ID } from '../../src/blocks/block-ref.js';
import type { BlockRef } from '../../src/blocks/block-ref.js';
import type { AccessMode } from '../../src/blocks/index.js';
import { TEST_TOKENS } from '../blocks/test-tokens.js';
import { PacketHeaderProto } from '../../src/datanode/packet.js';
import type { PacketHeader } from '../../src/datanode/packet.js';

/** The lease holder the fixture's files are leased to, and write tokens are issued for. */
export const TEST_HOLDER = 'go-hdfs-test';

/**
 * The BaseHeaderProto a namenode would hand out for `ref`: the block and a token signed with
 * the fixtures' keys, granting READ and WRITE (to {@link TEST_HOLDER}) unless `modes` says otherwise.
 */
export function baseHeaderFor(ref: BlockRef, numBytes = 0, modes: AccessMode[] = ['READ', 'WRITE']) {
  return {
    block: { poolId: POOL_ID, blockId: blockIdOf(ref.gfid, ref.index), generationStamp: 1000, numBytes },
    token: TEST_TOKENS.generateToken({ userId: 'tester', blockPoolId: POOL_ID, ref, modes, holder: TEST_HOLDER }),
  };
}

/** An op request as the Go client writes it: 00 1C, op byte, varint-delimited message. */
export function opRequest<M extends MessageSchema>(op: number, schema: M, value: MessageInit<M>, version = 28): Buffer {
  const body = encode(schema, value);
  const head = Buffer.alloc(3);
  head.writeUInt16BE(version, 0);
  head[2] = op;
  return Buffer.concat([head, encodeVarint(body.length), body]);
}

/**
 * A write packet as the Go client builds it: CRC32 (IEEE) per 512-byte chunk of this packet's
 * data. `corruptChunk` flips one stored checksum.
 */
export function dataPacket(seqno: number, offsetInBlock: number, data: Buffer, opts: { last?: boolean; corruptChunk?: number } = {}): Buffer {
  const header = encode(PacketHeaderProto, { offsetInBlock, seqno, lastPacketInBlock: opts.last ?? false, dataLen: data.length });
  const n = Math.ceil(data.length / 512);
  const sums = Buffer.alloc(n * 4);
  for (let i = 0; i < n; i++) sums.writeUInt32BE(crc32(data.subarray(i * 512, (i + 1) * 512)), i * 4);
  if (opts.corruptChunk !== undefined) sums.writeUInt32BE((sums.readUInt32BE(opts.corruptChunk * 4) ^ 1) >>> 0, opts.corruptChunk * 4);
  const prefix = Buffer.alloc(6);
  prefix.writeUInt32BE(4 + sums.length + data.length, 0);
  prefix.writeUInt16BE(header.length, 4);
  return Buffer.concat([prefix, header, sums, data]);
}

/** The heartbeat packet the Go client sends after 30 s idle: payloadLen 4, seqno −1, no data. */
export function heartbeatPacket(): Buffer {
  const header = encode(PacketHeaderProto, { offsetInBlock: 0, seqno: -1, lastPacketInBlock: false, dataLen: 0 });
  const prefix = Buffer.alloc(6);
  prefix.writeUInt32BE(4, 0);
  prefix.writeUInt16BE(header.length, 4);
  return Buffer.concat([prefix, header]);
}

/** A received read packet whose CRC32C checksums were all verified. */
export interface ReadPacket {
  readonly header: PacketHeader;
  readonly data: Buffer;
}

/** A test client connection: exact-length reads over a buffered socket. */
export class DnConn {
  readonly socket: Socket;
  readonly #chunks: Buffer[] = [];
  #buffered = 0;
  #ended = false;
  #wake: (() => void) | undefined;
  /** Resolves when the server's side has closed (FIN or reset). */
  readonly closed: Promise<void>;

  private constructor(socket: Socket) {
    this.socket = socket;
    socket.on('data', (c: Buffer) => { this.#chunks.push(c); this.#buffered += c.length; this.#wake?.(); });
    this.closed = new Promise((resolve) => {
      const end = () => { this.#ended = true; this.#wake?.(); resolve(); };
      socket.on('end', end);
      socket.on('close', end);
      socket.on('error', () => {});
    });
  }

  /** Connects to a datanode on 127.0.0.1:`port`. */
  static open(port: number): Promise<DnConn> {
    return new Promise((resolve, reject) => {
      const s = connect(port, '127.0.0.1', () => resolve(new DnConn(s)));
      s.once('error', reject);
    });
  }

  write(b: Buffer): void {
    this.socket.write(b);
  }

  /** Exactly `n` bytes; rejects when the server closes first. */
  async read(n: number): Promise<Buffer> {
    while (this.#buffered < n) {
      if (this.#ended) throw new Error(`connection closed with ${this.#buffered} of ${n} bytes`);
      await new Promise<void>((r) => { this.#wake = r; });
      this.#wake = undefined;
    }
    const all = this.#chunks.length === 1 ? this.#chunks[0]! : Buffer.concat(this.#chunks);
    this.#chunks.length = 0;
    if (all.length > n) this.#chunks.push(all.subarray(n));
    this.#buffered -= n;
    return all.subarray(0, n);
  }

  /** True when the server closed and every byte it sent has been read. */
  async atEof(): Promise<boolean> {
    await this.closed;
    return this.#buffered === 0;
  }

  /**
   * A varint-delimited message, read like the Go client: 5 bytes first, so a message shorter
   * than 5 bytes on the wire fails here as it would there. `raw` is prefix + body.
   */
  async readDelimited<M extends MessageSchema>(schema: M): Promise<{ value: MessageValue<M>; raw: Buffer }> {
    const first = await this.read(5);
    const [len, start] = decodeVarintNumber(first, 0);
    if (start + len < 5) throw new Error(`delimited message of ${start + len} bytes is under the client's 5`);
    const rest = await this.read(start + len - 5);
    const raw = Buffer.concat([first, rest]);
    return { value: decode(schema, raw.subarray(start)), raw };
  }

  /** One read packet; throws unless every chunk's CRC32C (per 512 bytes of this packet) matches. */
  async readPacket(): Promise<ReadPacket> {
    const prefix = await this.read(6);
    const header = decode(PacketHeaderProto, await this.read(prefix.readUInt16BE(4)));
    const n = Math.ceil(header.dataLen / 512);
    if (prefix.readUInt32BE(0) !== 4 + n * 4 + header.dataLen) throw new Error('payloadLen disagrees with dataLen');
    const sums = Buffer.from(await this.read(n * 4));
    const data = Buffer.from(await this.read(header.dataLen));
    for (let i = 0; i < n; i++) {
      if (crc32c(data.subarray(i * 512, (i + 1) * 512)) !== sums.readUInt32BE(i * 4)) {
        throw new Error(`bad CRC32C in chunk ${i} of packet ${header.seqno}`);
      }
    }
    return { header, data };
  }

  close(): void {
    this.socket.destroy();
  }
}
