import { closeSync, mkdirSync, openSync, readdirSync, unlinkSync } from 'node:fs';
import { FsError } from '../../../errors/index.js';
import { isGfid, type Gfid } from '../../../fop/index.js';

/**
 * The set of GFIDs needing heal on one brick. In memory always; with a base directory each
 * member is also an empty file `<base>/xattrop/<gfid>`, so the set survives a brick restart
 * (it is read back at start; names that are not GFIDs are ignored).
 */
export class IndexStore {
  readonly #gfids = new Set<Gfid>();
  readonly #dir: string | null;

  /** `base` null keeps the index in memory only; otherwise its directories are created now. */
  constructor(base: string | null) {
    this.#dir = base === null ? null : `${base}/xattrop`;
    if (this.#dir === null) return;
    mkdirSync(this.#dir, { recursive: true, mode: 0o700 });
    for (const name of readdirSync(this.#dir)) if (isGfid(name)) this.#gfids.add(name);
  }

  /** Indexes `gfid` (idempotent). EINVAL for a malformed GFID. */
  add(gfid: Gfid): void {
    if (this.#gfids.has(gfid)) return;
    if (!isGfid(gfid)) throw new FsError('EINVAL', `not a GFID: ${JSON.stringify(gfid)}`);
    if (this.#dir !== null) {
      try {
        closeSync(openSync(`${this.#dir}/${gfid}`, 'wx', 0o600));
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      }
    }
    this.#gfids.add(gfid);
  }

  /** Drops `gfid`; absent is fine. */
  remove(gfid: Gfid): void {
    if (!this.#gfids.has(gfid)) return;
    if (this.#dir !== null) {
      try {
        unlinkSync(`${this.#dir}/${gfid}`);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
      }
    }
    this.#gfids.delete(gfid);
  }

  /** Every indexed GFID, sorted. */
  list(): Gfid[] {
    return [...this.#gfids].sort();
  }

  /** How many GFIDs are indexed. */
  get size(): number {
    return this.#gfids.size;
  }
}
