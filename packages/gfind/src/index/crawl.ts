import { lstatSync, readdirSync, type Stats } from 'node:fs';
import { linkFileMarks } from '../crawl/index.js';
import { getAttributeSync } from '@napi-rs/xattr';
import { ROOT_GFID, S_IFREG, S_ISVTX, gfidFromBuffer, type Gfid } from 'glusterfs-core';
import { DirTree } from './dir-tree.js';

/** How far a crawl has come (read by `glocate.status` while it runs). */
export interface CrawlProgress {
  /** Names found so far. */
  entries: number;
  /** Directories read so far. */
  dirsRead: number;
  /** Directories found but not read yet. */
  dirsQueued: number;
  startedAt: number;
}

/** What a crawl found: every name (path, is-directory) and the directory tree by GFID. */
export interface CrawlResult {
  entries: [string, boolean][];
  dirs: DirTree;
}

/** Entries handled between two yields: a few milliseconds of work. */
const BATCH = 2_000;

/**
 * Walks the brick at `root` (or only the subtree `under`, a volume path and its GFID) with synchronous readdir (fast in a worker thread), yielding
 * every {@link BATCH} entries so the thread keeps answering. Skips `BRICK/.glusterfs` and DHT
 * link files, never follows symlinks, reads each directory's `trusted.gfid`. Directories that
 * vanish meanwhile are skipped (the journal reports their removal).
 */
export function* crawlBrick(
  root: string, progress: CrawlProgress, under: { path: string; gfid: Gfid | null } = { path: '', gfid: ROOT_GFID },
): Generator<void, CrawlResult> {
  const entries: [string, boolean][] = [];
  const dirs = new DirTree();
  const stack: [string, Gfid | null][] = [[under.path === '/' ? '' : under.path, under.gfid]];
  let sinceYield = 0;
  progress.dirsQueued = 1;
  const marks = linkFileMarks(root);
  for (let item = stack.pop(); item; item = stack.pop()) {
    const [dir, gfid] = item;
    progress.dirsQueued--;
    const list = readDir(root + dir);
    const linkFree = marks.noneIn(root + dir);
    progress.dirsRead++;
    for (const ent of list) {
      const path = `${dir}/${ent.name}`;
      if (ent.isDirectory()) {
        if (dir === '' && ent.name === '.glusterfs') continue;
        const g = dirGfid(root + path);
        if (g && gfid) dirs.set(g, gfid, ent.name);
        stack.push([path, g]);
        progress.dirsQueued++;
        entries.push([path, true]);
      } else if (ent.isFile() && !linkFree) {
        const st = lstatSync(root + path, { throwIfNoEntry: false });
        if (!st || isLinkFile(st)) continue;
        entries.push([path, false]);
      } else {
        entries.push([path, false]);
      }
      progress.entries++;
      if (++sinceYield >= BATCH) {
        sinceYield = 0;
        yield;
      }
    }
  }
  return { entries, dirs };
}

function readDir(dir: string) {
  try {
    return readdirSync(dir, { withFileTypes: true });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return [];
    throw e;
  }
}

/** A directory's GFID from `trusted.gfid`, or null (none yet, or gone). */
export function dirGfid(real: string): Gfid | null {
  try {
    const buf = getAttributeSync(real, 'trusted.gfid');
    return buf && buf.length === 16 ? gfidFromBuffer(buf) : null;
  } catch {
    return null; // removed under us: its rmdir record follows
  }
}

/** A DHT link file: zero bytes, mode exactly ---------T (the data lives on another brick). */
export function isLinkFile(st: Pick<Stats, 'size' | 'mode'>): boolean {
  return st.size === 0 && st.mode === (S_IFREG | S_ISVTX);
}
