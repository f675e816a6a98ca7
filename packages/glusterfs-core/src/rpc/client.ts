import { connect, type Socket } from 'node:net';
import { connect as connectTls } from 'node:tls';
import { FsError } from '../errors/index.js';
import type { Logger } from '../log/index.js';
import {
  authProof, decodeChallenge, encodeHello, newNonce, proofMatches, type ClientHello, type Credentials,
} from './auth.js';
import { encodeValue } from './codec.js';
import {
  DEFAULT_MAX_FRAME_BYTES, FrameType, PROTOCOL_VERSION, writeAuth, writeCall, writeCancel, writeHandshake, type Frame,
} from './frame.js';
import { PendingCalls, type PendingCall } from './pending.js';
import { Transport } from './transport.js';
import { TLS_CIPHERS, type TlsMaterial } from './tls.js';
import type { RpcCallOptions, RpcClient, RpcClientOptions } from './types.js';

const FIRST_BACKOFF_MS = 100;
const MAX_BACKOFF_MS = 2000;
const HANDSHAKE_TIMEOUT_MS = 10_000;

interface Waiter {
  resolve(): void;
  reject(e: FsError): void;
}

/**
 * Opens a client connection to an RPC server and returns at once; calls fail with ENOTCONN until
 * the handshake is done (await `waitConnected()`). With `reconnect` (the default) a lost
 * connection is retried with exponential backoff (100 ms doubling, capped at 2 s) for as long as
 * the client is open; calls in flight when it drops fail with ENOTCONN. A server speaking another
 * protocol version is EPROTO and is not retried; a server that refuses the client (EACCES), or
 * that cannot prove it knows the client's credentials, is not retried unless `reconnect` is on.
 */
export function connectRpc(opts: RpcClientOptions): RpcClient {
  return new ReconnectingClient(opts);
}

class ReconnectingClient implements RpcClient {
  readonly #host: string;
  readonly #port: number;
  readonly #path: string | undefined;
  readonly #credentials: Credentials | undefined;
  readonly #tls: TlsMaterial | undefined;
  readonly #log: Logger;
  readonly #reconnect: boolean;
  readonly #callTimeoutMs: number;
  readonly #pending: PendingCalls;
  readonly #listeners = { up: [] as (() => void)[], down: [] as (() => void)[] };
  readonly #waiters = new Set<Waiter>();
  #t: Transport | null = null;
  #up = false;
  #closed = false;
  #fatal: FsError | null = null;
  #lastError = 'not connected yet';
  #nextId = 1;
  #backoffMs = FIRST_BACKOFF_MS;
  #retry: NodeJS.Timeout | null = null;
  #handshakeTimer: NodeJS.Timeout | null = null;
  #framesReceived = 0;
  /** This attempt's hello, until the server's challenge has been answered. */
  #hello: ClientHello | null = null;

  constructor(opts: RpcClientOptions) {
    this.#host = opts.host;
    this.#port = opts.port;
    this.#path = opts.path;
    this.#credentials = opts.credentials;
    this.#tls = opts.tls;
    this.#log = opts.log;
    this.#reconnect = opts.reconnect ?? true;
    this.#callTimeoutMs = opts.callTimeoutMs ?? 60_000;
    this.#pending = new PendingCalls(this.#callTimeoutMs, (id) => this.#sendCancel(id));
    this.#dial();
  }

  get connected(): boolean {
    return this.#up;
  }

  get framesReceived(): number {
    return this.#framesReceived;
  }

  call(program: string, proc: string, args: unknown[], opts?: RpcCallOptions): Promise<unknown> {
    const t = this.#t;
    if (!this.#up || !t) return Promise.reject(this.#notConnected());
    const signal = opts?.signal;
    if (signal?.aborted) return Promise.reject(new FsError('ECANCELED', `${program}.${proc} aborted`));
    const id = this.#nextId;
    this.#nextId = (id + 1) >>> 0 || 1;
    try {
      writeCall(t.out, t.maxFrameBytes, id, program, proc, args);
    } catch (e) {
      return Promise.reject(FsError.from(e));
    }
    t.kick();
    return new Promise((resolve, reject) => {
      const call: PendingCall = { resolve, reject, onChunk: opts?.onChunk, deadline: 0, what: `${program}.${proc}` };
      if (signal) {
        const onAbort = () => this.#cancel(t, id);
        signal.addEventListener('abort', onAbort, { once: true });
        call.detach = () => signal.removeEventListener('abort', onAbort);
      }
      this.#pending.add(id, call, opts?.timeoutMs);
    });
  }

  waitConnected(timeoutMs = this.#callTimeoutMs): Promise<void> {
    if (this.#up) return Promise.resolve();
    const gaveUp = this.#gaveUp();
    if (gaveUp) return Promise.reject(gaveUp);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#waiters.delete(w);
        reject(new FsError('ETIMEDOUT', `not connected to ${this.#where()} within ${timeoutMs} ms (${this.#lastError})`));
      }, timeoutMs);
      const w: Waiter = {
        resolve: () => { clearTimeout(timer); resolve(); },
        reject: (e) => { clearTimeout(timer); reject(e); },
      };
      this.#waiters.add(w);
    });
  }

  on(event: 'up' | 'down', listener: () => void): void {
    this.#listeners[event].push(listener);
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    if (this.#retry) clearTimeout(this.#retry);
    this.#retry = null;
    this.#t?.close(undefined);
    this.#settleWaiters(new FsError('ENOTCONN', `client for ${this.#where()} closed`));
  }

  #dial(): void {
    const { sock, ready } = this.#socket();
    const t: Transport = new Transport(sock, DEFAULT_MAX_FRAME_BYTES, {
      frame: (f) => this.#onFrame(t, f),
      closed: (reason) => this.#onClosed(t, reason),
    });
    this.#t = t;
    // A peer that accepts TCP but never answers the handshake must not hang waiters forever.
    const shake = setTimeout(() => t.close(new FsError('ETIMEDOUT', 'no handshake from server')), HANDSHAKE_TIMEOUT_MS);
    this.#handshakeTimer = shake;
    sock.once(ready, () => {
      const hello: ClientHello = { nonce: newNonce(), user: this.#credentials?.user ?? '' };
      this.#hello = hello;
      writeHandshake(t.out, t.maxFrameBytes, PROTOCOL_VERSION, (o) => encodeHello(o, hello));
      t.kick();
    });
    sock.once('close', () => clearTimeout(shake));
  }

  /** A new socket to the server, and the event after which it can carry the handshake. */
  #socket(): { sock: Socket; ready: string } {
    if (this.#path !== undefined) return { sock: connect({ path: this.#path }), ready: 'connect' };
    const tls = this.#tls;
    if (!tls) return { sock: connect({ host: this.#host, port: this.#port }), ready: 'connect' };
    // The CA vouches for the server; its host name is not checked, as GlusterFS does not.
    const sock = connectTls({
      host: this.#host, port: this.#port, cert: tls.cert, key: tls.key, ca: tls.ca, checkServerIdentity: () => undefined, ciphers: TLS_CIPHERS,
    });
    return { sock, ready: 'secureConnect' };
  }

  #onFrame(t: Transport, f: Frame): void {
    this.#framesReceived++;
    if (!this.#up) {
      this.#onHandshakeFrame(t, f);
      return;
    }
    switch (f.type) {
      case FrameType.Reply:
        this.#pending.take(f.id)?.resolve(f.value);
        return;
      case FrameType.Error:
        if (f.id === 0) this.#log.warn('server reported a connection error', { peer: this.#where(), error: f.error.message });
        else this.#pending.take(f.id)?.reject(f.error);
        return;
      case FrameType.Chunk:
        this.#deliverChunk(t, f.id, f.value);
        return;
      default:
        t.close(new FsError('EBADMSG', `unexpected frame type ${f.type} from server`));
    }
  }

  #onHandshakeFrame(t: Transport, f: Frame): void {
    const hello = this.#hello;
    if (f.type === FrameType.Handshake && f.version === PROTOCOL_VERSION && hello) {
      this.#hello = null;
      this.#answerChallenge(t, hello, f.greeting);
      return;
    }
    if (f.type === FrameType.Welcome && !hello) {
      if (this.#handshakeTimer) clearTimeout(this.#handshakeTimer);
      t.handshakeDone();
      this.#up = true;
      this.#backoffMs = FIRST_BACKOFF_MS;
      this.#log.debug('connected', { peer: this.#where() });
      this.#settleWaiters(undefined);
      this.#emit('up');
      return;
    }
    const err = f.type === FrameType.Handshake
      ? new FsError('EPROTO', `protocol version mismatch: this client speaks ${PROTOCOL_VERSION}, ${this.#where()} speaks ${f.version}`)
      : f.type === FrameType.Error ? f.error : new FsError('EBADMSG', `expected a handshake, got frame type ${f.type}`);
    this.#refused(t, err);
  }

  /** Checks the server's proof (when this client has credentials) and sends the client's. */
  #answerChallenge(t: Transport, hello: ClientHello, greeting: Buffer): void {
    let challenge;
    try {
      challenge = decodeChallenge(greeting);
    } catch (e) {
      t.close(FsError.from(e));
      return;
    }
    const creds = this.#credentials;
    let proof: Buffer = Buffer.alloc(0);
    if (creds) {
      if (!proofMatches(authProof(creds.secret, 'server', hello, challenge.nonce), challenge.proof)) {
        this.#refused(t, new FsError('EACCES',
          `${this.#where()} could not prove it knows the credentials of user "${creds.user}": it is not the server meant, or it holds other credentials`));
        return;
      }
      proof = authProof(creds.secret, 'client', hello, challenge.nonce);
    }
    writeAuth(t.out, t.maxFrameBytes, (o) => encodeValue(o, { proof }));
    t.kick();
  }

  /** The server refused this client (or is not one it trusts): not retried unless reconnecting. */
  #refused(t: Transport, err: FsError): void {
    if (err.code === 'EPROTO' || (err.code === 'EACCES' && !this.#reconnect)) this.#fatal = err;
    if (err.code === 'EPROTO' || err.code === 'EACCES') {
      if (this.#lastError !== err.message) this.#log.error('server refused the connection', { peer: this.#where(), error: err.message });
    }
    t.close(err);
  }

  #deliverChunk(t: Transport, id: number, value: unknown): void {
    const call = this.#pending.get(id);
    if (!call?.onChunk) return;
    try {
      call.onChunk(value);
    } catch (e) {
      // The consumer gave up on the stream: fail the call and tell the server to stop producing.
      this.#pending.take(id)?.reject(FsError.from(e));
      if (t === this.#t) this.#sendCancel(id);
    }
  }

  #cancel(t: Transport, id: number): void {
    const call = this.#pending.take(id);
    if (!call) return;
    call.reject(new FsError('ECANCELED', `${call.what} aborted`));
    if (t === this.#t) this.#sendCancel(id);
  }

  /** Asks the server to abort call `id` (its handler's signal fires); nothing if disconnected. */
  #sendCancel(id: number): void {
    const t = this.#t;
    if (!t || !this.#up || t.isClosed) return;
    writeCancel(t.out, t.maxFrameBytes, id);
    t.kick();
  }

  #onClosed(t: Transport, reason: FsError | undefined): void {
    if (t !== this.#t) return;
    this.#t = null;
    const wasUp = this.#up;
    this.#up = false;
    if (reason) this.#lastError = reason.message;
    else if (!wasUp && !this.#tls) this.#lastError = 'the server hung up during the handshake (a server that speaks only TLS does that to a plain client)';
    this.#pending.failAll(() => new FsError('ENOTCONN', `connection to ${this.#where()} lost`));
    if (wasUp) {
      this.#log.warn('disconnected', { peer: this.#where(), reason: reason?.message ?? 'closed' });
      this.#emit('down');
    }
    const gaveUp = this.#gaveUp();
    if (gaveUp) {
      this.#settleWaiters(gaveUp);
      return;
    }
    this.#retry = setTimeout(() => {
      this.#retry = null;
      if (!this.#closed) this.#dial();
    }, this.#backoffMs);
    this.#backoffMs = Math.min(MAX_BACKOFF_MS, this.#backoffMs * 2);
  }

  /** The error to give up with, when no further attempt will be made. */
  #gaveUp(): FsError | null {
    if (this.#closed) return new FsError('ENOTCONN', `client for ${this.#where()} closed`);
    if (this.#fatal) return this.#fatal;
    if (!this.#reconnect && !this.#t) return this.#notConnected();
    return null;
  }

  #notConnected(): FsError {
    return new FsError('ENOTCONN', `not connected to ${this.#where()} (${this.#lastError})`);
  }

  #settleWaiters(err: FsError | undefined): void {
    const ws = [...this.#waiters];
    this.#waiters.clear();
    for (const w of ws) err ? w.reject(err) : w.resolve();
  }

  #emit(event: 'up' | 'down'): void {
    for (const l of this.#listeners[event]) {
      try {
        l();
      } catch (e) {
        this.#log.error(`'${event}' listener failed`, { error: e instanceof Error ? e.stack : String(e) });
      }
    }
  }

  #where(): string {
    return this.#path ?? `${this.#host}:${this.#port}`;
  }
}
