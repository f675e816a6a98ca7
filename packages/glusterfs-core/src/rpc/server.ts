import { randomBytes } from 'node:crypto';
import { chmodSync, lstatSync, rmSync } from 'node:fs';
import { connect, createServer, type Server, type Socket } from 'node:net';
import { createServer as createTlsServer, type TLSSocket } from 'node:tls';
import { FsError } from '../errors/index.js';
import type { Logger } from '../log/index.js';
import { plainAddress } from './address-list.js';
import { DEFAULT_MAX_FRAME_BYTES } from './frame.js';
import { PING_PROGRAM, pingProcs } from './ping.js';
import { ServerConnection, type ConnPolicy } from './server-conn.js';
import { peerCertName, TLS_CIPHERS } from './tls.js';
import type { RpcHandler, RpcServer, RpcServerOptions } from './types.js';

const DEFAULT_HANDSHAKE_TIMEOUT_MS = 10_000;
const DEFAULT_ANONYMOUS_IDLE_MS = 60_000;
const DEFAULT_MAX_UNAUTHENTICATED_PER_ADDRESS = 64;
/** Longest path a unix socket address holds on Linux (sun_path less its NUL). */
const MAX_SOCKET_PATH_BYTES = 107;

/**
 * Creates an RPC server. Register programs with `program()` (before or after `listen`), then
 * `listen()` on TCP (TLS when `tls` is given) and/or `listenLocal()` on a unix socket. Every
 * server also answers `rpc.ping` ({@link PING_PROGRAM}). Each accepted connection must complete
 * the authenticated handshake first (see `ServerConnection`); it gets a connection id unique to
 * this server instance (`<random>.<n>`), which handlers see as `call.connId` and which
 * `onDisconnect` listeners receive when it goes away. Nothing a client sends can throw out of
 * the server: a bad connection is dropped with one warning.
 *
 * Limits against clients that hold connections without credentials: an address refused by
 * `acceptAddress` is dropped at once; at most `maxUnauthenticatedPerAddress` connections per
 * address may be in their handshake or anonymous (a new one pushes out the oldest); a handshake
 * must finish within `handshakeTimeoutMs`; an anonymous client idle (no call in flight, nothing
 * received) for `anonymousIdleMs` is dropped. Authenticated and local clients are not limited.
 */
export function createRpcServer(opts: RpcServerOptions): RpcServer {
  return new FramedRpcServer(opts);
}

class FramedRpcServer implements RpcServer {
  readonly #o: RpcServerOptions;
  readonly #log: Logger;
  readonly #maxFrameBytes: number;
  readonly #programs = new Map<string, Map<string, RpcHandler>>();
  readonly #conns = new Set<ServerConnection>();
  /** Per address, connections still in their handshake or anonymous, oldest first. */
  readonly #unauthenticated = new Map<string, Set<ServerConnection>>();
  readonly #disconnectListeners: ((connId: string) => void)[] = [];
  readonly #nonce = randomBytes(4).toString('hex');
  readonly #servers: { server: Server; path?: string }[] = [];
  #sweeper: NodeJS.Timeout | null = null;
  #seq = 0;
  #closed = false;

  constructor(opts: RpcServerOptions) {
    this.#o = opts;
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

  async listen(port: number, host: string): Promise<number> {
    const tls = this.#o.tls;
    const server = tls
      ? createTlsServer({
        cert: tls.cert, key: tls.key, ca: tls.ca, requestCert: true, rejectUnauthorized: true, ciphers: TLS_CIPHERS, honorCipherOrder: true,
      },
        (sock) => this.#accept(sock, false, peerCertName(sock)))
      : createServer({ noDelay: true }, (sock) => this.#accept(sock, false, undefined));
    // A client whose certificate the CA did not sign never gets a connection, only this line.
    if (tls) server.on('tlsClientError', (e: Error, sock: TLSSocket) => this.#log.warn('refusing TLS client', { peer: sock.remoteAddress, reason: e.message }));
    const bound = await this.#bind(server, (cb) => server.listen(port, host, cb));
    const addr = server.address();
    return typeof addr === 'object' && addr ? addr.port : bound ?? port;
  }

  async listenLocal(path: string): Promise<void> {
    if (Buffer.byteLength(path) > MAX_SOCKET_PATH_BYTES) {
      throw new FsError('ENAMETOOLONG', `the socket path ${path} is longer than the ${MAX_SOCKET_PATH_BYTES} bytes a unix socket allows; choose a shorter one`);
    }
    await removeStaleSocket(path);
    const server = createServer((sock) => this.#accept(sock, true, undefined));
    await this.#bind(server, (cb) => server.listen(path, cb), path);
    // Only the owner may connect: the kernel checks the socket's mode on every connect.
    chmodSync(path, 0o600);
  }

  async close(): Promise<void> {
    this.#closed = true;
    if (this.#sweeper) clearInterval(this.#sweeper);
    this.#sweeper = null;
    for (const c of [...this.#conns]) c.close();
    const servers = this.#servers.splice(0);
    await Promise.all(servers.map(({ server, path }) => new Promise<void>((resolve) => server.close(() => {
      if (path) rmSync(path, { force: true });
      resolve();
    }))));
  }

  #bind(server: Server, listen: (cb: () => void) => void, path?: string): Promise<number | undefined> {
    if (this.#closed) return Promise.reject(new FsError('EBUSY', 'server is closed'));
    return new Promise((resolve, reject) => {
      server.once('error', (e) => reject(FsError.from(e)));
      listen(() => {
        server.removeAllListeners('error');
        server.on('error', (e) => this.#log.error('listener error', { error: e.message }));
        this.#servers.push({ server, path });
        this.#sweeper ??= setInterval(() => this.#sweep(), 1000).unref();
        resolve(undefined);
      });
    });
  }

  #accept(sock: Socket, local: boolean, certName: string | undefined): void {
    const address = local ? '' : plainAddress(sock.remoteAddress ?? '');
    if (!local && this.#o.acceptAddress && !this.#o.acceptAddress(address)) {
      this.#log.warn('refusing client: address not allowed (auth.allow / auth.reject)', { peer: address });
      sock.destroy();
      return;
    }
    if (!local && !this.#makeRoom(address)) {
      this.#log.warn('refusing client: too many unauthenticated connections from its address', { peer: address });
      sock.destroy();
      return;
    }
    let pending: Set<ServerConnection> | undefined;
    const uncount = (c: ServerConnection) => {
      if (!pending?.delete(c)) return;
      if (pending.size === 0) this.#unauthenticated.delete(address);
      pending = undefined;
    };
    let conn: ServerConnection | undefined;
    const policy: ConnPolicy = {
      secretOf: this.#o.secretOf, local, certName, address,
      admit: (auth) => {
        const refusal = this.#o.admit?.(auth);
        if (refusal === undefined && auth.user !== undefined && conn) uncount(conn);
        return refusal;
      },
    };
    const connId = `${this.#nonce}.${++this.#seq}`;
    conn = new ServerConnection(sock, connId, this.#maxFrameBytes, this.#programs, this.#log, policy, (c, _reason, greeted) => {
      this.#conns.delete(c);
      uncount(c);
      if (greeted) this.#notifyDisconnect(c.connId);
    });
    this.#conns.add(conn);
    if (!local && !conn.closed) {
      pending = this.#unauthenticated.get(address) ?? new Set();
      pending.add(conn);
      this.#unauthenticated.set(address, pending);
    }
  }

  /**
   * Makes room for one more unauthenticated connection from `address`. At the limit the oldest
   * one still in its handshake (else the oldest idle anonymous one) is dropped, so a flood of
   * silent connections cannot lock out a client that authenticates promptly. False when every
   * one of them is busy with a call.
   */
  #makeRoom(address: string): boolean {
    const pending = this.#unauthenticated.get(address);
    const max = this.#o.maxUnauthenticatedPerAddress ?? DEFAULT_MAX_UNAUTHENTICATED_PER_ADDRESS;
    if (!pending || pending.size < max) return true;
    let victim: ServerConnection | undefined;
    for (const c of pending) {
      if (!c.auth) {
        victim = c;
        break;
      }
      victim ??= c.busy ? undefined : c;
    }
    if (!victim) return false;
    this.#log.warn('dropping the oldest unauthenticated connection of an address at its limit', { peer: victim.peer, limit: max });
    victim.close();
    return true;
  }

  /** Drops connections stuck in their handshake and anonymous ones that went quiet. */
  #sweep(): void {
    const now = performance.now();
    const shakeMs = this.#o.handshakeTimeoutMs ?? DEFAULT_HANDSHAKE_TIMEOUT_MS;
    const idleMs = this.#o.anonymousIdleMs ?? DEFAULT_ANONYMOUS_IDLE_MS;
    for (const c of this.#conns) {
      const auth = c.auth;
      if (!auth) {
        if (now - c.acceptedAt > shakeMs) {
          this.#log.warn('dropping client: no handshake in time', { peer: c.peer, afterMs: shakeMs });
          c.close();
        }
      } else if (auth.user === undefined && !auth.local && !c.busy && now - c.lastReceived > idleMs) {
        this.#log.debug('dropping idle anonymous client', { peer: c.peer });
        c.close();
      }
    }
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

/**
 * Removes a socket file left by a process that died without cleaning up. EADDRINUSE when a live
 * server answers on it, or when something that is not a socket is in the way.
 */
async function removeStaleSocket(path: string): Promise<void> {
  let st;
  try {
    st = lstatSync(path);
  } catch {
    return;
  }
  if (!st.isSocket()) throw new FsError('EADDRINUSE', `${path} exists and is not a socket; remove it or choose another path`);
  const live = await new Promise<boolean>((resolve) => {
    const probe = connect(path);
    probe.once('connect', () => { probe.destroy(); resolve(true); });
    probe.once('error', () => resolve(false));
  });
  if (live) throw new FsError('EADDRINUSE', `another server listens on ${path}; stop it first`);
  rmSync(path, { force: true });
}
