import type { CallCtx, Loc, Xattrs } from '../../../fop/index.js';
import { type Counters, type TxnKind, countersOf, encodeCounters } from './pending.js';
import type { AfrState } from './state.js';

/**
 * One xattrop value set: every pending key and the dirty key, so the brick's index translator
 * sees the whole state of the inode in the reply. `blame` adds counters against children,
 * `dirty` to the replica's own counter.
 */
export function deltaXattrs(st: AfrState, blame: ReadonlyMap<number, Counters>, dirty: Counters): Xattrs {
  const x: Xattrs = {};
  st.pendingKeys.forEach((k, j) => {
    x[k] = encodeCounters(blame.get(j) ?? [0, 0, 0]);
  });
  x[st.dirtyKey] = encodeCounters(dirty);
  return x;
}

/**
 * Pre-op: raises the dirty counter of `kind` on each of `marks` on `children`, so a crash
 * before the post-op leaves the inode visibly in need of a check. Returns the children where
 * that worked (the rest take no part in the change and will be blamed).
 */
export async function preOp(st: AfrState, ctx: CallCtx, marks: readonly Loc[], kind: TxnKind, children: readonly number[]): Promise<number[]> {
  const x = deltaXattrs(st, new Map(), countersOf(kind, 1));
  const r = await st.fanOut(children, async (c) => {
    for (const loc of marks) await c.xattrop(ctx, loc, 'add32', x);
  });
  return children.filter((_, k) => r[k].ok);
}

/**
 * Post-op: on each child that applied the change, blames every child in `failed` for one
 * `kind` operation and lowers the dirty counter again. Children that took part but failed keep
 * their dirty mark. Failures here are logged, never raised: the change itself is done.
 */
export async function postOp(
  st: AfrState, ctx: CallCtx, marks: readonly Loc[], kind: TxnKind, succeeded: readonly number[], failed: readonly number[],
): Promise<void> {
  const blame = new Map(failed.map((j) => [j, countersOf(kind, 1)] as const));
  const x = deltaXattrs(st, blame, countersOf(kind, -1));
  const r = await st.fanOut(succeeded, async (c) => {
    for (const loc of marks) await c.xattrop(ctx, loc, 'add32', x);
  });
  r.forEach((o, k) => {
    if (!o.ok) st.log.warn('post-op failed; the inode stays marked dirty', { child: st.children[succeeded[k]].name, error: o.error.message });
  });
}
