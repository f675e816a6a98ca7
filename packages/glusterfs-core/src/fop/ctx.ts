/**
 * Per-call context, passed down the graph untouched by translators that do not care.
 * Identity is the caller's (bricks create entries owned by `uid`/`gid`); `lkOwner` names the
 * lock owner for inodelk/entrylk; `signal` carries a deadline or cancellation; `xdata` is the
 * open extension map, in the spirit of GlusterFS's xdata dict (values must be wire-encodable:
 * null, boolean, number, bigint, string, Buffer, arrays and plain objects of those).
 */
export interface CallCtx {
  uid: number;
  gid: number;
  groups: number[];
  pid: number;
  lkOwner: string;
  signal?: AbortSignal;
  traceId?: string;
  xdata: Record<string, unknown>;
}

/** A context for the given identity (root by default), with a fresh empty xdata. */
export function createCtx(init: Partial<CallCtx> = {}): CallCtx {
  return {
    uid: init.uid ?? 0,
    gid: init.gid ?? 0,
    groups: init.groups ?? [],
    pid: init.pid ?? process.pid,
    lkOwner: init.lkOwner ?? '',
    signal: init.signal,
    traceId: init.traceId,
    xdata: init.xdata ?? {},
  };
}
