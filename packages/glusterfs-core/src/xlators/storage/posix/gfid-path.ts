import { lstatSync, readlinkSync, realpathSync, type Stats } from 'node:fs';
import { FsError } from '../../../errors/index.js';
import { ROOT_GFID, isGfid, type Gfid } from '../../../fop/index.js';
import { XATTR } from '../../../format/index.js';
import type { Brick } from './brick.js';
import { readGfid } from './gfid.js';
import { handleAbs } from './handles.js';
import { getXattr, listXattrs } from './xattr.js';

const INTERNAL = '.glusterfs';
// What setDirHandle writes: `../../pp/qq/<parent gfid>/<name>`.
const DIR_HANDLE = /^\.\.\/\.\.\/[0-9a-f]{2}\/[0-9a-f]{2}\/[0-9a-f-]{36}\/[^/]+$/;

/**
 * The volume path of the entry with `gfid` on this brick, found through its handle: a
 * directory's handle symlink is realpath'ed; a file's hard-linked handle carries
 * `trusted.gfid2path.*` (`<parent gfid>/<name>`) records, whose parent is found the same way
 * and whose name must still link that inode. The answer is always a path inside the brick and
 * outside `.glusterfs`. ENOENT when the GFID has no live entry here (or, for a file, no usable
 * gfid2path record, e.g. with `gfid2path off`); EINVAL for a malformed GFID.
 */
export function gfidToPath(b: Brick, gfid: Gfid): string {
  if (!isGfid(gfid)) throw new FsError('EINVAL', `not a GFID: ${JSON.stringify(gfid)}`, b.name);
  if (gfid === ROOT_GFID) return '/';
  const h = handleAbs(b, gfid);
  const hs = lstatSync(h, { throwIfNoEntry: false });
  if (hs && isDirHandle(h, hs)) return dirPath(b, gfid);
  // A non-directory's handle (a file's, or a symlink entry's) is a hard link; one with no other
  // name is a leftover of a crash, not an entry.
  if (hs && !hs.isDirectory() && hs.nlink > 1) {
    for (const n of listXattrs(h)) {
      if (!n.startsWith(XATTR.GFID2PATH_PREFIX)) continue;
      const p = namePath(b, getXattr(h, n), hs.ino);
      if (p) return p;
    }
  }
  throw absent(b, gfid);
}

// A directory's handle is a symlink of its own (one link) written by setDirHandle; a symlink
// entry's handle is a second link to the user's symlink, which must never be followed.
function isDirHandle(h: string, hs: Stats): boolean {
  return hs.isSymbolicLink() && hs.nlink === 1 && DIR_HANDLE.test(readlinkSync(h));
}

/** The volume path of directory `gfid`, from its handle symlink. ENOENT. */
function dirPath(b: Brick, gfid: Gfid): string {
  if (gfid === ROOT_GFID) return '/';
  let real: string;
  try {
    real = realpathSync.native(handleAbs(b, gfid));
  } catch {
    throw absent(b, gfid); // dangling, looping or otherwise broken chains lead nowhere
  }
  const rel = inside(b, real);
  // The chain must end at that very directory, not at one that took its name since.
  if (rel === null || readGfid(b, real) !== gfid || !lstatSync(real).isDirectory()) throw absent(b, gfid);
  return rel;
}

/** The path named by one gfid2path record, if that name still links inode `ino`. */
function namePath(b: Brick, value: Buffer | null, ino: number): string | null {
  const text = value?.toString('utf8') ?? '';
  const cut = text.indexOf('/');
  const pgfid = text.slice(0, cut);
  const name = text.slice(cut + 1);
  if (cut < 0 || !isGfid(pgfid) || name === '' || name === '.' || name === '..' || name.includes('/') || name.includes('\0')) {
    return null;
  }
  let parent: string;
  try {
    parent = dirPath(b, pgfid);
  } catch (e) {
    if ((e as FsError).code === 'ENOENT') return null;
    throw e;
  }
  const path = parent === '/' ? `/${name}` : `${parent}/${name}`;
  if (parent === '/' && name === INTERNAL) return null;
  return lstatSync(b.root + path, { throwIfNoEntry: false })?.ino === ino ? path : null;
}

/** `real` as a volume path when it lies inside the brick root and outside `.glusterfs`. */
function inside(b: Brick, real: string): string | null {
  if (real === b.root) return '/';
  if (!real.startsWith(b.root + '/')) return null;
  const rel = real.slice(b.root.length);
  if (rel === `/${INTERNAL}` || rel.startsWith(`/${INTERNAL}/`)) return null;
  return rel;
}

function absent(b: Brick, gfid: Gfid): FsError {
  return new FsError('ENOENT', `gfid ${gfid} is not on this brick`, b.name);
}

/**
 * {@link gfidToPath} for code outside the translator that reads a brick directly (journal
 * consumers in worker threads): the volume path of `gfid` on the brick at `root`, or null when
 * the brick has no live entry for it. EINVAL for a malformed GFID.
 */
export function gfidPathOnBrick(root: string, gfid: Gfid): string | null {
  const b = { name: 'brick', root: realpathSync.native(root) } as Brick;
  try {
    return gfidToPath(b, gfid);
  } catch (e) {
    if ((e as FsError).code === 'ENOENT') return null;
    throw e;
  }
}
