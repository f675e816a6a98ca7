import { lstatSync, type Stats } from 'node:fs';
import { FsError } from '../../../errors/index.js';
import type { Gfid, Iatt } from '../../../fop/index.js';
import type { Brick } from './brick.js';
import { type EntryRef, gfidOf } from './gfid.js';

/**
 * Iatt from an lstat. A non-directory's handle is one of its hard links, so the link count
 * clients see leaves it out (GlusterFS does the same).
 */
export function toIatt(st: Stats, gfid: Gfid): Iatt {
  return {
    gfid,
    mode: st.mode,
    nlink: !st.isDirectory() && st.nlink > 1 ? st.nlink - 1 : st.nlink,
    uid: st.uid,
    gid: st.gid,
    size: st.size,
    blocks: st.blocks,
    blksize: st.blksize,
    atimeMs: st.atimeMs,
    mtimeMs: st.mtimeMs,
    ctimeMs: st.ctimeMs,
  };
}

/** lstat without throwing: undefined when the entry does not exist. */
export function lstatOrNull(real: string): Stats | undefined {
  return lstatSync(real, { throwIfNoEntry: false });
}

/** The entry's Iatt, healing a missing GFID (with `want` when given). ENOENT. */
export function statEntry(b: Brick, ref: EntryRef, want?: Gfid): Iatt {
  const st = lstatOrNull(ref.real);
  if (!st) throw new FsError('ENOENT', undefined, b.name);
  return toIatt(st, gfidOf(b, ref, st, want));
}
