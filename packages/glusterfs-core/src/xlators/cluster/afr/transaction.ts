import { isFsError } from '../../../errors/index.js';
import type { CallCtx, Loc, Subvol } from '../../../fop/index.js';
import { postOp, preOp } from './changelog.js';
import { type LockTarget, acquire, release } from './locks.js';
import type { TxnKind } from './pending.js';
import type { AfrState, Outcome } from './state.js';

/** One replicated change. */
export interface TxnSpec<T> {
  /** For messages: the fop and path. */
  what: string;
  kind: TxnKind;
  locks: LockTarget[];
  /** The inodes whose counters record the change: the file (data, metadata) or parent dir(s) (entry). */
  marks: Loc[];
  op: (c: Subvol, i: number) => Promise<T>;
  /**
   * Takes a new entry back on one child. When the change succeeded only on a minority while
   * the others refused it with a real answer (EEXIST: a copy still waiting for its heal lacks
   * the name), the minority is undone and the answer stands, instead of a new GFID appearing
   * on the stale copy.
   */
  undo?: (c: Subvol, i: number) => Promise<void>;
  /**
   * Told which children applied the change as soon as that is known, before the post-op, so a
   * create's fd can take writes while the parent's marks are still being settled.
   */
  applied?: (succeeded: number[]) => void;
}

/** What a transaction did: the answer, and where it landed. */
export interface TxnResult<T> {
  value: T;
  succeeded: number[];
  failed: number[];
}

/**
 * GlusterFS's AFR transaction: quorum check, lock on every child up (in order), pre-op (dirty
 * up), the change on every locked child at once, post-op (the children that applied it blame
 * those that did not — down, unlocked or failing — and lower dirty), unlock. When the change
 * fails everywhere with the same answer (EEXIST, ENOENT…) that answer is the result and
 * nobody is blamed; so it is when a minority applied a new entry the others refused (it is
 * taken back with `undo`). EROFS without quorum, before or after the change.
 */
export async function transaction<T>(st: AfrState, ctx: CallCtx, spec: TxnSpec<T>): Promise<TxnResult<T>> {
  const up = st.requireQuorum(spec.what);
  const held = await acquire(st, ctx, spec.locks, up);
  try {
    if (!st.quorumMet(held.on)) throw st.error('EROFS', `${spec.what}: lost client quorum while locking`);
    const participants = await preOp(st, held.ctx, spec.marks, spec.kind, held.on);
    if (participants.length === 0) throw st.error('ENOTCONN', `${spec.what}: no brick of ${st.name} took the change`);
    const outcomes = await st.fanOut(participants, spec.op);
    return await settle(st, held.ctx, spec, participants, outcomes);
  } finally {
    void release(st, held);
  }
}

async function settle<T>(
  st: AfrState, ctx: CallCtx, spec: TxnSpec<T>, participants: number[], outcomes: Outcome<T>[],
): Promise<TxnResult<T>> {
  const succeeded = participants.filter((_, k) => outcomes[k].ok);
  // Those that answered a refusal (not those that went away) get their dirty mark back down.
  const refused = participants.filter((_, k) => {
    const o = outcomes[k];
    return !o.ok && !isFsError(o.error, 'ENOTCONN', 'ETIMEDOUT');
  });
  if (spec.undo && succeeded.length > 0 && refused.length >= succeeded.length) {
    const undone = await st.fanOut(succeeded, spec.undo);
    if (undone.every((o) => o.ok)) {
      await postOp(st, ctx, spec.marks, spec.kind, [...refused, ...succeeded], []);
      throw answerOf(outcomes);
    }
  }
  const failed = st.children.map((_, i) => i).filter((i) => !succeeded.includes(i));
  if (succeeded.length === 0) {
    // The same refusal everywhere is the answer, not a fault: settle dirty where it was raised.
    await postOp(st, ctx, spec.marks, spec.kind, refused, []);
    throw answerOf(outcomes);
  }
  if (st.quorumMet(succeeded)) spec.applied?.(succeeded);
  await postOp(st, ctx, spec.marks, spec.kind, succeeded, failed);
  if (!st.quorumMet(succeeded)) {
    throw st.error('EROFS', `${spec.what}: applied on ${succeeded.length} of ${st.count} bricks, below client quorum`);
  }
  const best = succeeded.find((i) => !st.isArbiter(i)) ?? succeeded[0];
  const out = outcomes[participants.indexOf(best)] as { ok: true; value: T };
  return { value: out.value, succeeded, failed };
}

/** The error to report when every child failed: a real answer (not a lost brick) first. */
export function answerOf(outcomes: Outcome<unknown>[]): Error {
  const errors = outcomes.flatMap((o) => (o.ok ? [] : [o.error]));
  return errors.find((e) => !isFsError(e, 'ENOTCONN', 'ETIMEDOUT')) ?? errors[0];
}
