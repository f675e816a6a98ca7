import type { Logger } from '../log/index.js';

/**
 * Contract of the RPC layer shared by the fop protocol (client ↔ brick), the management
 * protocol (CLI/client/peer ↔ glusterd) and the brick task service. Calls are grouped in named
 * programs (`fop`, `mgmt`, `pmap`, `task`, …) of named procedures; arguments and results are
 * wire values: null, undefined, boolean, number, bigint, string, Buffer (sent raw, not
 * re-encoded), arrays and plain objects of those. A handler failure travels as an errno name
 * plus message and is rethrown on the caller's side as FsError.
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
  /** Remote address `host:port`. */
  readonly peer: string;
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
  /** Listens on host:port (port 0 = any); resolves to the bound port. */
  listen(port: number, host: string): Promise<number>;
  close(): Promise<void>;
}

/** Options for {@link RpcServer} creation. */
export interface RpcServerOptions {
  log: Logger;
  /** Largest frame accepted; a bigger length prefix drops that connection. */
  maxFrameBytes?: number;
}

/** Options for {@link RpcClient} creation. */
export interface RpcClientOptions {
  host: string;
  port: number;
  log: Logger;
  /** Reconnect with exponential backoff after a loss (default true). */
  reconnect?: boolean;
  /** Default per-call timeout (default 60 s). */
  callTimeoutMs?: number;
}
