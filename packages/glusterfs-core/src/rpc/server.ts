import { randomBytes } from 'node:crypto';
import { createServer, type Server, type Socket } from 'node:net';
import { FsError } from '../errors/index.js';
import type { Logger } from '../log/index.js';
import { DEFAULT_MAX_FRAME_BYTES } from './frame.js';
import { PING_PROGRAM, pingProcs } from './ping.js';
import { ServerConnection } from './server-conn.js';
import type { RpcHandler, RpcServer, RpcServerOptions } from './types.js';

/**
 * Creates an RPC server. Register programs with `program()` (before or after `listen`), then
 * `listen()`. Every server also answers `rpc.ping` ({@link PING_PROGRAM}). Each accepted connection must handshake first; it gets a connection id unique to
 * this server instance (`<random>.<n>`), which handlers see as `call.connId` and which
 * `onDisconnect` listeners receive when it goes away. Nothing a client sends can throw out of
 * the server: a bad connection is dropped with one warning.
 */
export function createRpcServer(opts: RpcServerOptions): RpcServer {
  return new FramedRpcServer(opts);
}

class FramedRpcServer implements RpcServer {
  readonly #log: Logger;
  readonly #maxFrameBytes: number;
  readonly #programs = new Map<string, Map<string, RpcHandler>>();
  readonly #conns = new Set<ServerConnection>();
  readonly #disconnectListeners: ((connId: string) => void)[] = [];
  readonly #nonce = randomBytes(4).toString('hex');
  #seq = 0;
  #server: Server | null = null;

  constructor(opts: RpcServerOptions) {
    this.#log = opts.log;
    this.#maxFrameBytes = opts.maxFrameBytes ?? DEFAULT_MAX_FRAME_BYTES;
    this.program(PING_PROGRAM, pingProcs());
  }

  program(name: string, procs: Record<string, RpcHandler>): void {
    if (Buffer.byteLength(name) > 255) throw new FsError('EINVAL', `program name "${name}" is too long`);
    // Own keys only, bound to their object: a proc named "toString" must not reach the prototype.
    const table = new Map<string, RpcHandler>();
    for (const [proc, h] of Object.entries(procs)) {
      if (typeof h === 'function') table.set(proc, h.bind(procs));
    }
    this.#programs.set(name, table);
  }

  onDisconnect(listener: (connId: string) => void): void {
    this.#disconnectListeners.push(listener);
  }

  listen(port: number, host: string): Promise<number> {
    if (this.#server) return Promise.reject(new FsError('EBUSY', 'server is already listening'));
    const server = createServer({ noDelay: true }, (sock) => this.#accept(sock));
    this.#server = server;
    return new Promise((resolve, reject) => {
      server.once('error', (e) => {
        this.#server = null;
        reject(FsError.from(e));
      });
      server.listen(port, host, () => {
        server.removeAllListeners('error');
        server.on('error', (e) => this.#log.error('listener error', { error: e.message }));
        const addr = server.address();
        resolve(typeof addr === 'object' && addr ? addr.port : port);
      });
    });
  }

  async close(): Promise<void> {
    const server = this.#server;
    this.#server = null;
    for (const c of [...this.#conns]) c.close();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  #accept(sock: Socket): void {
    const connId = `${this.#nonce}.${++this.#seq}`;
    const conn = new ServerConnection(sock, connId, this.#maxFrameBytes, this.#programs, this.#log, (c, _reason, greeted) => {
      this.#conns.delete(c);
      if (greeted) this.#notifyDisconnect(c.connId);
    });
    this.#conns.add(conn);
  }

  #notifyDisconnect(connId: string): void {
    for (const l of this.#disconnectListeners) {
      try {
        l(connId);
      } catch (e) {
        this.#log.error('disconnect listener failed', { connId, error: e instanceof Error ? e.stack : String(e) });
      }
    }
  }
}
