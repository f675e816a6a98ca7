import type { Socket } from 'node:net';
import { createTcpServer, type TcpServer } from '../net/tcp-server.js';
import { redactorFor } from '../redact.js';
import { decodeRequestPacket, encodeResponse } from './framing.js';
import { IO_EXCEPTION, isIpcError } from './ipc-error.js';
import { RPC_ERROR_CODE, RPC_STATUS } from './messages.js';
import type { RpcRequestHeader } from './messages.js';
import { PacketSplitter } from './packet-splitter.js';
import { IPC_VERSION } from './preamble.js';
import { wireError } from './wire-error.js';

/** Error text of unexpected failures leaves without GFIDs or quoted host paths (the log keeps it whole). */
const GENERIC_REDACT = redactorFor();

/** Who is calling: the connection context's effective user and protocol, and the call's id. */
export interface IpcCall {
  readonly user: string;
  readonly protocol: string;
  readonly callId: number;
}

/**
 * Serves one call: `request` is the method's encoded request message; return its encoded
 * response message. Throw an {@link IpcError} for a Hadoop exception; anything else is sent as
 * java.io.IOException and logged.
 */
export type IpcHandler = (method: string, request: Buffer, call: IpcCall) => Promise<Buffer> | Buffer;

/** Options of {@link createIpcServer}. */
export interface IpcServerOptions {
  readonly handle: IpcHandler;
  /** Receives one line per dropped connection or unexpected handler error; default: silent. */
  readonly log?: (line: string) => void;
  /** Largest accepted client packet, passed to PacketSplitter (default 64 MiB). */
  readonly maxPacketSize?: number;
}

/** A listening Hadoop IPC server. */
export type IpcServer = TcpServer;

/**
 * Hadoop IPC server: per connection, preamble, then the connection-context packet (callId −3,
 * unanswered), then calls. Calls on one connection run concurrently; each reply is written as
 * one whole packet with a single `write`. Bad bytes (a WireError) destroy that socket only.
 */
export function createIpcServer(opts: IpcServerOptions): IpcServer {
  const log = opts.log ?? (() => {});
  return createTcpServer('ipc', (socket) => serveConnection(socket, opts, log), log);
}

function serveConnection(socket: Socket, opts: IpcServerOptions, log: (line: string) => void): void {
  const peer = `${socket.remoteAddress}:${socket.remotePort}`;
  let ctx: { user: string; protocol: string } | undefined;
  const splitter = new PacketSplitter({
    maxPacketSize: opts.maxPacketSize,
    onPacket: (packet) => {
      const p = decodeRequestPacket(packet);
      if (p.kind === 'context') {
        if (ctx) throw wireError('MALFORMED', 'second connection-context packet');
        ctx = { user: p.context.userInfo?.effectiveUser ?? '', protocol: p.context.protocol ?? '' };
        return;
      }
      if (!ctx) throw wireError('MALFORMED', 'call before the connection-context packet');
      void runCall(socket, opts, log, p.header, p.request.methodName, p.body, ctx);
    },
  });
  socket.on('data', (chunk: Buffer) => {
    if (socket.destroyed) return;
    try {
      splitter.push(chunk);
    } catch (e) {
      log(`ipc: dropping ${peer}: ${e instanceof Error ? e.message : String(e)}`);
      socket.destroy();
    }
  });
  socket.on('error', (e) => log(`ipc: ${peer}: ${e.message}`));
}

async function runCall(
  socket: Socket, opts: IpcServerOptions, log: (line: string) => void,
  header: RpcRequestHeader, method: string, body: Buffer, ctx: { user: string; protocol: string },
): Promise<void> {
  const { callId, clientId } = header;
  const base = { callId, clientId, serverIpcVersionNum: IPC_VERSION };
  let packet: Buffer;
  try {
    // Copy: the body may be a view of a socket chunk, and the handler may keep it.
    const result = await opts.handle(method, Buffer.from(body), { ...ctx, callId });
    packet = encodeResponse({ ...base, status: RPC_STATUS.SUCCESS }, result);
  } catch (e) {
    if (isIpcError(e)) {
      packet = encodeResponse({
        ...base, status: RPC_STATUS.ERROR, exceptionClassName: e.exceptionClassName, errorMsg: e.message, errorDetail: e.errorDetail,
      });
    } else {
      const msg = e instanceof Error ? e.message : String(e);
      log(`ipc: ${method} (callId ${callId}) failed: ${e instanceof Error && e.stack ? e.stack : msg}`);
      packet = encodeResponse({
        ...base, status: RPC_STATUS.ERROR, exceptionClassName: IO_EXCEPTION, errorMsg: GENERIC_REDACT(msg), errorDetail: RPC_ERROR_CODE.ERROR_APPLICATION,
      });
    }
  }
  if (!socket.destroyed && socket.writable) socket.write(packet);
}
