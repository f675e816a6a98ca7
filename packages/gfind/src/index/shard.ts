import { buildSegment, runStepsSync, type Segment } from './segment.js';
import { scanBase, type QueryOptions } from './scan.js';
import type { Matcher } from './pattern.js';

/** One change the shard applies (also replayed onto a segment merged meanwhile). */
type Op = { kind: 'add'; path: string; dir: boolean } | { kind: 'remove'; path: string } | { kind: 'move'; from: string; to: string };

/** What a finished query found, in code-unit order of path. */
export interface Found {
  paths: string[];
  dirs: boolean[];
}

/**
 * A brick's name index: an immutable base {@link Segment}, tombstones over it, and a small
 * delta of names added since, so adds, deletes and renames cost next to nothing and queries
 * stay fast. When the delta or the tombstones grow, {@link mergeSteps} folds them into a new
 * base in the background; changes made meanwhile are replayed onto it.
 */
export class Shard {
  #base: Segment;
  #tombs: Uint8Array;
  #tombCount = 0;
  #delta = new Map<string, boolean>();
  #replay: Op[] | null = null;

  constructor(base: Segment, tombs?: Uint32Array, delta?: Iterable<[string, boolean]>) {
    this.#base = base;
    this.#tombs = new Uint8Array((base.count + 7) >> 3);
    for (const i of tombs ?? []) this.#tomb(i);
    for (const [p, d] of delta ?? []) this.#delta.set(p, d);
  }

  /** A shard of the given paths (any order, repeats allowed) and their directory flags. */
  static of(entries: Iterable<[string, boolean]>): Shard {
    const m = new Map(entries);
    const paths = [...m.keys()].sort(byCodeUnit);
    return new Shard(runStepsSync(buildSegment(paths, (i) => m.get(paths[i]!)!)));
  }

  /** Live names. */
  get size(): number {
    return this.#base.count - this.#tombCount + this.#delta.size;
  }

  /** The base segment (persistence, statistics). */
  get base(): Segment {
    return this.#base;
  }

  /** Tombstoned base entries (persistence). */
  tombstones(): Uint32Array {
    const out = new Uint32Array(this.#tombCount);
    let n = 0;
    for (let i = 0; i < this.#base.count; i++) if (this.#isTomb(i)) out[n++] = i;
    return out;
  }

  /** Names added since the base was built (persistence). */
  delta(): [string, boolean][] {
    return [...this.#delta];
  }

  /** Whether the delta and tombstones are big enough to be worth a merge. */
  get wantsMerge(): boolean {
    if (this.#replay) return false;
    const n = this.#base.count;
    return this.#delta.size > Math.max(5_000, n / 50) || this.#tombCount > Math.max(5_000, n / 4);
  }

  /** Whether `path` is a live name; undefined when absent, else whether it is a directory. */
  get(path: string): boolean | undefined {
    const d = this.#delta.get(path);
    if (d !== undefined) return d;
    const i = this.#base.indexOf(path);
    return i >= 0 && !this.#isTomb(i) ? this.#base.isDir(i) : undefined;
  }

  /** Adds a name (a name already there only takes the new directory flag). */
  add(path: string, dir: boolean): void {
    this.#replay?.push({ kind: 'add', path, dir });
    const i = this.#base.indexOf(path);
    if (i >= 0 && !this.#isTomb(i) && this.#base.isDir(i) === dir) return;
    if (i >= 0) this.#tomb(i);
    this.#delta.set(path, dir);
  }

  /** Removes a name and every name below it. Returns how many went. */
  remove(path: string): number {
    this.#replay?.push({ kind: 'remove', path });
    return this.#take(path).length;
  }

  /**
   * Renames `from` (and every name below it) to `to`, replacing what `to` was. Returns how many
   * names moved (0 when the shard does not have `from`).
   */
  move(from: string, to: string): number {
    if (from === to) return 0;
    this.#replay?.push({ kind: 'move', from, to });
    const moved = this.#take(from);
    if (moved.length === 0) return 0;
    this.#take(to);
    for (const [p, d] of moved) this.#delta.set(to + p.slice(from.length), d);
    return moved.length;
  }

  /**
   * Finds the names matching the patterns (`all`: every pattern, else any), at most `limit`,
   * in code-unit order.
   */
  query(matchers: Matcher[], opts: QueryOptions): Found {
    const limit = opts.limit ?? Infinity;
    const base = scanBase(this.#base, matchers, opts, (i) => !this.#isTomb(i));
    const extra: string[] = [];
    for (const p of this.#delta.keys()) {
      if (opts.all ? matchers.every((m) => m.test(p)) : matchers.some((m) => m.test(p))) extra.push(p);
    }
    extra.sort(byCodeUnit);
    const out: Found = { paths: [], dirs: [] };
    let i = 0, j = 0;
    while (out.paths.length < limit && (i < base.length || j < extra.length)) {
      if (j >= extra.length || (i < base.length && this.#base.path(base[i]!) < extra[j]!)) {
        out.paths.push(this.#base.path(base[i]!));
        out.dirs.push(this.#base.isDir(base[i++]!));
      } else {
        out.paths.push(extra[j]!);
        out.dirs.push(this.#delta.get(extra[j++]!)!);
      }
    }
    return out;
  }

  /** Counts of live directories and other names. */
  counts(): { dirs: number; files: number } {
    let dirs = 0;
    for (let i = 0; i < this.#base.count; i++) if (this.#base.isDir(i) && !this.#isTomb(i)) dirs++;
    for (const d of this.#delta.values()) if (d) dirs++;
    return { dirs, files: this.size - dirs };
  }

  /**
   * Folds the delta and tombstones into a new base, yielding between batches. Changes applied
   * while it runs are recorded and replayed onto the new base before it replaces the old one.
   */
  *mergeSteps(): Generator<void, void> {
    if (this.#replay) return;
    this.#replay = [];
    try {
      // The state at this instant is what gets merged (the base is immutable; the tombstones
      // and delta are copied), so replaying every later change onto the result is exact.
      const base = this.#base;
      const tombs = this.#tombs.slice();
      const added = [...this.#delta].sort((a, b) => byCodeUnit(a[0], b[0]));
      const live: [string, boolean][] = [];
      for (let i = 0; i < base.count; i++) {
        if ((tombs[i >> 3]! & (1 << (i & 7))) === 0) live.push([base.path(i), base.isDir(i)]);
        if ((i & 0xffff) === 0xffff) yield;
      }
      const all = mergeSorted(live, added);
      const seg = yield* buildSegment(all.map((e) => e[0]), (i) => all[i]![1]);
      const replay = this.#replay;
      this.#replay = null;
      this.#base = seg;
      this.#tombs = new Uint8Array((seg.count + 7) >> 3);
      this.#tombCount = 0;
      this.#delta = new Map();
      for (const op of replay) this.#apply(op);
    } finally {
      this.#replay = null;
    }
  }

  #apply(op: Op): void {
    if (op.kind === 'add') this.add(op.path, op.dir);
    else if (op.kind === 'remove') this.remove(op.path);
    else this.move(op.from, op.to);
  }

  /** Removes `path` and its subtree, returning what was there. */
  #take(path: string): [string, boolean][] {
    const out: [string, boolean][] = [];
    const b = this.#base;
    const i = b.indexOf(path);
    if (i >= 0 && !this.#isTomb(i)) {
      out.push([path, b.isDir(i)]);
      this.#tomb(i);
    }
    const [from, to] = b.subtree(path);
    for (let k = from; k < to; k++) {
      if (this.#isTomb(k)) continue;
      out.push([b.path(k), b.isDir(k)]);
      this.#tomb(k);
    }
    const d = this.#delta.get(path);
    if (d !== undefined) {
      out.push([path, d]);
      this.#delta.delete(path);
    }
    const prefix = path + '/';
    for (const [p, dir] of this.#delta) {
      if (!p.startsWith(prefix)) continue;
      out.push([p, dir]);
      this.#delta.delete(p);
    }
    return out;
  }

  #isTomb(i: number): boolean {
    return (this.#tombs[i >> 3]! & (1 << (i & 7))) !== 0;
  }

  #tomb(i: number): void {
    if (this.#isTomb(i)) return;
    this.#tombs[i >> 3]! |= 1 << (i & 7);
    this.#tombCount++;
  }
}

/** Code-unit order (what `<` on strings does), the order of every segment. */
export function byCodeUnit(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function mergeSorted(a: [string, boolean][], b: [string, boolean][]): [string, boolean][] {
  const out: [string, boolean][] = [];
  let i = 0, j = 0;
  while (i < a.length || j < b.length) {
    if (j >= b.length || (i < a.length && a[i]![0] < b[j]![0])) out.push(a[i++]!);
    else if (i < a.length && a[i]![0] === b[j]![0]) {
      out.push(b[j++]!);
      i++;
    } else out.push(b[j++]!);
  }
  return out;
}
