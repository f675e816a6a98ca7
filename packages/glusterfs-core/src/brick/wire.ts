import { FsError } from '../errors/index.js';
import { normalizePath, type CallCtx, type Loc } from '../fop/index.js';
import type { RpcCallInfo } from '../rpc/index.js';

/** Where the brick records which client connection a fop came from (lock owners, journals). */
export const CLIENT_ID_KEY = 'client-id';

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !Buffer.isBuffer(v);
}

/**
 * Rebuilds a call context sent by protocol/client. `xdata['client-id']` is set to the
 * connection id; `signal` aborts when the client cancels the call or goes away (created only
 * if a translator looks at it). EINVAL on a malformed context.
 */
export function ctxFromWire(w: unknown, call: RpcCallInfo): CallCtx {
  if (!isRecord(w)) throw new FsError('EINVAL', 'fop call without a context');
  const num = (v: unknown, d: number) => (typeof v === 'number' ? v : d);
  const groups = Array.isArray(w.groups) ? w.groups.filter((g): g is number => typeof g === 'number') : [];
  const xdata = isRecord(w.xdata) ? w.xdata : {};
  xdata[CLIENT_ID_KEY] = call.connId;
  let signal: AbortSignal | undefined;
  const ctx: CallCtx = {
    uid: num(w.uid, 0), gid: num(w.gid, 0), groups, pid: num(w.pid, 0),
    lkOwner: typeof w.lkOwner === 'string' ? w.lkOwner : '',
    traceId: typeof w.traceId === 'string' ? w.traceId : undefined,
    xdata,
  };
  Object.defineProperty(ctx, 'signal', {
    enumerable: true,
    configurable: true,
    get: () => (signal ??= call.signal),
    set: (s: AbortSignal | undefined) => { signal = s; },
  });
  return ctx;
}

/** A location sent by a client, its path normalized so it can never climb out of the volume. */
export function locFromWire(w: unknown): Loc {
  if (!isRecord(w) || typeof w.path !== 'string') throw new FsError('EINVAL', 'fop location needs a path');
  const loc: Loc = { path: normalizePath(w.path) };
  if (typeof w.gfid === 'string' && w.gfid !== '') loc.gfid = w.gfid;
  return loc;
}
