import { FsError, type Volume } from 'glusterfs-core';

/** A count is trusted this long before the directory is listed again. */
const COUNT_TTL_MS = 30_000;
/** Directories whose counts are kept. */
const MAX_DIRS = 1024;
/** Entries per readdir while counting. */
const COUNT_PAGE = 1000;

interface Count {
  items: number;
  at: number;
}

/**
 * HDFS's `max-directory-items` check (FSDirectory.verifyMaxDirItems). HDFS keeps children in
 * memory; here a directory's entries are counted by listing it, and the count is kept for
 * {@link COUNT_TTL_MS} and moved by this shim's own adds and removes, so a run of creates in
 * one directory lists it about once per interval, not once per create. Another shim's changes
 * show when the count is refreshed, so across shims the limit holds to within what they add in
 * one interval.
 */
export class DirectoryItems {
  readonly #vol: Volume;
  readonly #limit: number;
  readonly #counts = new Map<string, Count>();

  constructor(vol: Volume, limit: number) {
    this.#vol = vol;
    this.#limit = limit;
  }

  /**
   * Refuses adding a name to directory `dir` when it already holds the limit: EMLINK
   * (MaxDirectoryItemsExceededException) with HDFS's message. `check` is called between the
   * pages of a count (to stop when the caller gives up).
   */
  async checkRoom(dir: string, check: () => void = () => {}): Promise<void> {
    if (this.#limit <= 0) return;
    const items = await this.#count(dir, check);
    if (items >= this.#limit) {
      throw new FsError('EMLINK', `The directory item limit of ${dir} is exceeded: limit=${this.#limit} items=${items}`);
    }
  }

  /** This shim added (`+1`) or removed (`-1`) an entry of `dir`. */
  changed(dir: string, delta: number): void {
    const c = this.#counts.get(dir);
    if (c) c.items = Math.max(0, c.items + delta);
  }

  /** Forgets the count of `dir` (it was removed or replaced). */
  forget(dir: string): void {
    this.#counts.delete(dir);
  }

  async #count(dir: string, check: () => void): Promise<number> {
    const c = this.#counts.get(dir);
    if (c && Date.now() - c.at < COUNT_TTL_MS) return c.items;
    let items = 0;
    for await (const page of this.#vol.list(dir, { pageSize: COUNT_PAGE })) {
      items += page.length;
      check();
    }
    if (this.#counts.size >= MAX_DIRS) this.#counts.delete(this.#counts.keys().next().value!);
    this.#counts.set(dir, { items, at: Date.now() });
    return items;
  }
}
