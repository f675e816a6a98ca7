import { linkSync, lstatSync, mkdirSync, statSync, symlinkSync, unlinkSync } from 'node:fs';
import { FsError } from '../../../errors/index.js';
import type { Gfid } from '../../../fop/index.js';
import { XATTR, handlePath } from '../../../format/index.js';
import type { Brick } from './brick.js';
import { removeXattr, setXattr } from './xattr.js';
import { xxh64Hex } from './xxhash64.js';

/** Absolute path of a GFID's handle: `BRICK/.glusterfs/xx/yy/<gfid>`. */
export function handleAbs(b: Pick<Brick, 'root'>, gfid: Gfid): string {
  return `${b.root}/${handlePath(gfid)}`;
}

/**
 * Makes `gfid` usable for a new entry: EEXIST when a live entry of this brick already owns it
 * (a second inode with the same GFID would corrupt the volume); a stale handle left by a crash
 * (a file handle nobody else links, a directory symlink that leads nowhere) is removed.
 */
export function claimGfid(b: Brick, gfid: Gfid): void {
  const h = handleAbs(b, gfid);
  const hs = lstatSync(h, { throwIfNoEntry: false });
  if (!hs) return;
  const live = hs.isSymbolicLink() ? leadsSomewhere(h) : hs.nlink > 1;
  if (live) throw new FsError('EEXIST', `gfid ${gfid} already belongs to another entry of this brick`, b.name);
  unlinkSync(h);
}

// A directory handle is live when its chain of parent handles still ends in a directory.
function leadsSomewhere(h: string): boolean {
  try {
    return statSync(h, { throwIfNoEntry: false })?.isDirectory() === true;
  } catch {
    return false; // ELOOP, ENOTDIR: a broken chain is as stale as a missing target
  }
}

/** Hard-links a non-directory's handle to it (idempotent for the same inode). */
export function linkFileHandle(b: Brick, real: string, gfid: Gfid): void {
  const h = handleAbs(b, gfid);
  try {
    linkSync(real, h);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') {
      if (lstatSync(h).ino === lstatSync(real).ino) return;
      claimGfid(b, gfid);
    } else if (code === 'ENOENT') {
      mkdirSync(h.slice(0, h.lastIndexOf('/')), { recursive: true, mode: 0o700 });
    } else {
      throw e;
    }
    linkSync(real, h);
  }
}

/**
 * Points a directory's handle at `../../pp/qq/<parent gfid>/<name>`, replacing an older one
 * (mkdir, rename, heal).
 */
export function setDirHandle(b: Brick, gfid: Gfid, parentGfid: Gfid, name: string): void {
  const h = handleAbs(b, gfid);
  const target = `../../${parentGfid.slice(0, 2)}/${parentGfid.slice(2, 4)}/${parentGfid}/${name}`;
  try {
    symlinkSync(target, h);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') unlinkSync(h);
    else if (code === 'ENOENT') mkdirSync(h.slice(0, h.lastIndexOf('/')), { recursive: true, mode: 0o700 });
    else throw e;
    symlinkSync(target, h);
  }
}

/**
 * After one name of a non-directory (inode `ino`) went away: removes the handle when it was
 * the last name. Returns true when other names remain (the caller then drops only that name's
 * gfid2path key, through the handle).
 */
export function dropFileHandle(b: Brick, gfid: Gfid, ino: number): boolean {
  const h = handleAbs(b, gfid);
  const hs = lstatSync(h, { throwIfNoEntry: false });
  if (!hs || hs.ino !== ino) return false;
  if (hs.nlink > 1) return true;
  unlinkSync(h);
  return false;
}

/** Removes a directory's handle symlink (after rmdir, or a directory replaced by rename). */
export function dropDirHandle(b: Brick, gfid: Gfid): void {
  try {
    unlinkSync(handleAbs(b, gfid));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
}

/** Records name `name` in directory `parentGfid` on the inode at `real` (`trusted.gfid2path.*`). */
export function addGfid2path(b: Brick, real: string, parentGfid: Gfid, name: string): void {
  if (!b.gfid2path) return;
  const value = `${parentGfid}/${name}`;
  setXattr(real, XATTR.GFID2PATH_PREFIX + xxh64Hex(value), value);
}

/** Forgets one gfid2path record of the inode reachable at `real`; a missing one is fine. */
export function removeGfid2path(b: Brick, real: string, parentGfid: Gfid, name: string): void {
  if (!b.gfid2path) return;
  try {
    removeXattr(real, XATTR.GFID2PATH_PREFIX + xxh64Hex(`${parentGfid}/${name}`));
  } catch (e) {
    if ((e as FsError).code !== 'ENODATA') throw e;
  }
}
