import { lstatSync, realpathSync } from 'node:fs';
import { isWithin, S_IFREG, S_ISVTX } from 'glusterfs-core';
import type { Change, ChangeType } from './types.js';

/**
 * Looks at where each change ends up on this brick (the new path of a RENAME, the path of a
 * NEW or MODIFY): drops changes that land on a DHT link file (the replica set holding the data
 * reports them) and fills in the type the journal did not say. Paths are only looked at below
 * the brick root, without following a symlink out of it; a path gone since is left as it is.
 */
export function describeChanges(brickRoot: string, changes: Change[]): Change[] {
  const root = realpathSync(brickRoot);
  const out: Change[] = [];
  for (const c of changes) {
    const where = c.op === 'RENAME' ? c.newPath : c.op === 'DELETE' ? undefined : c.path;
    const st = where === undefined || (c.type && c.op !== 'RENAME') ? undefined : statBelow(root, where);
    if (st?.linkfile) continue;
    out.push(st?.type && !c.type ? { ...c, type: st.type } : c);
  }
  return out;
}

function statBelow(root: string, path: string): { linkfile: boolean; type?: ChangeType } | undefined {
  if (path === '/.glusterfs' || path.startsWith('/.glusterfs/')) return undefined;
  let dir: string;
  try {
    dir = realpathSync(root + path.slice(0, path.lastIndexOf('/')));
  } catch {
    return undefined; // moved or removed since the window's end
  }
  if (!isWithin(dir, root)) return undefined;
  const st = lstatSync(dir + path.slice(path.lastIndexOf('/')), { throwIfNoEntry: false });
  if (!st) return undefined;
  const linkfile = st.isFile() && st.size === 0 && st.mode === (S_IFREG | S_ISVTX);
  const type: ChangeType | undefined = st.isFile() ? 'f' : st.isDirectory() ? 'd' : st.isSymbolicLink() ? 'l'
    : st.isFIFO() ? 'p' : st.isSocket() ? 's' : st.isCharacterDevice() ? 'c' : st.isBlockDevice() ? 'b' : undefined;
  return { linkfile, ...(type ? { type } : {}) };
}
