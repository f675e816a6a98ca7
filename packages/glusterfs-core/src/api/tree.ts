import { FsError, isFsError } from '../errors/index.js';
import { isDir, joinPath, normalizePath, parentPath } from '../fop/index.js';
import { newGfid } from '../format/index.js';
import type { ApiContext } from './context.js';
import { readAllEntries } from './dir.js';
import { createLimiter, type Limiter } from './limit.js';
import { resolvePath, withParent, type Resolved } from './resolve.js';

/** Removals in flight during a recursive delete. */
const RM_PARALLEL = 16;

/** Creates one directory with a fresh GFID. EEXIST, ENOENT (parent), ENOTDIR. */
export async function mkdirOne(ac: ApiContext, path: string, mode: number): Promise<void> {
  await withParent(ac, path, (p) => ac.top.mkdir(ac.ctx(), { path: p, gfid: newGfid() }, mode & 0o7777));
}

/**
 * Creates a directory and any missing parents (`mkdir -p`). An existing directory is fine; an
 * existing non-directory is EEXIST (as the final name) or ENOTDIR (as a parent).
 */
export async function mkdirRecursive(ac: ApiContext, path: string, mode: number): Promise<void> {
  const p = normalizePath(path);
  try {
    await mkdirOne(ac, p, mode);
  } catch (e) {
    if (isFsError(e, 'EEXIST')) return mustBeDir(ac, p, 'EEXIST');
    if (!isFsError(e, 'ENOENT') || p === '/') throw e;
    await mkdirRecursive(ac, parentPath(p), mode).catch((pe: unknown) => {
      throw isFsError(pe, 'EEXIST') ? new FsError('ENOTDIR', `${parentPath(p)} is not a directory`) : pe;
    });
    // Another client may create it between our two attempts; that is success too.
    await mkdirOne(ac, p, mode).catch((e2: unknown) => {
      if (!isFsError(e2, 'EEXIST')) throw e2;
      return mustBeDir(ac, p, 'EEXIST');
    });
  }
}

async function mustBeDir(ac: ApiContext, p: string, code: 'EEXIST' | 'ENOTDIR'): Promise<void> {
  const r = await resolvePath(ac, p, true);
  if (!isDir(r.iatt)) throw new FsError(code, `${p} exists and is not a directory`);
}

/** Options of {@link removePath}. */
export interface RmOptions {
  /** Remove directories and their contents. Without it a directory is EISDIR. */
  recursive?: boolean;
  /** A missing path (or one vanishing during the walk) is not an error. */
  force?: boolean;
  /**
   * Stops the walk between steps once aborted (its caller went away): what was removed stays
   * removed, as after an interrupted `rm -r`. The abort reason is thrown when it is an FsError,
   * else ECANCELED.
   */
  signal?: AbortSignal;
}

/**
 * Removes a file, symlink or (with `recursive`) a whole tree, children first, many removals in
 * flight. A symlink is removed, never followed. ENOENT (without force), EISDIR, ENOTEMPTY (a
 * racing writer), EACCES, ECANCELED (or the reason of `opts.signal`) when stopped.
 */
export async function removePath(ac: ApiContext, path: string, opts: RmOptions = {}): Promise<void> {
  let r: Resolved;
  try {
    r = await resolvePath(ac, path, false);
  } catch (e) {
    if (opts.force && isFsError(e, 'ENOENT')) return;
    throw e;
  }
  if (!isDir(r.iatt)) return ignoreGone(opts, ac.top.unlink(ac.ctx(), { path: r.path }));
  if (!opts.recursive) throw new FsError('EISDIR', `${r.path} is a directory`);
  await removeTree(ac, r.path, createLimiter(RM_PARALLEL), opts);
}

async function removeTree(ac: ApiContext, dir: string, limit: Limiter, opts: RmOptions): Promise<void> {
  stopIfAborted(opts.signal);
  // Read the whole listing before deleting, so removals never disturb the readdir cookies.
  const entries = await readAllEntries(ac, dir).catch((e: unknown) => {
    if (opts.force && isFsError(e, 'ENOENT')) return [];
    throw e;
  });
  const step = <T>(op: () => Promise<T>) => limit(() => {
    stopIfAborted(opts.signal);
    return op();
  });
  await Promise.all(entries.map((e) => {
    const child = joinPath(dir, e.name);
    if (e.stat.isDirectory()) return removeTree(ac, child, limit, opts);
    return ignoreGone(opts, step(() => ac.top.unlink(ac.ctx(), { path: child })));
  }));
  if (dir !== '/') await ignoreGone(opts, step(() => ac.top.rmdir(ac.ctx(), { path: dir })));
}

function stopIfAborted(signal: AbortSignal | undefined): void {
  if (!signal?.aborted) return;
  throw signal.reason instanceof FsError ? signal.reason : new FsError('ECANCELED', 'stopped: its caller went away');
}

async function ignoreGone(opts: RmOptions, op: Promise<void>): Promise<void> {
  try {
    await op;
  } catch (e) {
    if (!(opts.force && isFsError(e, 'ENOENT'))) throw e;
  }
}
