/**
 * Per-call context, passed down the graph untouched by translators that do not care.
 * Identity is the caller's (bricks create entries owned by `uid`/`gid`); `lkOwner` names the
 * lock owner for inodelk/entrylk; `signal` carries a deadline or cancellation; `xdata` is the
 * open extension map, in the spirit of GlusterFS's xdata dict (values must be wire-encodable:
 * null, boolean, number, bigint, string, Buffer, arrays and plain objects of those).
 * `privileged` is decided where the call enters a server and never travels on the wire.
 */
export interface CallCtx {
  uid: number;
  gid: number;
  groups: number[];
  pid: number;
  lkOwner: string;
  /**
   * The caller may do what only root on a server of the volume may: set setuid/setgid bits,
   * file capabilities and other `security.*` xattrs on brick files. True for calls made inside
   * a server process and for uid 0 on a brick connection authenticated as the volume's trusted
   * user; false for every other call arriving over the wire.
   */
  privileged: boolean;
  signal?: AbortSignal;
  traceId?: string;
  xdata: Record<string, unknown>;
}

/** A context for the given identity (root by default, privileged unless said), with a fresh empty xdata. */
export function createCtx(init: Partial<CallCtx> = {}): CallCtx {
  return {
    uid: init.uid ?? 0,
    gid: init.gid ?? 0,
    groups: init.groups ?? [],
    pid: init.pid ?? process.pid,
    lkOwner: init.lkOwner ?? '',
    privileged: init.privileged ?? true,
    signal: init.signal,
    traceId: init.traceId,
    xdata: init.xdata ?? {},
  };
}
