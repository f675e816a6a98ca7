import { randomBytes } from 'node:crypto';
import { connect, type Socket } from 'node:net';
import {
  decode, defineMessage, encode, encodeVarint, IpcConnectionContextProto, PacketSplitter, RequestHeaderProto, RPC_KIND,
  RPC_OPERATION, RpcRequestHeaderProto, RpcResponseHeaderProto, splitDelimited, type RpcResponseHeader,
} from 'hcfs-shim';

/** "hrpc", IPC version 9, service class 0, auth SIMPLE: the 7 bytes every connection starts with. */
export const HRPC_PREAMBLE = Buffer.from([0x68, 0x72, 0x70, 0x63, 0x09, 0x00, 0x00]);

/** The protocol every namenode call names. */
export const CLIENT_PROTOCOL = 'org.apache.hadoop.hdfs.protocol.ClientProtocol';

/** hadoop.hdfs.GetFileInfoRequestProto, to make one well-formed call. */
export const GetFileInfoRequestProto = defineMessage({ src: { no: 1, type: 'string', required: true } }, 'GetFileInfoRequestProto');

const CLIENT_ID = Buffer.from(randomBytes(12).toString('base64url').slice(0, 16));

/** Varint-delimited `messages` behind a 4-byte big-endian length: one client packet. */
export function hrpcPacket(...messages: Uint8Array[]): Buffer {
  const body = Buffer.concat(messages.flatMap((m) => [encodeVarint(m.length), m]));
  const len = Buffer.alloc(4);
  len.writeUInt32BE(body.length, 0);
  return Buffer.concat([len, body]);
}

function requestHeader(callId: number): Buffer {
  return encode(RpcRequestHeaderProto, {
    rpcKind: RPC_KIND.RPC_PROTOCOL_BUFFER, rpcOp: RPC_OPERATION.RPC_FINAL_PACKET, callId, clientId: CLIENT_ID,
  });
}

/** The connection-context packet (callId −3) naming `user`. */
export function contextPacket(user: string): Buffer {
  return hrpcPacket(requestHeader(-3), encode(IpcConnectionContextProto, { userInfo: { effectiveUser: user }, protocol: CLIENT_PROTOCOL }));
}

/** A call packet for `method` with an already-encoded request message. */
export function callPacket(callId: number, method: string, request: Uint8Array): Buffer {
  return hrpcPacket(requestHeader(callId), encode(RequestHeaderProto, {
    methodName: method, declaringClassProtocolName: CLIENT_PROTOCOL, clientProtocolVersion: 1n,
  }), request);
}

/** One decoded namenode response. */
export interface HrpcResponse {
  header: RpcResponseHeader;
  body: Buffer | undefined;
}

/** A raw TCP connection to a namenode port: bytes out, decoded responses in, and how it ended. */
export interface HrpcConnection {
  socket: Socket;
  /** Every byte the server sent, decodable or not. */
  readonly received: number;
  /** Responses decoded so far, in arrival order (undecodable bytes leave this empty). */
  readonly responses: HrpcResponse[];
  write(bytes: Uint8Array): void;
  /** The next response, or an Error once the socket closed or `timeoutMs` passed. */
  next(timeoutMs?: number): Promise<HrpcResponse>;
  /** True if the server closed (or reset) the connection within `timeoutMs`. */
  closedWithin(timeoutMs: number): Promise<boolean>;
  close(): void;
}

/** Opens a raw connection to `hostPort` (no preamble is sent; the caller writes every byte). */
export function openHrpc(hostPort: string): Promise<HrpcConnection> {
  const [host, port] = [hostPort.slice(0, hostPort.lastIndexOf(':')), Number(hostPort.slice(hostPort.lastIndexOf(':') + 1))];
  return new Promise((resolve, reject) => {
    const socket = connect(port, host);
    const responses: HrpcResponse[] = [];
    let received = 0;
    let cursor = 0;
    let closed = false;
    const wake = new Set<() => void>();
    const notify = () => { for (const w of [...wake]) w(); };
    const splitter = new PacketSplitter({
      expectPreamble: false,
      maxPacketSize: 16 << 20,
      onPacket: (p) => {
        const [h, b] = splitDelimited(p);
        responses.push({ header: decode(RpcResponseHeaderProto, h!), body: b === undefined ? undefined : Buffer.from(b) });
      },
    });
    let undecodable = false;
    socket.on('data', (chunk: Buffer) => {
      received += chunk.length;
      if (!undecodable) {
        try { splitter.push(chunk); } catch { undecodable = true; }
      }
      notify();
    });
    socket.on('error', () => {});
    socket.on('close', () => { closed = true; notify(); });
    const waitUntil = (ready: () => boolean, timeoutMs: number) => new Promise<boolean>((res) => {
      if (ready()) return res(true);
      const timer = setTimeout(() => { wake.delete(check); res(ready()); }, timeoutMs);
      const check = () => {
        if (!ready() && !closed) return;
        clearTimeout(timer);
        wake.delete(check);
        res(ready());
      };
      wake.add(check);
    });
    socket.once('error', reject);
    socket.once('connect', () => {
      socket.off('error', reject);
      resolve({
        socket,
        get received() { return received; },
        responses,
        write: (bytes) => { socket.write(bytes); },
        async next(timeoutMs = 5000) {
          await waitUntil(() => responses.length > cursor, timeoutMs);
          if (responses.length > cursor) return responses[cursor++]!;
          throw new Error(closed ? 'connection closed before a response' : `no response within ${timeoutMs} ms`);
        },
        closedWithin: (timeoutMs) => waitUntil(() => closed, timeoutMs),
        close: () => { socket.destroy(); },
      });
    });
  });
}
