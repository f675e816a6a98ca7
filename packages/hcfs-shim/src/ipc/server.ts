import { setMaxListeners } from 'node:events';
import type { Socket } from 'node:net';
import { FsError } from 'glusterfs-core';
import type { GuardedConnection } from '../net/connection-guard.js';
import { createTcpServer, type TcpServer } from '../net/tcp-server.js';
import { redactorFor } from '../redact.js';
import { decodeRequestPacket, encodeResponse, SASL_CALL_ID } from './framing.js';
import { IO_EXCEPTION, isIpcError, type RpcErrorCode } from './ipc-error.js';
import { RPC_ERROR_CODE, RPC_STATUS, RpcSaslProto, SASL_STATE } from './messages.js';
import type { RpcRequestHeader, RpcSasl } from './messages.js';
import { PacketSplitter } from './packet-splitter.js';
import { AUTH_SASL, IPC_VERSION } from './preamble.js';
import { encode } from './protobuf.js';
import { wireError } from './wire-error.js';

/** Error text of unexpected failures leaves without GFIDs or quoted host paths (the log keeps it whole). */
const GENERIC_REDACT = redactorFor();

/** Who is calling: the connection context's effective user and protocol, and the call's id. */
export interface IpcCall {
  readonly user: string;
  readonly protocol: string;
  readonly callId: number;
  /** Aborted when the client disconnects or the call runs past its time: stop working then. */
  readonly signal: AbortSignal;
}

/**
 * Serves one call: `request` is the method's encoded request message; return its encoded
 * response message. Throw an {@link IpcError} for a Hadoop exception; anything else is sent as
 * java.io.IOException and logged.
 */
export type IpcHandler = (method: string, request: Buffer, call: IpcCall) => Promise<Buffer> | Buffer;

/** Sizes and times of the IPC server (see {@link DEFAULT_IPC_LIMITS}). */
export interface IpcLimits {
  /** Largest packet before the connection context is in: the context is ~100 bytes. */
  preContextPacketSize: number;
  /** Largest request packet after it (Hadoop's `ipc.maximum.data.length`). */
  maxPacketSize: number;
  /** Connections one client address may hold (the oldest idle one makes room for a new one). */
  maxPerAddress: number;
  /** Time to send the preamble and connection context. */
  handshakeMs: number;
  /** An established connection with no call in flight and no traffic for this long is closed. */
  idleMs: number;
  /** A call still running after this long is told to stop (0: never). */
  callTimeoutMs: number;
  /** Calls of one connection running at once; further ones wait, and the connection is not read meanwhile. */
  maxCallsInFlight: number;
}

/**
 * Defaults: 4 KiB before the connection context (as the bricks' RPC allows before its
 * handshake); 1 MiB per request afterwards (Hadoop's `ipc.maximum.data.length` is 128 MiB, but
 * the ClientProtocol requests served here are at most tens of KiB: two 8000-character paths, a
 * 16 KiB xattr); 128 connections per address; 10 s for the handshake; 20 s idle (Hadoop's
 * server drops connections idle for 2 × `ipc.client.connection.maxidletime`, 2 × 10 s; the Go
 * client renews its lease every second, so a live one is never idle that long); calls stop
 * after 120 s (Hadoop 3's `ipc.client.rpc-timeout.ms`, after which its client has given up); 16
 * calls of one connection at once (the Go client sends one at a time; Hadoop bounds its call
 * queue too).
 */
export const DEFAULT_IPC_LIMITS: IpcLimits = {
  preContextPacketSize: 4096, maxPacketSize: 1024 * 1024, maxPerAddress: 128, handshakeMs: 10_000, idleMs: 20_000, callTimeoutMs: 120_000,
  maxCallsInFlight: 16,
};

/** Options of {@link createIpcServer}. */
export interface IpcServerOptions {
  readonly handle: IpcHandler;
  /** Receives one line per dropped connection or unexpected handler error; default: silent. */
  readonly log?: (line: string) => void;
  /** Sizes and times; each defaults to {@link DEFAULT_IPC_LIMITS}. */
  readonly limits?: Partial<IpcLimits>;
}

/** A listening Hadoop IPC server. */
export type IpcServer = TcpServer;

/**
 * Hadoop IPC server: per connection, preamble, then (after a SASL preamble) the client's SASL
 * NEGOTIATE, answered "switch to simple" as a SIMPLE-only Hadoop server does, then the
 * connection-context packet (callId −3, unanswered), then calls. Pings (callId −4) are read
 * and not answered; another negative callId, or SASL out of turn, gets Hadoop's FATAL answer
 * and the connection is closed after it. Calls on one connection run concurrently (up to
 * `maxCallsInFlight`; then the connection is not read until one ends); each reply is written as
 * one whole packet with a single `write`. Bad bytes (a WireError), a packet over the limit, a
 * slow handshake or a long idle spell destroy that socket only; a call whose client went away
 * or which ran out of time sees its signal aborted.
 */
export function createIpcServer(opts: IpcServerOptions): IpcServer {
  const log = opts.log ?? (() => {});
  const limits = { ...DEFAULT_IPC_LIMITS, ...opts.limits };
  const timeouts = { handshakeMs: limits.handshakeMs, idleMs: limits.idleMs, busyMs: 0 };
  return createTcpServer('ipc', { maxPerAddress: limits.maxPerAddress, timeouts },
    (socket, conn) => serveConnection(socket, conn, opts.handle, limits, log), log);
}

function serveConnection(socket: Socket, conn: GuardedConnection, handle: IpcHandler, limits: IpcLimits, log: (line: string) => void): void {
  const peer = `${socket.remoteAddress}:${socket.remotePort}`;
  const gone = new AbortController();
  // Each call in flight listens on it; a client may pipeline many.
  setMaxListeners(0, gone.signal);
  socket.once('close', () => gone.abort(new FsError('ECANCELED', 'the client closed its connection')));
  let ctx: { user: string; protocol: string } | undefined;
  // Calls past maxCallsInFlight wait here, and the socket is not read while any wait.
  const waiting: (() => Promise<void>)[] = [];
  let running = 0;
  const pump = () => {
    while (running < limits.maxCallsInFlight && waiting.length > 0) {
      running++;
      void waiting.shift()!().finally(() => {
        running--;
        pump();
      });
    }
    if (waiting.length > 0) socket.pause();
    else if (socket.isPaused()) socket.resume();
  };
  // SASL: 'none' after a SIMPLE preamble; 'negotiating' after a SASL one until the client's
  // NEGOTIATE is answered with "switch to simple" ('simple').
  let sasl: 'none' | 'negotiating' | 'simple' = 'none';
  // After a FATAL answer nothing more the client sent is read.
  let finished = false;
  const fatal = (callId: number, f: FatalReply) => {
    finished = true;
    log(`ipc: closing ${peer}: ${f.message}`);
    endWith(socket, encodeResponse({
      callId: callId >>> 0, status: RPC_STATUS.FATAL, serverIpcVersionNum: IPC_VERSION,
      exceptionClassName: f.className, errorMsg: f.message, errorDetail: f.detail,
    }));
  };
  const splitter = new PacketSplitter({
    maxPacketSize: limits.preContextPacketSize,
    onPreamble: (p) => { if (p.authProtocol === AUTH_SASL) sasl = 'negotiating'; },
    onPacket: (packet) => {
      if (finished) return;
      const p = decodeRequestPacket(packet);
      // A ping only keeps the connection alive (its bytes count as traffic): nothing to answer.
      if (p.kind === 'ping') return;
      if (p.kind === 'unknown') return fatal(p.header.callId, outOfBand(`Unknown out of band call #${p.header.callId}`));
      if (p.kind === 'sasl') {
        const reply = answerSasl(sasl, p.sasl);
        if ('className' in reply) return fatal(SASL_CALL_ID, reply);
        sasl = 'simple';
        socket.write(encodeResponse({ callId: SASL_CALL_ID >>> 0, status: RPC_STATUS.SUCCESS }, reply));
        return;
      }
      if (p.kind === 'context') {
        if (sasl === 'negotiating') return fatal(p.header.callId, outOfBand('Connection header sent during SASL negotiation'));
        if (ctx) throw wireError('MALFORMED', 'second connection-context packet');
        ctx = { user: p.context.userInfo?.effectiveUser ?? '', protocol: p.context.protocol ?? '' };
        splitter.setMaxPacketSize(limits.maxPacketSize);
        conn.established();
        return;
      }
      if (!ctx) throw wireError('MALFORMED', 'call before the connection-context packet');
      const who = ctx;
      // Copy: the body may be a view of a socket chunk, and the call may wait or keep it.
      const body = Buffer.from(p.body);
      conn.busy();
      waiting.push(() => runCall(socket, handle, log, p.header, p.request.methodName, body, who, callSignal(gone.signal, limits.callTimeoutMs))
        .finally(() => conn.done()));
      pump();
    },
  });
  socket.on('data', (chunk: Buffer) => {
    if (socket.destroyed || finished) return;
    try {
      splitter.push(chunk);
    } catch (e) {
      log(`ipc: dropping ${peer}: ${e instanceof Error ? e.message : String(e)}`);
      socket.destroy();
    }
  });
  socket.on('error', (e) => log(`ipc: ${peer}: ${e.message}`));
  // Calls still waiting have nobody to answer.
  socket.once('close', () => { waiting.length = 0; });
}

/** What a FATAL response carries; the connection is closed after it. */
interface FatalReply {
  className: string;
  message: string;
  detail: RpcErrorCode;
}

/** Hadoop's FatalRpcServerException for a bad out-of-band packet (FATAL_INVALID_RPC_HEADER). */
function outOfBand(message: string): FatalReply {
  return { className: 'org.apache.hadoop.ipc.Server$FatalRpcServerException', message, detail: RPC_ERROR_CODE.FATAL_INVALID_RPC_HEADER };
}

/**
 * The answer of a SIMPLE-only server to a SASL packet, as Hadoop's Server gives it: the first
 * NEGOTIATE after a SASL preamble gets state SUCCESS ("switch to simple"); SASL after a SIMPLE
 * preamble or after the switch is FATAL_INVALID_RPC_HEADER; any other first step names a
 * mechanism this server does not offer (FATAL_UNAUTHORIZED).
 */
function answerSasl(state: 'none' | 'negotiating' | 'simple', msg: RpcSasl): Buffer | FatalReply {
  if (state !== 'negotiating') return outOfBand('SASL protocol not requested by client');
  if (msg.state === SASL_STATE.NEGOTIATE) return encode(RpcSaslProto, { state: SASL_STATE.SUCCESS });
  const method = msg.auths[0]?.method ?? 'unknown';
  return {
    className: 'org.apache.hadoop.security.AccessControlException',
    message: `${method} authentication is not enabled.  Available:[SIMPLE]`, detail: RPC_ERROR_CODE.FATAL_UNAUTHORIZED,
  };
}

/** Sends a last packet and closes the connection once it is written. */
function endWith(socket: Socket, packet: Buffer): void {
  if (!socket.destroyed && socket.writable) socket.end(packet);
  else socket.destroy();
}

/** A call's signal: aborted with the connection, or after `timeoutMs`; released when the call ends. */
function callSignal(connection: AbortSignal, timeoutMs: number): { signal: AbortSignal; release(): void } {
  const c = new AbortController();
  const onGone = () => c.abort(connection.reason);
  if (connection.aborted) onGone();
  connection.addEventListener('abort', onGone, { once: true });
  const timer = timeoutMs > 0
    ? setTimeout(() => c.abort(new FsError('ETIMEDOUT', `the call ran past ${timeoutMs} ms and was stopped`)), timeoutMs)
    : undefined;
  timer?.unref();
  return {
    signal: c.signal,
    release() {
      clearTimeout(timer);
      connection.removeEventListener('abort', onGone);
    },
  };
}

async function runCall(
  socket: Socket, handle: IpcHandler, log: (line: string) => void,
  header: RpcRequestHeader, method: string, body: Buffer, ctx: { user: string; protocol: string },
  call: { signal: AbortSignal; release(): void },
): Promise<void> {
  const { callId, clientId } = header;
  const base = { callId, clientId, serverIpcVersionNum: IPC_VERSION };
  let packet: Buffer;
  try {
    const result = await handle(method, body, { ...ctx, callId, signal: call.signal });
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
  } finally {
    call.release();
  }
  if (!socket.destroyed && socket.writable) socket.write(packet);
}
