import { lstatSync, realpathSync, type Dirent, type Stats } from 'node:fs';
import { FsError, isWithin, normalizePath } from 'glusterfs-core';
import { typeLetter } from '../expr/index.js';

/** A start path found on this brick. */
export interface BrickStart {
  /** Real path on the brick. */
  real: string;
  type: string;
}

/**
 * Finds volume path `path` on the brick rooted at `root` (a real path). Undefined when this
 * brick does not have it (another replica set does, or it is a DHT link file) or when it lies
 * in `.glusterfs`. Its parent must resolve inside the brick without symlinks (no walk ever
 * leaves the brick through one); the entry itself may be a symlink and is not followed.
 */
export function locateStart(root: string, path: string): BrickStart | undefined {
  const norm = normalizePath(path);
  if (norm === '/.glusterfs' || norm.startsWith('/.glusterfs/')) return undefined;
  if (norm === '/') return { real: root, type: 'd' };
  const slash = norm.lastIndexOf('/');
  const parent = root + norm.slice(0, slash);
  let realParent: string;
  try {
    realParent = realpathSync(parent);
  } catch (e) {
    const fe = FsError.from(e);
    if (fe.code === 'ENOENT' || fe.code === 'ENOTDIR') return undefined;
    throw fe;
  }
  if (!isWithin(realParent, root)) throw new FsError('EPERM', `${path} resolves outside the brick`);
  if (realParent !== parent) return undefined; // a symlinked directory on the way: not a path the walk takes
  const real = root + norm;
  const st = lstatSync(real, { throwIfNoEntry: false });
  if (!st || isLinkFile(st)) return undefined;
  return { real, type: typeLetter(st.mode) };
}

function isLinkFile(st: Stats): boolean {
  return st.isFile() && st.size === 0 && st.mode === 0o101000;
}

/** find's type letter of a directory entry, without a stat. */
export function direntType(d: Dirent): string {
  if (d.isFile()) return 'f';
  if (d.isDirectory()) return 'd';
  if (d.isSymbolicLink()) return 'l';
  if (d.isFIFO()) return 'p';
  if (d.isSocket()) return 's';
  if (d.isCharacterDevice()) return 'c';
  if (d.isBlockDevice()) return 'b';
  return 'U';
}
