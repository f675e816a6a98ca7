import { isFsError } from '../../../errors/index.js';
import { type CallCtx, type Subvol, baseName, parentPath } from '../../../fop/index.js';
import { dirInfo, resolve } from './lookup.js';
import type { DirResolved } from './resolved.js';
import type { DhtState } from './state.js';

/**
 * Runs `file` with the index of the child holding `path`'s data, or `dir` when `path` is a
 * directory. A cached location is tried first; if the file is gone from there (ENOENT) the
 * cache entry is dropped and the path resolved afresh.
 */
export async function routePath<T>(
  st: DhtState, ctx: CallCtx, path: string, file: (child: number) => Promise<T>, dir: (r: DirResolved) => Promise<T>,
): Promise<T> {
  const hint = st.files.get(path);
  if (hint !== undefined && st.isUp(hint)) {
    try {
      return await file(hint);
    } catch (e) {
      if (!isFsError(e, 'ENOENT')) throw e;
      st.files.delete(path);
    }
  }
  const r = await resolve(st, ctx, path);
  return r.kind === 'dir' ? dir(r) : file(r.cached);
}

/** The first child that is up: the one that answers for a directory's own attributes. ENOTCONN. */
export function firstUp(st: DhtState): number {
  const i = st.upIndexes()[0];
  if (i === undefined) throw st.error('ENOTCONN', 'no child is up');
  return i;
}

/**
 * Applies a directory metadata change on every child: the first one that is up decides the
 * result (its error is the fop's error), then the others follow in parallel; their failures
 * are logged, as the next lookup's heal reconciles them.
 */
export async function onEveryDir<T>(st: DhtState, path: string, fn: (c: Subvol) => Promise<T>): Promise<T> {
  const first = firstUp(st);
  const result = await fn(st.child(first));
  const rest = st.upIndexes().filter((i) => i !== first);
  const out = await st.fanOut(rest, fn);
  out.forEach((o, k) => {
    if (!o.ok && o.error.code !== 'ENOTCONN') {
      st.log.warn('directory change failed on a child', { path, child: st.children[rest[k]].name, error: o.error.code });
    }
  });
  return result;
}

/** The error for a name whose hash falls in a layout hole: its owner is down, or the layout is broken. */
export function holeError(st: DhtState, path: string) {
  return st.upIndexes().length < st.count
    ? st.error('ENOTCONN', `${path} hashes to a child that is down`)
    : st.error('EIO', `${path} hashes into a hole of its parent's layout`);
}

/** The child a new name `path` hashes to in its parent's layout. ENOTCONN/EIO in a layout hole. */
export async function hashedChildOf(st: DhtState, ctx: CallCtx, path: string): Promise<number> {
  const parent = await dirInfo(st, ctx, parentPath(path));
  const hashed = st.hashedChild(parent.layout, baseName(path));
  if (hashed === undefined) throw holeError(st, path);
  return hashed;
}
