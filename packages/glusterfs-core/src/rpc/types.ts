import type { Logger } from '../log/index.js';
import type { ConnAuth, Credentials } from './auth.js';
import type { TlsMaterial } from './tls.js';

/**
 * Contract of the RPC layer shared by the fop protocol (client ↔ brick), the management
 * protocol (CLI/client/peer ↔ glusterd) and the brick task service. Calls are grouped in named
 * programs (`fop`, `mgmt`, `pmap`, `task`, …) of named procedures; arguments and results are
 * wire values: null, undefined, boolean, number, bigint, string, Buffer (sent raw, not
 * re-encoded), arrays and plain objects of those. A handler failure travels as an errno name
 * plus message and is rethrown on the caller's side as FsError. Every connection starts with a
 * handshake in which a client may prove it knows a user's secret and the server proves it knows
 * it too (`auth.ts`); handlers see who the client is as `call.auth`.
 */
export interface RpcCallOptions {
  /** Fail with ETIMEDOUT after this long (default: the connection's call timeout). */
  timeoutMs?: number;
  signal?: AbortSignal;
  /** Receives each partial result a streaming handler emits, in order, before the call settles. */
  onChunk?: (chunk: unknown) => void;
}

/** The caller's side of one connection (reconnecting when asked to). */
export interface RpcClient {
  /** Calls `program.proc(...args)`. ENOTCONN when not connected, ETIMEDOUT, or the handler's errno. */
  call(program: string, proc: string, args: unknown[], opts?: RpcCallOptions): Promise<unknown>;
  /** True while the transport is connected and the handshake is done. */
  readonly connected: boolean;
  /**
   * Frames received from the server so far, over every connection of this client (a counter
   * that only grows). Liveness checks sample it: if it has not moved, nothing arrived.
   */
  readonly framesReceived: number;
  /** Resolves once connected (rejects with ENOTCONN/ETIMEDOUT after `timeoutMs`). */
  waitConnected(timeoutMs?: number): Promise<void>;
  /** 'up' after each successful (re)connect, 'down' when the connection is lost. */
  on(event: 'up' | 'down', listener: () => void): void;
  close(): Promise<void>;
}

/** What a handler learns about the call it serves. */
export interface RpcCallInfo {
  /** Stable id of the client connection (lock owners, fd tables are per connection). */
  readonly connId: string;
  /** Remote address `host:port` ('local' for the local socket). */
  readonly peer: string;
  /** Who the client proved to be. */
  readonly auth: ConnAuth;
  /** Sends one partial result ahead of the final one (streaming handlers). */
  emit(chunk: unknown): void;
  readonly signal: AbortSignal;
}

/** A procedure implementation. Throw FsError to fail with an errno. */
export type RpcHandler = (args: unknown[], call: RpcCallInfo) => Promise<unknown>;

/** The serving side: programs are registered, then it listens. */
export interface RpcServer {
  program(name: string, procs: Record<string, RpcHandler>): void;
  /** Called when a connection goes away (to drop its fds and locks). */
  onDisconnect(listener: (connId: string) => void): void;
  /** Listens on host:port (port 0 = any), over TLS when the server has TLS material; resolves to the bound port. */
  listen(port: number, host: string): Promise<number>;
  /**
   * Also listens on a unix socket at `path` that only this process's user can open (mode 0600);
   * clients coming through it are `local`. A stale socket file is replaced; EADDRINUSE when a
   * live server answers there, ENAMETOOLONG for a path a unix socket cannot hold.
   */
  listenLocal(path: string): Promise<void>;
  close(): Promise<void>;
}

/** Options for {@link RpcServer} creation. */
export interface RpcServerOptions {
  log: Logger;
  /** Largest frame accepted after the handshake; a bigger length prefix drops that connection. */
  maxFrameBytes?: number;
  /** The secret of each user clients may authenticate as (undefined: no such user). */
  secretOf?: (user: string) => Buffer | undefined;
  /**
   * Decides, once the handshake proved who the client is, whether to serve it: undefined admits,
   * a string refuses it with EACCES and that reason. Default: everyone, anonymous clients too.
   */
  admit?: (auth: ConnAuth) => string | undefined;
  /** Decides by address, before anything is read: false drops the connection (auth.allow/reject). */
  acceptAddress?: (address: string) => boolean;
  /** Serve TCP over TLS with this identity; clients must present a certificate the CA signed. */
  tls?: TlsMaterial;
  /** A handshake not finished after this long is dropped (default 10 s). */
  handshakeTimeoutMs?: number;
  /** An anonymous client with no call in flight that sent nothing for this long is dropped (default 60 s). */
  anonymousIdleMs?: number;
  /** Connections per address still in their handshake or anonymous (default 64); more are dropped at once. */
  maxUnauthenticatedPerAddress?: number;
}

/** Options for {@link RpcClient} creation. */
export interface RpcClientOptions {
  host: string;
  port: number;
  /** Connect to this unix socket instead of host:port (host and port then only name it in messages). */
  path?: string;
  log: Logger;
  /**
   * Prove to be this user; the server must prove it knows the same secret, else the connection
   * is refused with EACCES (no fake server gets a call). Without credentials the client is anonymous.
   */
  credentials?: Credentials;
  /** Connect over TLS presenting this certificate; the server's must be signed by its CA. */
  tls?: TlsMaterial;
  /** Reconnect with exponential backoff after a loss (default true). */
  reconnect?: boolean;
  /** Default per-call timeout (default 60 s). */
  callTimeoutMs?: number;
}
