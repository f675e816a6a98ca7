import { ROOT_GFID, type Gfid } from 'glusterfs-core';

/**
 * The brick's directories by GFID, as the shard knows them: each GFID's parent GFID and name.
 * Journal records name entries by parent GFID; resolving that parent through this tree (and
 * not through the brick's current state) gives the path the parent had when the record was
 * written, as long as records are applied in order: a directory renamed later is renamed in
 * the tree by its own later record.
 */
export class DirTree {
  readonly #dirs = new Map<Gfid, [Gfid, string]>();

  constructor(entries: Iterable<[Gfid, Gfid, string]> = []) {
    for (const [g, parent, name] of entries) this.#dirs.set(g, [parent, name]);
  }

  /** Directories known (the root is implicit). */
  get size(): number {
    return this.#dirs.size;
  }

  /** Records (or moves) directory `gfid` as `name` in `parent`. */
  set(gfid: Gfid, parent: Gfid, name: string): void {
    this.#dirs.set(gfid, [parent, name]);
  }

  /** Forgets a directory. */
  delete(gfid: Gfid): void {
    this.#dirs.delete(gfid);
  }

  /** Whether `gfid` is a known directory (the root included). */
  has(gfid: Gfid): boolean {
    return gfid === ROOT_GFID || this.#dirs.has(gfid);
  }

  /** The volume path of directory `gfid`, or null when some ancestor is unknown (or a loop). */
  pathOf(gfid: Gfid): string | null {
    const names: string[] = [];
    for (let g = gfid, hops = 0; g !== ROOT_GFID; hops++) {
      const e = this.#dirs.get(g);
      if (!e || hops > 4096) return null;
      names.push(e[1]);
      g = e[0];
    }
    return '/' + names.reverse().join('/');
  }

  /** Every directory as `[gfid, parent, name]` (persistence). */
  entries(): [Gfid, Gfid, string][] {
    return [...this.#dirs].map(([g, [p, n]]) => [g, p, n]);
  }
}
