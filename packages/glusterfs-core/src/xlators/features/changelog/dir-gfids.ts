import { ROOT_GFID, type CallCtx, type Gfid, type Subvol } from '../../../fop/index.js';

const MAX = 20_000;

/**
 * Directory path → GFID, for the parent GFIDs of entry records: a create in a known directory
 * costs no extra stat. Directory renames and removals clear it (they are rare, and a stale
 * entry would name the wrong parent); it is bounded by clearing when full.
 */
export class DirGfids {
  readonly #child: Subvol;
  readonly #byPath = new Map<string, Gfid>();

  constructor(child: Subvol) {
    this.#child = child;
  }

  /** The GFID of directory `path` on this brick (a stat through the child on a miss). */
  async gfidOf(ctx: CallCtx, path: string): Promise<Gfid> {
    if (path === '/') return ROOT_GFID;
    const known = this.#byPath.get(path);
    if (known) return known;
    const { gfid } = await this.#child.stat(ctx, { path });
    if (this.#byPath.size >= MAX) this.#byPath.clear();
    this.#byPath.set(path, gfid);
    return gfid;
  }

  /** Forgets every directory (after a directory was renamed or removed). */
  forget(): void {
    this.#byPath.clear();
  }
}
