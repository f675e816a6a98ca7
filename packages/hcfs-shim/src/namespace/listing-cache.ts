import type { DirEntry } from 'glusterfs-core';

/** A directory's entries sorted by name bytes, valid while the directory's ctime is unchanged. */
interface Cached {
  ctimeMs: number;
  mtimeMs: number;
  at: number;
  entries: DirEntry[];
}

const TTL_MS = 10_000;
const MAX_DIRS = 64;

/**
 * HDFS pages a listing by name (`startAfter`), but bricks return entries in hash order, so a
 * page needs the whole directory sorted. Reading it once per page would make a listing
 * quadratic; this keeps the sorted entries of recently listed directories, keyed by path and
 * checked against the directory's ctime/mtime read fresh for every page (a create, delete or
 * rename by another shim changes them) and dropped at once when this shim changes the directory
 * (times are in milliseconds, so a change in the same millisecond would not show).
 */
export class ListingCache {
  readonly #dirs = new Map<string, Cached>();

  /** Sorted entries when still valid for a directory with these times. */
  get(path: string, ctimeMs: number, mtimeMs: number): DirEntry[] | undefined {
    const c = this.#dirs.get(path);
    if (!c || c.ctimeMs !== ctimeMs || c.mtimeMs !== mtimeMs || Date.now() - c.at > TTL_MS) return undefined;
    return c.entries;
  }

  /** Forgets the entries of `path` and of every directory under it (this shim changed them). */
  forget(path: string): void {
    for (const k of this.#dirs.keys()) {
      if (k === path || k.startsWith(path === '/' ? '/' : path + '/')) this.#dirs.delete(k);
    }
  }

  /** Remembers a directory's sorted entries. */
  set(path: string, ctimeMs: number, mtimeMs: number, entries: DirEntry[]): void {
    if (this.#dirs.size >= MAX_DIRS) this.#dirs.delete(this.#dirs.keys().next().value!);
    this.#dirs.set(path, { ctimeMs, mtimeMs, at: Date.now(), entries });
  }
}

/** Orders names by their UTF-8 bytes, as HDFS does. */
export function compareNames(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a), Buffer.from(b));
}

/** Index of the first entry whose name sorts after `startAfter` (binary search). */
export function firstAfter(entries: readonly DirEntry[], startAfter: string): number {
  if (startAfter === '') return 0;
  let lo = 0, hi = entries.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (compareNames(entries[mid].name, startAfter) <= 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
