import { connect } from 'node:net';
import { crc32 } from '@node-rs/crc32';
import {
  BLOCK_STAGE, BlockOpResponseProto, CHECKSUM_TYPE, decode, decodeVarintNumber, DT_OP, encode, encodeVarint, OpBlockChecksumProto,
  OpReadBlockProto, OpWriteBlockProto, PacketHeaderProto, type MessageInit, type MessageSchema,
} from 'hcfs-shim';

/** An ExtendedBlockProto and TokenProto as a namenode hands them out (and a forger edits them). */
export interface BlockAndToken {
  block: { poolId: string; blockId: bigint; generationStamp: bigint; numBytes?: bigint };
  token: { identifier: Buffer; password: Buffer; kind: string; service: string };
}

/** What a datanode answered: the op reply, and every byte after it. */
export interface DatanodeAnswer {
  status: number;
  message: string;
  /** Bytes the datanode sent after its reply (read packets, acks). */
  after: Buffer;
}

function request<M extends MessageSchema>(op: number, schema: M, value: MessageInit<M>): Buffer {
  const body = encode(schema, value);
  return Buffer.concat([Buffer.from([0x00, 0x1c, op]), encodeVarint(body.length), body]);
}

/** Sends `bytes` on a fresh connection to `hostPort` and collects everything until the datanode closes. */
export function exchange(hostPort: string, bytes: Buffer, timeoutMs = 15_000): Promise<Buffer> {
  const i = hostPort.lastIndexOf(':');
  return new Promise((resolve, reject) => {
    const got: Buffer[] = [];
    const s = connect(Number(hostPort.slice(i + 1)), hostPort.slice(0, i), () => s.write(bytes));
    const timer = setTimeout(() => { s.destroy(); reject(new Error(`datanode ${hostPort} did not close within ${timeoutMs} ms`)); }, timeoutMs);
    s.on('data', (d: Buffer) => got.push(d));
    s.on('error', () => {});
    s.on('close', () => { clearTimeout(timer); resolve(Buffer.concat(got)); });
  });
}

function answer(raw: Buffer): DatanodeAnswer {
  if (raw.length === 0) throw new Error('the datanode closed without a reply');
  const [len, start] = decodeVarintNumber(raw, 0);
  const r = decode(BlockOpResponseProto, raw.subarray(start, start + len));
  return { status: r.status, message: r.message ?? '', after: raw.subarray(start + len) };
}

/** READ_BLOCK of `len` bytes from `offset`, as the Go client sends it. */
export async function readBlock(hostPort: string, b: BlockAndToken, offset: number, len: number): Promise<DatanodeAnswer> {
  return answer(await exchange(hostPort, request(DT_OP.READ_BLOCK, OpReadBlockProto, {
    header: { baseHeader: { block: b.block, token: b.token }, clientName: 'hostile-client' }, offset, len,
  })));
}

/** BLOCK_CHECKSUM. */
export async function blockChecksum(hostPort: string, b: BlockAndToken): Promise<DatanodeAnswer> {
  return answer(await exchange(hostPort, request(DT_OP.BLOCK_CHECKSUM, OpBlockChecksumProto, { header: { block: b.block, token: b.token } })));
}

/** One write packet (CRC32 per 512 bytes, as the Go client writes). */
function packet(seqno: number, offsetInBlock: number, data: Buffer, last: boolean): Buffer {
  const header = encode(PacketHeaderProto, { offsetInBlock, seqno, lastPacketInBlock: last, dataLen: data.length });
  const n = Math.ceil(data.length / 512);
  const sums = Buffer.alloc(n * 4);
  for (let i = 0; i < n; i++) sums.writeUInt32BE(crc32(data.subarray(i * 512, (i + 1) * 512)), i * 4);
  const prefix = Buffer.alloc(6);
  prefix.writeUInt32BE(4 + sums.length + data.length, 0);
  prefix.writeUInt16BE(header.length, 4);
  return Buffer.concat([prefix, header, sums, data]);
}

/**
 * WRITE_BLOCK of `data` at the start of the block, sent the way a hasty client does: the op
 * and every packet at once, without waiting for the reply.
 */
export async function writeBlock(hostPort: string, b: BlockAndToken, data: Buffer, clientName = 'hostile-client'): Promise<DatanodeAnswer> {
  const op = request(DT_OP.WRITE_BLOCK, OpWriteBlockProto, {
    header: { baseHeader: { block: b.block, token: b.token }, clientName }, stage: BLOCK_STAGE.PIPELINE_SETUP_CREATE, pipelineSize: 0,
    minBytesRcvd: 0, maxBytesRcvd: 0, latestGenerationStamp: 0, requestedChecksum: { type: CHECKSUM_TYPE.CRC32, bytesPerChecksum: 512 },
  });
  const packets: Buffer[] = [];
  for (let off = 0, seq = 1; off < data.length; off += 65536, seq++) packets.push(packet(seq, off, data.subarray(off, off + 65536), false));
  packets.push(packet(packets.length + 1, data.length, Buffer.alloc(0), true));
  return answer(await exchange(hostPort, Buffer.concat([op, ...packets])));
}
