import { lstatSync } from 'node:fs';
import { S_IFREG, S_ISVTX, gfidPath, type JournalEntryName, type JournalRecord } from 'glusterfs-core';
import { crawlBrick, dirGfid, isLinkFile } from './crawl.js';
import type { DirTree } from './dir-tree.js';
import { runStepsSync } from './segment.js';
import type { Shard } from './shard.js';

/** The shard and directory tree one brick's records are applied to. */
export interface IndexState {
  shard: Shard;
  dirs: DirTree;
}

/**
 * Applies one journal record to the index. Entry records only: creates, links and mkdirs add a
 * name, unlink and rmdir remove it (rmdir with everything still under it), renames move a name
 * and its subtree. Parents resolve through the index's own directory tree, which reflects the
 * journal up to this record; a parent it does not know falls back to the brick's current state.
 * DHT link files (flagged `dhtLink`, or created with mode ---------T) are never indexed. A rename of a name the shard lacks adopts the target from
 * the brick if it is there now (so a missed record heals itself).
 */
export function applyRecord(brick: string, ix: IndexState, r: JournalRecord): void {
  if (r.kind !== 'E' || !r.entry) return;
  const path = pathOf(brick, ix, r.entry);
  switch (r.op) {
    case 'CREATE':
    case 'MKNOD':
    case 'SYMLINK':
    case 'LINK':
      if (path && !r.dhtLink && !(r.op === 'CREATE' && r.mode === (S_IFREG | S_ISVTX))) ix.shard.add(path, false);
      return;
    case 'MKDIR':
      ix.dirs.set(r.gfid, r.entry.pargfid, r.entry.name);
      if (path) ix.shard.add(path, true);
      return;
    case 'UNLINK':
      if (path) ix.shard.remove(path);
      return;
    case 'RMDIR':
      ix.dirs.delete(r.gfid);
      if (path) ix.shard.remove(path);
      return;
    case 'RENAME': {
      if (!r.to) return;
      const to = pathOf(brick, ix, r.to);
      if (ix.dirs.has(r.gfid)) ix.dirs.set(r.gfid, r.to.pargfid, r.to.name);
      // A link file renamed over a name means that name's data now lives on another set.
      if (!to || r.dhtLink) {
        if (path) ix.shard.remove(path);
        if (to) ix.shard.remove(to);
        return;
      }
      const moved = path ? ix.shard.move(path, to) : 0;
      if (moved === 0) adopt(brick, ix, to, r.to);
      return;
    }
    default:
  }
}

function pathOf(brick: string, ix: IndexState, e: JournalEntryName): string | null {
  const parent = ix.dirs.pathOf(e.pargfid) ?? gfidPath(brick, e.pargfid);
  if (parent === null) return null;
  return parent === '/' ? `/${e.name}` : `${parent}/${e.name}`;
}

/** Indexes `path` (named `e`; for a directory, with its subtree) as the brick has it now. */
function adopt(brick: string, ix: IndexState, path: string, e: JournalEntryName): void {
  const st = lstatSync(brick + path, { throwIfNoEntry: false });
  if (!st || (st.isFile() && isLinkFile(st))) return;
  ix.shard.remove(path);
  if (!st.isDirectory()) {
    ix.shard.add(path, false);
    return;
  }
  ix.shard.add(path, true);
  const g = dirGfid(brick + path);
  if (g) ix.dirs.set(g, e.pargfid, e.name);
  const progress = { entries: 0, dirsRead: 0, dirsQueued: 0, startedAt: Date.now() };
  const sub = runStepsSync(crawlBrick(brick, progress, { path, gfid: g }));
  for (const [p, d] of sub.entries) ix.shard.add(p, d);
  for (const [dg, parent, name] of sub.dirs.entries()) ix.dirs.set(dg, parent, name);
}
