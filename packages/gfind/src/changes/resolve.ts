import { ROOT_GFID, type Gfid } from 'glusterfs-core';
import type { CoalesceRecord } from './coalesce.js';
import type { Change, EntryName, NamedChange } from './types.js';

/** The volume path a GFID has on the brick now (core's `gfidPath`), or null when it is gone. */
export type PathLookup = (gfid: Gfid) => string | null;

/** What came of resolving a window's changes to paths. */
export interface Resolved {
  changes: Change[];
  /** Changes left out because a name's directory could not be found (gone, and not named in the window). */
  unresolved: number;
}

/**
 * Turns coalesced changes into volume paths, at query time, as glusterfind does: a name's
 * directory is where that directory is now (`lookup`), or, when it is gone, where the window
 * last saw it (its RMDIR/RENAME/MKDIR record), recursively. A MODIFY without a name is the
 * inode's current path. Old names (RENAME's first path, DELETE) are also built on their
 * directory's current path, so a consumer that applies the changes in order finds them.
 */
export function resolveChanges(named: readonly NamedChange[], records: readonly CoalesceRecord[], lookup: PathLookup): Resolved {
  const lastName = lastNames(records);
  const dirs = new Map<Gfid, string | null>([[ROOT_GFID, '/']]);
  const dirPath = (gfid: Gfid, depth = 0): string | null => {
    const known = dirs.get(gfid);
    if (known !== undefined) return known;
    let path = lookup(gfid);
    const seen = lastName.get(gfid);
    // 4096 levels: a directory chain that long is a loop in bad records, not a tree.
    if (path === null && seen && depth < 4096) path = under(dirPath(seen.pargfid, depth + 1), seen.name);
    dirs.set(gfid, path);
    return path;
  };
  const pathOf = (n: EntryName | undefined) => (n ? under(dirPath(n.pargfid), n.name) : null);
  const changes: Change[] = [];
  let unresolved = 0;
  for (const c of named) {
    const path = c.op === 'MODIFY' && !c.name ? lookup(c.gfid) : pathOf(c.name);
    const newPath = c.op === 'RENAME' ? pathOf(c.to) : undefined;
    if (path === null || newPath === null) {
      unresolved++;
      continue;
    }
    changes.push({
      op: c.op, path, ...(newPath !== undefined ? { newPath } : {}), gfid: c.gfid,
      ...(c.type ? { type: c.type } : {}), ts: c.ts, seq: c.seq,
    });
  }
  return { changes, unresolved };
}

/** The last name each inode had in the records (for directories that no longer exist). */
function lastNames(records: readonly CoalesceRecord[]): Map<Gfid, EntryName> {
  const out = new Map<Gfid, EntryName>();
  for (const r of records) {
    const name = r.op === 'RENAME' ? r.to : r.entry;
    if (name) out.set(r.gfid, name);
  }
  return out;
}

function under(dir: string | null, name: string): string | null {
  if (dir === null) return null;
  return dir === '/' ? '/' + name : dir + '/' + name;
}
