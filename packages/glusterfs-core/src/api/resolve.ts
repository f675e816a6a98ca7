import { FsError, isFsError } from '../errors/index.js';
import { baseName, isDir, isSymlink, joinPath, normalizePath, parentPath, type Iatt } from '../fop/index.js';
import type { ApiContext } from './context.js';

/** POSIX's SYMLOOP_MAX on Linux. */
const MAX_LINKS = 40;

/** A path after symlink resolution, with the attributes of what it names. */
export interface Resolved {
  path: string;
  iatt: Iatt;
}

interface Budget {
  hops: number;
}

/**
 * Resolves a volume path to the entry it names. Symlinks in directory components are always
 * followed; a final symlink only when `follow`. Targets resolve inside the volume: relative to
 * the link's directory, absolute ones from the volume root. The common case (no symlinks in the
 * way) costs one lookup, a miss two; components are walked one by one only when a symlink is
 * in the way.
 * ENOENT, ENOTDIR, ELOOP.
 */
export function resolvePath(ac: ApiContext, path: string, follow: boolean): Promise<Resolved> {
  return resolveIn(ac, normalizePath(path), follow, { hops: 0 });
}

/**
 * `path` with its directory part resolved through symlinks (the final name is kept as is),
 * for the create and remove family. ENOENT, ENOTDIR, ELOOP.
 */
export async function resolveParent(ac: ApiContext, path: string): Promise<string> {
  const p = normalizePath(path);
  if (p === '/') return p;
  return joinPath(await resolveDir(ac, parentPath(p), { hops: 0 }), baseName(p));
}

/**
 * Runs `fn` on the lexical path first; when that misses (ENOENT/ENOTDIR) because a directory
 * component is a symlink, runs it again on the path with its directory part resolved.
 */
export async function withParent<T>(ac: ApiContext, path: string, fn: (p: string) => Promise<T>): Promise<T> {
  const p = normalizePath(path);
  try {
    return await fn(p);
  } catch (e) {
    if (!isFsError(e, 'ENOENT', 'ENOTDIR') || p === '/') throw e;
    const real = await resolveParent(ac, p);
    if (real === p) throw e;
    return fn(real);
  }
}

/** Where a symlink at `linkPath` with `target` points, as a volume path. */
export function linkTarget(linkPath: string, target: string): string {
  return normalizePath(target.startsWith('/') ? target : joinPath(parentPath(linkPath), target));
}

async function resolveIn(ac: ApiContext, start: string, follow: boolean, budget: Budget): Promise<Resolved> {
  let p = start;
  for (;;) {
    let iatt: Iatt;
    try {
      iatt = (await ac.top.lookup(ac.ctx(), { path: p }, [])).iatt;
    } catch (e) {
      if (!isFsError(e, 'ENOENT', 'ENOTDIR') || p === '/') throw e;
      const dir = await resolveDir(ac, parentPath(p), budget);
      if (dir === parentPath(p)) throw e;
      p = joinPath(dir, baseName(p));
      continue;
    }
    if (!follow || !isSymlink(iatt)) return { path: p, iatt };
    p = await hop(ac, p, budget);
  }
}

/**
 * `dir` with symlinks in it replaced by their targets. Bricks never traverse a symlink (a path
 * through one is ENOTDIR there), so when one lookup of the whole path finds a directory, no
 * component is a symlink and `dir` is already resolved: the common case costs one lookup.
 * Otherwise the path is walked component by component.
 */
async function resolveDir(ac: ApiContext, dir: string, budget: Budget): Promise<string> {
  if (dir === '/') return dir;
  try {
    if (isDir((await ac.top.lookup(ac.ctx(), { path: dir }, [])).iatt)) return dir;
  } catch (e) {
    if (!isFsError(e, 'ENOENT', 'ENOTDIR')) throw e;
  }
  return walkDir(ac, dir, budget);
}

/** Walks `dir` component by component, replacing symlinks by their targets. */
async function walkDir(ac: ApiContext, dir: string, budget: Budget): Promise<string> {
  let cur = '/';
  for (const name of dir.split('/').filter(Boolean)) {
    const next = joinPath(cur, name);
    const { iatt } = await ac.top.lookup(ac.ctx(), { path: next }, []);
    if (isSymlink(iatt)) {
      const r = await resolveIn(ac, await hop(ac, next, budget), true, budget);
      if (!isDir(r.iatt)) throw new FsError('ENOTDIR', `${next} is not a directory`);
      cur = r.path;
    } else if (isDir(iatt)) {
      cur = next;
    } else {
      throw new FsError('ENOTDIR', `${next} is not a directory`);
    }
  }
  return cur;
}

async function hop(ac: ApiContext, link: string, budget: Budget): Promise<string> {
  if (++budget.hops > MAX_LINKS) throw new FsError('ELOOP', `too many levels of symbolic links at ${link}`);
  return linkTarget(link, await ac.top.readlink(ac.ctx(), { path: link }));
}
