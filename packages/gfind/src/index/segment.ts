import { TRIGRAM_KEYS, intersectSorted, unitCode } from './trigram.js';

/** Entries per block of the trigram index: postings name blocks, not entries. */
export const BLOCK_SIZE = 32;

/** The arrays a segment is made of (what persistence writes and reads back). */
export interface SegmentParts {
  /** Every path, sorted by code unit, joined by NUL (no path contains one). */
  heap: string;
  /** offsets[i] is where path i starts in `heap`; offsets[count] is heap.length + 1. */
  offsets: Uint32Array;
  /** Bit i set: path i is a directory. */
  dirs: Uint8Array;
  /** Postings of trigram key k: postings[keyStart[k] .. keyStart[k + 1]), ascending block ids. */
  keyStart: Uint32Array;
  postings: Uint32Array;
}

/**
 * An immutable, sorted run of volume paths with a block-level trigram index. Paths live in one
 * string (one-byte in V8 when they are Latin-1), so a substring scan is one `indexOf` over a
 * contiguous heap; the index maps each trigram to the blocks of {@link BLOCK_SIZE} consecutive
 * paths containing it. Sorted order keeps the paths under a directory contiguous, so a
 * directory's subtree is one range (renames and deletes of trees find it by binary search).
 */
export class Segment {
  readonly count: number;
  readonly blocks: number;
  readonly parts: SegmentParts;
  #folded?: string | null;

  constructor(parts: SegmentParts) {
    this.parts = parts;
    this.count = parts.offsets.length - 1;
    this.blocks = Math.ceil(this.count / BLOCK_SIZE);
  }

  /** The path of entry `i`. */
  path(i: number): string {
    const o = this.parts.offsets;
    return this.parts.heap.slice(o[i]!, o[i + 1]! - 1);
  }

  /** Whether entry `i` is a directory. */
  isDir(i: number): boolean {
    return (this.parts.dirs[i >> 3]! & (1 << (i & 7))) !== 0;
  }

  /** The first index whose path is >= `key` (code-unit order). */
  lowerBound(key: string): number {
    let lo = 0, hi = this.count;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.path(mid) < key) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** The index of `path`, or -1. */
  indexOf(path: string): number {
    const i = this.lowerBound(path);
    return i < this.count && this.path(i) === path ? i : -1;
  }

  /** Indexes [from, to) of the paths strictly below directory `dir` (`dir/...`). */
  subtree(dir: string): [number, number] {
    // '0' is the code unit after '/', so [dir/, dir0) holds exactly the paths under dir/.
    return [this.lowerBound(dir + '/'), this.lowerBound(dir + '0')];
  }

  /** Ascending ids of the blocks that contain every key (all blocks when `keys` is empty: null). */
  candidateBlocks(keys: number[]): Uint32Array | null {
    if (keys.length === 0) return null;
    const { keyStart, postings } = this.parts;
    return intersectSorted(keys.map((k) => postings.subarray(keyStart[k]!, keyStart[k + 1]!)));
  }

  /** Entries [from, to) of block `b`. */
  blockRange(b: number): [number, number] {
    return [b * BLOCK_SIZE, Math.min((b + 1) * BLOCK_SIZE, this.count)];
  }

  /**
   * The heap in lower case, made on the first -i query that needs a scan and kept; null when
   * lower-casing changes some length (offsets would no longer line up).
   */
  foldedHeap(): string | null {
    if (this.#folded === undefined) {
      const lower = this.parts.heap.toLowerCase();
      this.#folded = lower.length === this.parts.heap.length ? lower : null;
    }
    return this.#folded;
  }

  /** Bytes the segment holds in memory (heap counted at one byte a unit, as V8 stores Latin-1). */
  get memoryBytes(): number {
    const p = this.parts;
    return p.heap.length + p.offsets.byteLength + p.dirs.byteLength + p.keyStart.byteLength + p.postings.byteLength;
  }
}

/**
 * Builds a segment from paths already sorted by code unit, without repeats, and their
 * directory flags. A generator: it yields between batches of blocks so a caller on a shared
 * thread can let other work run (`runSteps`), and returns the segment.
 */
export function* buildSegment(paths: string[], isDir: (i: number) => boolean): Generator<void, Segment> {
  const count = paths.length;
  const heap = paths.join('\0');
  const offsets = new Uint32Array(count + 1);
  const dirs = new Uint8Array((count + 7) >> 3);
  let at = 0;
  for (let i = 0; i < count; i++) {
    offsets[i] = at;
    at += paths[i]!.length + 1;
    if (isDir(i)) dirs[i >> 3]! |= 1 << (i & 7);
  }
  offsets[count] = at;
  yield;
  const blocks = Math.ceil(count / BLOCK_SIZE);
  const stamp = new Int32Array(TRIGRAM_KEYS);
  const keyStart = new Uint32Array(TRIGRAM_KEYS + 1);
  // Pass 1 counts the blocks of each key (into keyStart[k + 1]); pass 2 fills them in.
  for (let b = 0; b < blocks; b++) {
    forEachKey(heap, offsets, b, (k) => {
      if (stamp[k] === b + 1) return;
      stamp[k] = b + 1;
      keyStart[k + 1]!++;
    });
    if ((b & 1023) === 1023) yield;
  }
  for (let k = 0; k < TRIGRAM_KEYS; k++) keyStart[k + 1]! += keyStart[k]!;
  const postings = new Uint32Array(keyStart[TRIGRAM_KEYS]!);
  const fill = keyStart.slice(0, TRIGRAM_KEYS);
  for (let b = 0; b < blocks; b++) {
    forEachKey(heap, offsets, b, (k) => {
      if (stamp[k] === -(b + 1)) return;
      stamp[k] = -(b + 1);
      postings[fill[k]!++] = b;
    });
    if ((b & 1023) === 1023) yield;
  }
  return new Segment({ heap, offsets, dirs, keyStart, postings });
}

/** Calls `fn` with each trigram key of block `b`'s paths (trigrams never span two paths). */
function forEachKey(heap: string, offsets: Uint32Array, b: number, fn: (k: number) => void): void {
  const from = offsets[b * BLOCK_SIZE]!;
  const to = offsets[Math.min((b + 1) * BLOCK_SIZE, offsets.length - 1)]! - 1;
  let key = 0, have = 0;
  for (let i = from; i < to; i++) {
    const c = heap.charCodeAt(i);
    if (c === 0) {
      have = 0;
      continue;
    }
    key = ((key << 7) | unitCode(c)) & (TRIGRAM_KEYS - 1);
    if (++have >= 3) fn(key);
  }
}

/** Runs a step generator to its end at once (tests, loading). */
export function runStepsSync<T>(steps: Generator<void, T>): T {
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}

/** Runs a step generator, letting the event loop turn between steps. */
export async function runSteps<T>(steps: Generator<void, T>): Promise<T> {
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
}
