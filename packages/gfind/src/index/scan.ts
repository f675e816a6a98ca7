import type { Matcher } from './pattern.js';
import { foldCase } from './pattern.js';
import type { Segment } from './segment.js';
import { literalKeys, unionSorted, intersectSorted } from './trigram.js';

/** How patterns combine and how many answers are wanted. */
export interface QueryOptions {
  /** -A: a name must match every pattern (default: any). */
  all: boolean;
  /** Stop after this many matches. */
  limit?: number;
}

/**
 * Indexes of the live entries of `seg` matching the patterns, ascending, at most `limit`.
 * Candidates come from the trigram index when the patterns require literals of three or more
 * units; otherwise from an `indexOf` scan of the heap for a shorter required literal; only
 * patterns without any literal (a regex like `^.[0-9]`) test every entry.
 */
export function scanBase(seg: Segment, matchers: Matcher[], opts: QueryOptions, live: (i: number) => boolean): number[] {
  const limit = opts.limit ?? Infinity;
  const out: number[] = [];
  const test = opts.all
    ? (p: string) => matchers.every((m) => m.test(p))
    : (p: string) => matchers.some((m) => m.test(p));
  const { heap, offsets } = seg.parts;
  const only = matchers.length === 1 ? matchers[0]!.testRange : undefined;
  // Returns true when the limit is reached.
  const consider = only
    ? (i: number): boolean => {
      if (live(i) && only(heap, offsets[i]!, offsets[i + 1]! - 1)) out.push(i);
      return out.length >= limit;
    }
    : (i: number): boolean => {
      if (live(i) && test(seg.path(i))) out.push(i);
      return out.length >= limit;
    };
  if (matchers.length === 0 || limit <= 0) return out;
  const blocks = candidateBlocks(seg, matchers, opts.all);
  if (blocks) {
    for (const b of blocks) {
      const [from, to] = seg.blockRange(b);
      for (let i = from; i < to; i++) if (consider(i)) return out;
    }
    return out;
  }
  const lit = shortLiteral(matchers, opts.all);
  if (lit) {
    const text = lit.ignoreCase ? seg.foldedHeap() : heap;
    if (text !== null) {
      scanHeap(seg, text, lit.ignoreCase ? foldCase(lit.text) : lit.text, consider);
      return out;
    }
  }
  for (let i = 0; i < seg.count; i++) if (consider(i)) return out;
  return out;
}

/** Blocks that may hold a match, or null when the index cannot narrow (no trigram to require). */
function candidateBlocks(seg: Segment, matchers: Matcher[], all: boolean): Uint32Array | null {
  const per = matchers.map((m) => seg.candidateBlocks(literalKeys(m.literals, m.spec.ignoreCase)));
  if (all) {
    const known = per.filter((b): b is Uint32Array => b !== null);
    return known.length ? intersectSorted(known) : null;
  }
  return per.some((b) => b === null) ? null : unionSorted(per as Uint32Array[]);
}

/** A literal every match contains, for a heap scan: the longest one of some pattern. */
function shortLiteral(matchers: Matcher[], all: boolean): { text: string; ignoreCase: boolean } | null {
  // With "any", a literal of one pattern says nothing about matches of another.
  if (!all && matchers.length !== 1) return null;
  let best: { text: string; ignoreCase: boolean } | null = null;
  for (const m of matchers) {
    for (const l of m.literals) {
      if (!best || l.length > best.text.length) best = { text: l, ignoreCase: m.spec.ignoreCase };
    }
  }
  return best;
}

/** Calls `consider` once per entry whose text contains `lit`, in order, until it returns true. */
function scanHeap(seg: Segment, heap: string, lit: string, consider: (i: number) => boolean): void {
  const offsets = seg.parts.offsets;
  for (let q = heap.indexOf(lit); q >= 0;) {
    const i = entryAt(offsets, q);
    if (consider(i)) return;
    q = heap.indexOf(lit, offsets[i + 1]!);
  }
}

/** The entry whose text covers heap position `q`. */
function entryAt(offsets: Uint32Array, q: number): number {
  let lo = 0, hi = offsets.length - 2;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if (offsets[mid]! <= q) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
