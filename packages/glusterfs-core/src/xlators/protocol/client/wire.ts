import type { CallCtx, Loc } from '../../../fop/index.js';

/**
 * How a call context travels to a brick: identity, lock owner, trace id and xdata. The abort
 * signal stays local (it cancels the RPC call instead).
 */
export function ctxToWire(ctx: CallCtx): Record<string, unknown> {
  const w: Record<string, unknown> = {
    uid: ctx.uid, gid: ctx.gid, groups: ctx.groups, pid: ctx.pid, lkOwner: ctx.lkOwner, xdata: ctx.xdata,
  };
  if (ctx.traceId !== undefined) w.traceId = ctx.traceId;
  return w;
}

/** How a location travels: its path, and its GFID when known. */
export function locToWire(loc: Loc): Record<string, unknown> {
  return loc.gfid ? { path: loc.path, gfid: loc.gfid } : { path: loc.path };
}
