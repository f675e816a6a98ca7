import type { Xattrs } from '../../../fop/index.js';

/** The three kinds of change replicate tracks, in the order of the on-disk counters. */
export type TxnKind = 'data' | 'metadata' | 'entry';

/** Position of each kind in a 12-byte pending value (3 × BE int32). */
export const KIND_INDEX: Record<TxnKind, number> = { data: 0, metadata: 1, entry: 2 };

/** A pending value: [data, metadata, entry] counters. */
export type Counters = [number, number, number];

/** Decodes a 12-byte pending value; absent or short values read as zeros. */
export function decodeCounters(b: Buffer | undefined): Counters {
  if (!b || b.length < 12) return [0, 0, 0];
  return [b.readInt32BE(0), b.readInt32BE(4), b.readInt32BE(8)];
}

/** Encodes counters as the 12-byte big-endian value xattrop adds. */
export function encodeCounters(c: Counters): Buffer {
  const b = Buffer.alloc(12);
  b.writeInt32BE(c[0], 0);
  b.writeInt32BE(c[1], 4);
  b.writeInt32BE(c[2], 8);
  return b;
}

/** Counters with `n` in the position of `kind` and zeros elsewhere. */
export function countersOf(kind: TxnKind, n: number): Counters {
  const c: Counters = [0, 0, 0];
  c[KIND_INDEX[kind]] = n;
  return c;
}

/**
 * What one replica's xattrs say: `blame[j]` are the counters this replica holds against child
 * `j` (it saw operations `j` missed), `dirty` its own counters (an operation was in flight).
 */
export interface ReplicaMarks {
  blame: Counters[];
  dirty: Counters;
}

/** Reads the marks of one replica from its xattrs; `keys[j]` is child j's pending key. */
export function marksOf(xattrs: Xattrs, keys: readonly string[], dirtyKey: string): ReplicaMarks {
  return { blame: keys.map((k) => decodeCounters(xattrs[k])), dirty: decodeCounters(xattrs[dirtyKey]) };
}

/** The verdict for one kind over the replicas that answered. */
export interface Direction {
  /** Replicas nobody blames: they hold the truth. Empty with `splitBrain`. */
  sources: number[];
  /** Replicas someone blames (or, for dirty-only, the non-chosen ones need a compare). */
  sinks: number[];
  /** Every answering replica is blamed by another one. */
  splitBrain: boolean;
  /** Some counter (pending or dirty) of this kind is set. */
  marked: boolean;
  /** Some answering replica's dirty counter of this kind is set (a change may have been cut short). */
  dirty: boolean;
}

/**
 * GlusterFS's direction finding: among the answering replicas `present` (index → marks), a
 * replica is a sink when another answering replica blames it, and a source otherwise. When
 * every answering replica is blamed the kind is in split-brain. `excluded` replicas (an
 * arbiter, for data) are never sources; if only they remain unblamed, that is split-brain too.
 */
export function findDirection(
  present: ReadonlyMap<number, ReplicaMarks>, kind: TxnKind, excluded: ReadonlySet<number> = new Set(),
): Direction {
  const k = KIND_INDEX[kind];
  const accused = new Set<number>();
  let marked = false;
  let dirty = false;
  for (const [i, m] of present) {
    if (m.dirty[k] !== 0) marked = dirty = true;
    m.blame.forEach((c, j) => {
      if (c[k] === 0) return;
      marked = true;
      if (j !== i && present.has(j)) accused.add(j);
    });
  }
  const all = [...present.keys()].sort((a, b) => a - b);
  const sources = all.filter((i) => !accused.has(i) && !excluded.has(i));
  const sinks = all.filter((i) => accused.has(i));
  const candidates = all.filter((i) => !excluded.has(i));
  const splitBrain = candidates.length > 0 && sources.length === 0;
  return { sources: splitBrain ? [] : sources, sinks, splitBrain, marked, dirty };
}
