import type { CallCtx, Loc } from '../../../../fop/index.js';
import { deltaXattrs } from '../changelog.js';
import type { Inspection } from '../inspect.js';
import { type Counters, type TxnKind, KIND_INDEX, countersOf } from '../pending.js';
import type { AfrState } from '../state.js';

/**
 * After a heal of `kind`, takes back on every replica that answered `ins` exactly the counters
 * it showed: its blame of the replicas that answered (now identical) and its dirty count.
 * Blame of replicas that did not answer (down) stays, so they are healed when they return.
 * Runs under the heal's lock, so no change raced with the counters read.
 */
export async function clearMarks(st: AfrState, ctx: CallCtx, loc: Loc, ins: Inspection, kind: TxnKind): Promise<void> {
  const k = KIND_INDEX[kind];
  const present = [...ins.marks.keys()];
  await st.fanOut(present, async (c, i) => {
    const m = ins.marks.get(i)!;
    const blame = new Map<number, Counters>();
    for (const j of present) if (m.blame[j][k] !== 0) blame.set(j, countersOf(kind, -m.blame[j][k]));
    if (blame.size === 0 && m.dirty[k] === 0) return;
    await c.xattrop(ctx, loc, 'add32', deltaXattrs(st, blame, countersOf(kind, -m.dirty[k])));
  });
}

/** True when some replica that answered blames one that did not (it is down and still owed). */
export function owedToAbsent(st: AfrState, ins: Inspection): boolean {
  for (const m of ins.marks.values()) {
    for (let j = 0; j < st.count; j++) {
      if (!ins.marks.has(j) && m.blame[j].some((n) => n !== 0)) return true;
    }
  }
  return false;
}
