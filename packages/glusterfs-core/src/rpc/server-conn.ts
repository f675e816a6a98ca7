import type { Socket } from 'node:net';
import { FsError } from '../errors/index.js';
import type { Logger } from '../log/index.js';
import {
  authProof, decodeHello, decodeProof, encodeChallenge, newNonce, proofMatches, type ClientHello, type ConnAuth,
} from './auth.js';
import { FrameType, PROTOCOL_VERSION, writeError, writeHandshake, writeValue, writeWelcome, type Frame } from './frame.js';
import { Transport } from './transport.js';
import type { RpcCallInfo, RpcHandler } from './types.js';

/** A registered program: procedure name → handler, bound to the object it came from. */
export type ProgramTable = ReadonlyMap<string, ReadonlyMap<string, RpcHandler>>;

/** How a server decides whom to serve on one connection. */
export interface ConnPolicy {
  /** The secret of a user clients may prove to be; undefined for an unknown user. */
  readonly secretOf?: (user: string) => Buffer | undefined;
  /** Undefined to admit the authenticated client, else why it is refused (sent to it as EACCES). */
  readonly admit?: (auth: ConnAuth) => string | undefined;
  /** Through the server's local socket. */
  readonly local: boolean;
  /** The verified TLS certificate's common name, if any. */
  readonly certName?: string;
  /** The client's IP address ('' for a local socket). */
  readonly address: string;
}

/** One call being served; its AbortController exists only if someone reads `signal`. */
class ServedCall implements RpcCallInfo {
  done = false;
  #ctl: AbortController | null = null;
  readonly #conn: ServerConnection;
  readonly id: number;

  constructor(conn: ServerConnection, id: number) {
    this.#conn = conn;
    this.id = id;
  }

  get connId(): string {
    return this.#conn.connId;
  }

  get peer(): string {
    return this.#conn.peer;
  }

  get auth(): ConnAuth {
    return this.#conn.auth!;
  }

  get signal(): AbortSignal {
    this.#ctl ??= new AbortController();
    if (this.#conn.closed && !this.#ctl.signal.aborted) this.#ctl.abort(new FsError('ENOTCONN', 'client went away'));
    return this.#ctl.signal;
  }

  emit(chunk: unknown): void {
    if (this.done) return;
    this.#conn.sendChunk(this.id, chunk);
  }

  abort(reason: FsError): void {
    this.#ctl?.abort(reason);
  }
}

/**
 * The server's side of one client connection: runs the handshake, dispatches calls to the
 * registered handlers (many at once), sends replies, stream chunks and errors. Handler failures
 * travel as errnos; a thrown non-FsError is a bug, logged with its stack and answered with EIO.
 * A malformed frame or an unknown program drops this connection and nothing else.
 *
 * The handshake: the client's hello names the user it will prove to be and carries its nonce;
 * the server answers with its nonce and, when it knows that user's secret, its own proof; the
 * client's auth frame carries its proof. A wrong proof, an unknown user or a client the policy
 * does not admit gets EACCES and the connection is closed; an admitted one gets a welcome and
 * from then on its calls are served (anonymous clients too, when the policy admits them).
 */
export class ServerConnection {
  readonly connId: string;
  readonly peer: string;
  /** Monotonic time the connection was accepted. */
  readonly acceptedAt = performance.now();
  readonly #t: Transport;
  readonly #programs: ProgramTable;
  readonly #log: Logger;
  readonly #policy: ConnPolicy;
  readonly #onGone: (conn: ServerConnection, reason: FsError | undefined, greeted: boolean) => void;
  readonly #inflight = new Map<number, ServedCall>();
  #hello: ClientHello | null = null;
  #serverNonce: Buffer | null = null;
  #auth: ConnAuth | null = null;
  #refused = false;

  constructor(
    socket: Socket, connId: string, maxFrameBytes: number, programs: ProgramTable, log: Logger, policy: ConnPolicy,
    onGone: (conn: ServerConnection, reason: FsError | undefined, greeted: boolean) => void,
  ) {
    this.connId = connId;
    this.peer = policy.local ? 'local' : `${socket.remoteAddress}:${socket.remotePort}`;
    this.#programs = programs;
    this.#log = log;
    this.#policy = policy;
    this.#onGone = onGone;
    this.#t = new Transport(socket, maxFrameBytes, {
      frame: (f) => this.#onFrame(f),
      closed: (reason) => this.#onClosed(reason),
    });
  }

  get closed(): boolean {
    return this.#t.isClosed;
  }

  /** Who the client is, once admitted (null during the handshake). */
  get auth(): ConnAuth | null {
    return this.#auth;
  }

  /** Calls being served now. */
  get busy(): boolean {
    return this.#inflight.size > 0;
  }

  /** Monotonic time of the last bytes received. */
  get lastReceived(): number {
    return this.#t.lastReceived;
  }

  /** Drops the connection (server shutdown). */
  close(): void {
    this.#t.close(undefined);
  }

  /** Sends one stream chunk of call `id`; an unencodable chunk is the handler's bug (EINVAL). */
  sendChunk(id: number, chunk: unknown): void {
    if (this.#t.isClosed) return;
    writeValue(this.#t.out, this.#t.maxFrameBytes, FrameType.Chunk, id, chunk);
    this.#t.kick();
  }

  #onFrame(f: Frame): void {
    if (this.#refused) return;
    if (!this.#auth) {
      if (!this.#hello) this.#onHello(f);
      else this.#onProof(f);
      return;
    }
    if (f.type === FrameType.Call) this.#dispatch(f.id, f.program, f.proc, f.args);
    else if (f.type === FrameType.Cancel) this.#inflight.get(f.id)?.abort(new FsError('ECANCELED', 'cancelled by the client'));
    else this.#t.close(new FsError('EBADMSG', `unexpected frame type ${f.type} from a client`));
  }

  #onHello(f: Frame): void {
    if (f.type !== FrameType.Handshake) {
      this.#t.close(new FsError('EBADMSG', `expected a handshake, got frame type ${f.type}`));
      return;
    }
    if (f.version !== PROTOCOL_VERSION) {
      this.#refuse('EPROTO', `protocol version mismatch: server speaks ${PROTOCOL_VERSION}, client speaks ${f.version}`);
      return;
    }
    const hello = decodeHello(f.greeting);
    const secret = hello.user ? this.#policy.secretOf?.(hello.user) : undefined;
    const nonce = newNonce();
    this.#hello = hello;
    this.#serverNonce = nonce;
    const proof = secret ? authProof(secret, 'server', hello, nonce) : Buffer.alloc(0);
    writeHandshake(this.#t.out, this.#t.maxFrameBytes, PROTOCOL_VERSION, (o) => encodeChallenge(o, { nonce, proof }));
    this.#t.kick();
  }

  #onProof(f: Frame): void {
    if (f.type !== FrameType.Auth) {
      this.#t.close(new FsError('EBADMSG', `expected the client's proof, got frame type ${f.type}`));
      return;
    }
    const hello = this.#hello!;
    const proof = decodeProof(f.body);
    const p = this.#policy;
    let user: string | undefined;
    if (hello.user) {
      const secret = p.secretOf?.(hello.user);
      if (!secret || !proofMatches(authProof(secret, 'client', hello, this.#serverNonce!), proof)) {
        this.#refuse('EACCES', `authentication failed for user "${hello.user}": wrong credentials`);
        return;
      }
      user = hello.user;
    }
    const auth: ConnAuth = { user, local: p.local, certName: p.certName, address: p.address };
    const refusal = p.admit?.(auth);
    if (refusal !== undefined) {
      this.#refuse('EACCES', refusal);
      return;
    }
    this.#auth = auth;
    this.#t.handshakeDone();
    writeWelcome(this.#t.out, this.#t.maxFrameBytes);
    this.#t.kick();
  }

  /** Tells the client why before hanging up, so its operator sees a clear error, not a reset. */
  #refuse(code: 'EPROTO' | 'EACCES', msg: string): void {
    this.#log.warn('refusing client', { peer: this.peer, reason: msg });
    this.#refused = true;
    writeError(this.#t.out, this.#t.maxFrameBytes, 0, code, msg);
    this.#t.endAfterFlush();
  }

  #dispatch(id: number, program: string, proc: string, args: unknown[]): void {
    const procs = this.#programs.get(program);
    if (!procs) {
      this.#t.close(new FsError('EBADMSG', `call to unknown program "${program}"`));
      return;
    }
    const handler = procs.get(proc);
    if (!handler) {
      this.#sendError(id, 'ENOSYS', `program "${program}" has no procedure "${proc}"`);
      return;
    }
    const call = new ServedCall(this, id);
    this.#inflight.set(id, call);
    let p: Promise<unknown>;
    try {
      p = handler(args, call);
    } catch (e) {
      p = Promise.reject(e);
    }
    p.then(
      (v) => this.#reply(call, v, program, proc),
      (e: unknown) => this.#fail(call, e, program, proc),
    );
  }

  #reply(call: ServedCall, value: unknown, program: string, proc: string): void {
    if (!this.#finish(call)) return;
    try {
      writeValue(this.#t.out, this.#t.maxFrameBytes, FrameType.Reply, call.id, value);
      this.#t.kick();
    } catch (e) {
      this.#log.error('handler returned a value that cannot be sent', { program, proc, error: String(e) });
      this.#sendError(call.id, 'EIO', `${program}.${proc} returned an unsendable result`);
    }
  }

  #fail(call: ServedCall, e: unknown, program: string, proc: string): void {
    if (!this.#finish(call)) return;
    if (e instanceof FsError) {
      this.#sendError(call.id, e.code, e.detail);
      return;
    }
    this.#log.error('handler failed (a bug): answering EIO', {
      program, proc, peer: this.peer, error: e instanceof Error ? e.stack : String(e),
    });
    this.#sendError(call.id, 'EIO', `internal error in ${program}.${proc}: ${e instanceof Error ? e.message : String(e)}`);
  }

  /** Marks `call` settled; false when its connection is gone and nothing should be sent. */
  #finish(call: ServedCall): boolean {
    call.done = true;
    if (this.#inflight.get(call.id) === call) this.#inflight.delete(call.id);
    return !this.#t.isClosed;
  }

  #sendError(id: number, code: FsError['code'], message: string): void {
    writeError(this.#t.out, this.#t.maxFrameBytes, id, code, message);
    this.#t.kick();
  }

  #onClosed(reason: FsError | undefined): void {
    if (reason?.code === 'EBADMSG') this.#log.warn('dropping client connection: malformed frame', { peer: this.peer, reason: reason.message });
    else if (reason?.code === 'EIO') this.#log.error('dropping client connection after an internal error', { peer: this.peer, reason: reason.message });
    else this.#log.debug('client disconnected', { peer: this.peer, connId: this.connId, reason: reason?.message });
    const gone = new FsError('ENOTCONN', 'client went away');
    for (const call of this.#inflight.values()) call.abort(gone);
    this.#inflight.clear();
    this.#onGone(this, reason, this.#auth !== null);
  }
}
