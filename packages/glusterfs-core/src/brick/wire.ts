import { FsError } from '../errors/index.js';
import { normalizePath, type CallCtx, type Loc } from '../fop/index.js';
import type { RpcCallInfo } from '../rpc/index.js';

/** Where the brick records which client connection a fop came from (lock owners, journals). */
export const CLIENT_ID_KEY = 'client-id';

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !Buffer.isBuffer(v);
}

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
  traceId: string | undefined;
  xdata: Record<string, unknown>;
  readonly #call: RpcCallInfo;
  #signal: AbortSignal | undefined;
  #signalSet = false;

  constructor(w: Record<string, unknown>, call: RpcCallInfo) {
    this.uid = typeof w.uid === 'number' ? w.uid : 0;
    this.gid = typeof w.gid === 'number' ? w.gid : 0;
    this.groups = Array.isArray(w.groups) ? w.groups.filter((g): g is number => typeof g === 'number') : [];
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
 * if a translator looks at it). EINVAL on a malformed context.
 */
export function ctxFromWire(w: unknown, call: RpcCallInfo): CallCtx {
  if (!isRecord(w)) throw new FsError('EINVAL', 'fop call without a context');
  return new WireCtx(w, call);
}

/** A location sent by a client, its path normalized so it can never climb out of the volume. */
export function locFromWire(w: unknown): Loc {
  if (!isRecord(w) || typeof w.path !== 'string') throw new FsError('EINVAL', 'fop location needs a path');
  const loc: Loc = { path: normalizePath(w.path) };
  if (typeof w.gfid === 'string' && w.gfid !== '') loc.gfid = w.gfid;
  return loc;
}
