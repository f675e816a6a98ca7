import { FsError } from '../errors/index.js';
import { normalizePath, type CallCtx, type Loc } from '../fop/index.js';
import type { ConnAuth, RpcCallInfo } from '../rpc/index.js';

/** Where the brick records which client connection a fop came from (lock owners, journals). */
export const CLIENT_ID_KEY = 'client-id';

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !Buffer.isBuffer(v);
}

/** How a brick turns a connection's credentials into the identity its calls run with. */
export interface WireIdentityPolicy {
  /** True for a connection of the volume's trusted clients (never squashed; root there is privileged). */
  isTrusted(auth: ConnAuth): boolean;
  /** uid and gid 0 of other connections become these (root squashing); undefined: no squashing. */
  readonly squashTo?: { readonly uid: number; readonly gid: number };
}

/** The policy of a brick graph served without a protocol/server node: every client is trusted. */
export const TRUST_EVERYONE: WireIdentityPolicy = { isTrusted: () => true };

/**
 * A call context rebuilt from the wire. `signal` is created only when a translator asks for
 * it (most never do), and it lives on the prototype so the object keeps a fixed shape: a
 * per-call `Object.defineProperty` would turn every context into a slow dictionary object.
 */
class WireCtx implements CallCtx {
  uid: number;
  gid: number;
  groups: number[];
  pid: number;
  lkOwner: string;
  privileged: boolean;
  traceId: string | undefined;
  xdata: Record<string, unknown>;
  readonly #call: RpcCallInfo;
  #signal: AbortSignal | undefined;
  #signalSet = false;

  constructor(w: Record<string, unknown>, call: RpcCallInfo, policy: WireIdentityPolicy) {
    this.uid = typeof w.uid === 'number' ? w.uid : 0;
    this.gid = typeof w.gid === 'number' ? w.gid : 0;
    this.groups = Array.isArray(w.groups) ? w.groups.filter((g): g is number => typeof g === 'number') : [];
    const trusted = policy.isTrusted(call.auth);
    const squash = trusted ? undefined : policy.squashTo;
    if (squash) {
      if (this.uid === 0) this.uid = squash.uid;
      if (this.gid === 0) this.gid = squash.gid;
      this.groups = this.groups.filter((g) => g !== 0);
    }
    this.privileged = trusted && this.uid === 0;
    this.pid = typeof w.pid === 'number' ? w.pid : 0;
    this.lkOwner = typeof w.lkOwner === 'string' ? w.lkOwner : '';
    this.traceId = typeof w.traceId === 'string' ? w.traceId : undefined;
    this.xdata = isRecord(w.xdata) ? w.xdata : {};
    this.xdata[CLIENT_ID_KEY] = call.connId;
    this.#call = call;
  }

  get signal(): AbortSignal | undefined {
    if (!this.#signalSet) {
      this.#signal = this.#call.signal;
      this.#signalSet = true;
    }
    return this.#signal;
  }

  set signal(s: AbortSignal | undefined) {
    this.#signal = s;
    this.#signalSet = true;
  }
}

/**
 * Rebuilds a call context sent by protocol/client. `xdata['client-id']` is set to the
 * connection id; `signal` aborts when the client cancels the call or goes away (created only
 * if a translator looks at it). The identity is the client's, except that `policy` squashes
 * root on untrusted connections; `privileged` only for uid 0 on a trusted one. EINVAL on a
 * malformed context.
 */
export function ctxFromWire(w: unknown, call: RpcCallInfo, policy: WireIdentityPolicy = TRUST_EVERYONE): CallCtx {
  if (!isRecord(w)) throw new FsError('EINVAL', 'fop call without a context');
  return new WireCtx(w, call, policy);
}

/** A location sent by a client, its path normalized so it can never climb out of the volume. */
export function locFromWire(w: unknown): Loc {
  if (!isRecord(w) || typeof w.path !== 'string') throw new FsError('EINVAL', 'fop location needs a path');
  const loc: Loc = { path: normalizePath(w.path) };
  if (typeof w.gfid === 'string' && w.gfid !== '') loc.gfid = w.gfid;
  return loc;
}
