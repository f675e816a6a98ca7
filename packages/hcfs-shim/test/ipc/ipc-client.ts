/** A minimal Hadoop IPC client built from the codec, for the server tests (real TCP, no mocks). */
import { connect } from 'node:net';
import type { Socket } from 'node:net';
import { splitDelimited } from '../../src/ipc/framing.js';
import {
  IpcConnectionContextProto, RequestHeaderProto, RPC_KIND, RPC_OPERATION, RpcRequestHeaderProto, RpcResponseHeaderProto,
} from '../../src/ipc/messages.js';
import type { RpcResponseHeader } from '../../src/ipc/messages.js';
import { PacketSplitter } from '../../src/ipc/packet-splitter.js';
import { decode, encode } from '../../src/ipc/protobuf.js';
import { encodeVarint } from '../../src/ipc/varint.js';
import { CLIENT_ID, CLIENT_PROTOCOL, PREAMBLE_HEX } from './capture.js';

export const PREAMBLE = Buffer.from(PREAMBLE_HEX, 'hex');

/** One decoded server response. */
export interface Response {
  readonly header: RpcResponseHeader;
  readonly body: Buffer | undefined;
}

/** Frames varint-delimited messages as one length-prefixed packet. */
export function packet(...messages: Uint8Array[]): Buffer {
  const parts = messages.flatMap((m) => [encodeVarint(m.length), m]);
  const body = Buffer.concat(parts);
  const len = Buffer.alloc(4);
  len.writeUInt32BE(body.length, 0);
  return Buffer.concat([len, body]);
}

/** An RpcRequestHeaderProto with `callId` (negative ones are out of band: context, ping, SASL). */
export function rpcHeader(callId: number): Buffer {
  return encode(RpcRequestHeaderProto, {
    rpcKind: RPC_KIND.RPC_PROTOCOL_BUFFER, rpcOp: RPC_OPERATION.RPC_FINAL_PACKET, callId, clientId: CLIENT_ID,
  });
}

/** The connection-context packet for `user`. */
export function contextPacket(user: string): Buffer {
  return packet(rpcHeader(-3), encode(IpcConnectionContextProto, { userInfo: { effectiveUser: user }, protocol: CLIENT_PROTOCOL }));
}

/** A call packet for `method` carrying `body` as the request message. */
export function callPacket(callId: number, method: string, body: Uint8Array): Buffer {
  return packet(rpcHeader(callId), encode(RequestHeaderProto, {
    methodName: method, declaringClassProtocolName: CLIENT_PROTOCOL, clientProtocolVersion: 1n,
  }), body);
}

/** A connected test client: raw writes, decoded responses in arrival order, and a close promise. */
export interface TestClient {
  readonly socket: Socket;
  write(bytes: Uint8Array): void;
  next(): Promise<Response>;
  readonly closed: Promise<void>;
}

export function openClient(port: number): Promise<TestClient> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    const queue: Response[] = [];
    const waiters: ((r: Response) => void)[] = [];
    const splitter = new PacketSplitter({
      expectPreamble: false,
      onPacket: (p) => {
        const [h, b, ...rest] = splitDelimited(p);
        if (rest.length > 0) throw new Error('trailing bytes in response');
        const r = { header: decode(RpcResponseHeaderProto, h!), body: b === undefined ? undefined : Buffer.from(b) };
        const w = waiters.shift();
        if (w) w(r); else queue.push(r);
      },
    });
    socket.on('data', (c: Buffer) => splitter.push(c));
    const closed = new Promise<void>((res) => socket.on('close', () => res()));
    socket.on('error', () => {});
    socket.once('connect', () => resolve({
      socket,
      closed,
      write: (bytes) => socket.write(bytes),
      next: () => new Promise<Response>((res) => {
        const r = queue.shift();
        if (r) res(r); else waiters.push(res);
      }),
    }));
    socket.once('error', reject);
  });
}
