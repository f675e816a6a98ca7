import { lstatSync, readdirSync, realpathSync, type Stats } from 'node:fs';
import { join } from 'node:path';
import { FsError, isFsError } from '../errors/index.js';
import { S_IFREG, S_ISVTX, isWithin, normalizePath } from '../fop/index.js';
import type { BrickContext, TaskHandler } from './types.js';

/** Arguments of the `du` task. */
export interface DuArgs {
  /** Volume path of the tree to measure. */
  path: string;
  /** One total for `path` (`{bytes, files, dirs}`), or bytes per immediate child (`{name: bytes}`). */
  summary: boolean;
}

interface Totals {
  bytes: number;
  files: number;
  dirs: number;
}

/**
 * `du` on one brick: walks BRICK/<path> with synchronous readdir + lstat (fast in a worker),
 * summing regular-file sizes. Skips the brick's `.glusterfs` and DHT link files (their data is
 * counted on the brick that holds it) and never follows symlinks. A path this brick does not
 * have contributes zero. EINVAL (bad args), EPERM (path resolves outside the brick).
 */
export const du: TaskHandler = {
  name: 'du',
  async run(args: unknown, brick: BrickContext): Promise<unknown> {
    const { path, summary } = parseArgs(args);
    const target = locate(brick.path, path);
    const st = target === undefined ? undefined : lstatSync(target, { throwIfNoEntry: false });
    if (target === undefined || st === undefined) return summary ? { bytes: 0, files: 0, dirs: 0 } : {};
    const atRoot = path === '/';
    if (summary) {
      if (!st.isDirectory()) return fileTotals(st);
      const t: Totals = { bytes: 0, files: 0, dirs: 1 };
      walk(target, atRoot, t);
      return t;
    }
    if (!st.isDirectory()) return isLinkFile(st) ? {} : { [path.slice(path.lastIndexOf('/') + 1)]: fileSize(st) };
    return childTotals(target, atRoot);
  },
};

function parseArgs(args: unknown): DuArgs {
  const a = args as Partial<DuArgs> | null;
  if (!a || typeof a.path !== 'string') throw new FsError('EINVAL', 'du needs {path: string, summary: boolean}');
  return { path: normalizePath(a.path), summary: a.summary !== false };
}

/** The brick-local path of a volume path, or undefined when this brick does not have it. */
function locate(brickRoot: string, path: string): string | undefined {
  if (path === '/.glusterfs' || path.startsWith('/.glusterfs/')) return undefined;
  let real: string;
  let root: string;
  try {
    root = realpathSync(brickRoot);
    real = realpathSync(join(brickRoot, path));
  } catch (e) {
    if (isFsError(FsError.from(e), 'ENOENT', 'ENOTDIR')) return undefined;
    throw FsError.from(e);
  }
  // A symlink on the brick must never lead the walk outside it.
  if (!isWithin(real, root)) throw new FsError('EPERM', `${path} resolves outside the brick`);
  return real;
}

/** Adds every file and directory below `dir` to `t` (iterative: deep trees cannot overflow the stack). */
function walk(dir: string, skipGlusterfs: boolean, t: Totals): void {
  const stack: [string, boolean][] = [[dir, skipGlusterfs]];
  for (let item = stack.pop(); item; item = stack.pop()) {
    const [d, atRoot] = item;
    let entries;
    try {
      entries = readdirSync(d, { withFileTypes: true });
    } catch (e) {
      if (isFsError(FsError.from(e), 'ENOENT', 'ENOTDIR')) continue; // removed while we walked
      throw FsError.from(e);
    }
    for (const ent of entries) {
      if (ent.isDirectory()) {
        if (atRoot && ent.name === '.glusterfs') continue;
        t.dirs++;
        stack.push([d + '/' + ent.name, false]);
      } else if (ent.isFile()) {
        const st = lstatSync(d + '/' + ent.name, { throwIfNoEntry: false });
        if (!st || isLinkFile(st)) continue;
        t.files++;
        t.bytes += st.size;
      }
    }
  }
}

function childTotals(dir: string, atRoot: boolean): Record<string, number> {
  const out: Record<string, number> = {};
  for (const ent of readdirSync(dir, { withFileTypes: true })) {
    const full = dir + '/' + ent.name;
    if (ent.isDirectory()) {
      if (atRoot && ent.name === '.glusterfs') continue;
      const t: Totals = { bytes: 0, files: 0, dirs: 0 };
      walk(full, false, t);
      out[ent.name] = t.bytes;
    } else {
      const st = lstatSync(full, { throwIfNoEntry: false });
      if (st && !isLinkFile(st)) out[ent.name] = fileSize(st);
    }
  }
  return out;
}

function fileTotals(st: Stats): Totals {
  if (!st.isFile() || isLinkFile(st)) return { bytes: 0, files: 0, dirs: 0 };
  return { bytes: st.size, files: 1, dirs: 0 };
}

function fileSize(st: Stats): number {
  return st.isFile() ? st.size : 0;
}

/** A DHT link file: zero bytes, mode exactly ---------T (the data lives on another brick). */
function isLinkFile(st: Stats): boolean {
  return st.size === 0 && st.mode === (S_IFREG | S_ISVTX);
}
