import { isFsError } from '../../../errors/index.js';
import type { CallCtx, Loc, Subvol } from '../../../fop/index.js';
import type { AfrState } from './state.js';

/** Byte range of a data transaction; metadata uses the range above it, so the two never conflict. */
export const DATA_RANGE = { start: 0, len: 2 ** 52 };
/** Byte range of a metadata transaction (GlusterFS locks one byte near the top of the range). */
export const METADATA_RANGE = { start: 2 ** 52 + 1, len: 1 };

/** One lock a transaction takes: an inode range or a directory entry name. */
export type LockTarget =
  | { kind: 'inode'; loc: Loc; range: { start: number; len: number } }
  | { kind: 'entry'; loc: Loc; name: string | null };

/** Locks held on some children under one lock owner; {@link release} frees them. */
export interface HeldLocks {
  ctx: CallCtx;
  targets: LockTarget[];
  /** Children holding every target. */
  on: number[];
}

function lockCall(st: AfrState, c: Subvol, ctx: CallCtx, t: LockTarget, cmd: 'lock' | 'trylock' | 'unlock'): Promise<void> {
  return t.kind === 'inode'
    ? c.inodelk(ctx, st.name, t.loc, cmd, 'wr', t.range)
    : c.entrylk(ctx, st.name, t.loc, t.name, cmd, 'wr');
}

/**
 * Takes `targets` on `children`. First a trylock on all of them at once (one round trip when
 * nobody contends); on contention those taken are dropped and the locks are taken blocking,
 * child by child in index order and target by target in the given order, so two clients never
 * wait for each other in a cycle. A child that fails (down) is left out of `on`; EAGAIN only
 * with `tryOnly` (healers skip busy inodes).
 */
export async function acquire(
  st: AfrState, ctx: CallCtx, targets: LockTarget[], children: readonly number[], tryOnly = false,
): Promise<HeldLocks> {
  const lctx = st.lockCtx(ctx);
  const tried = await st.fanOut(children, async (c) => {
    for (const t of targets) await lockCall(st, c, lctx, t, 'trylock');
  });
  const busy = tried.some((o) => !o.ok && isFsError(o.error, 'EAGAIN'));
  if (!busy) return { ctx: lctx, targets, on: children.filter((_, k) => tried[k].ok) };
  await release(st, { ctx: lctx, targets, on: [...children] });
  if (tryOnly) throw st.error('EAGAIN', 'another client holds the lock');
  const on: number[] = [];
  for (const i of children) {
    const r = await st.try(i, async (c) => {
      for (const t of targets) await lockCall(st, c, lctx, t, 'lock');
    });
    if (r.ok) on.push(i);
  }
  return { ctx: lctx, targets, on };
}

/** Frees held locks on every child that holds them; never fails (a down brick dropped them). */
export async function release(st: AfrState, held: HeldLocks): Promise<void> {
  await st.fanOut(held.on, async (c) => {
    for (const t of [...held.targets].reverse()) await lockCall(st, c, held.ctx, t, 'unlock').catch(() => undefined);
  });
}
