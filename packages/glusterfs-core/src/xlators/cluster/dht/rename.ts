import { isFsError } from '../../../errors/index.js';
import { type CallCtx, type Fops, type Iatt, type Loc, baseName, isWithin, parentPath } from '../../../fop/index.js';
import { ensureEmpty } from './dir-ops.js';
import { createLinkfile, removeLinkfile } from './linkfile.js';
import { dirInfo, resolve, tryResolve } from './lookup.js';
import type { DirResolved, FileResolved } from './resolved.js';
import { hashedChildOf } from './route.js';
import type { DhtState } from './state.js';

/**
 * rename of cluster/dht. A file's data never moves: it is renamed on the child holding it, and
 * when the new name hashes elsewhere a link file is left there; a replaced target's data and
 * stale link files of the old name are removed. A directory is renamed on every child.
 * ENOENT, EISDIR, ENOTDIR, ENOTEMPTY, EINVAL, ENOTCONN.
 */
export function renameOps(st: DhtState): Pick<Fops, 'rename'> {
  return {
    async rename(ctx: CallCtx, from: Loc, to: Loc): Promise<Iatt> {
      if (from.path === '/' || to.path === '/') throw st.error('EBUSY', 'cannot rename /');
      // Both names are looked up at once: a file rename needs the target's state anyway.
      const [src, dst] = await Promise.all([resolve(st, ctx, from.path), tryResolve(st, ctx, to.path)]);
      if (from.path === to.path) return src.iatt;
      if (src.kind === 'dir') return renameDir(st, ctx, from.path, to.path, src);
      return renameFile(st, ctx, from.path, to.path, src, dst);
    },
  };
}

async function renameFile(
  st: DhtState, ctx: CallCtx, from: string, to: string, src: FileResolved, dst: FileResolved | DirResolved | undefined,
): Promise<Iatt> {
  if (dst?.kind === 'dir') throw st.error('EISDIR', `${to} is a directory`);
  // Two names of one inode: POSIX says do nothing.
  if (dst && dst.iatt.gfid === src.iatt.gfid) return src.iatt;
  const dstHashed = await hashedChildOf(st, ctx, to);
  st.child(src.cached);
  await linkAtNewName(st, ctx, src, from, to, dstHashed);
  let iatt: Iatt;
  try {
    iatt = await st.child(src.cached).rename(ctx, { path: from }, { path: to });
  } catch (e) {
    if (dstHashed !== src.cached) await removeLinkfile(st, ctx, dstHashed, to).catch(() => undefined);
    throw e;
  }
  st.files.delete(from);
  st.files.set(to, src.cached);
  await cleanUp(st, ctx, src, dst, from, to, dstHashed);
  return iatt;
}

/**
 * When the new name hashes away from the data, puts a link file there by renaming one made
 * under the old name (or the old name's own link file): the rename replaces whatever the
 * target had on that child in one step.
 */
async function linkAtNewName(
  st: DhtState, ctx: CallCtx, src: FileResolved, from: string, to: string, dstHashed: number,
): Promise<void> {
  if (dstHashed === src.cached) return;
  if (src.linkOn !== dstHashed) {
    const make = () => createLinkfile(st, ctx, dstHashed, from, src.iatt.gfid, src.iatt, src.cached);
    try {
      await make();
    } catch (e) {
      if (!isFsError(e, 'EEXIST')) throw e;
      await removeLinkfile(st, ctx, dstHashed, from);
      await make();
    }
  }
  await st.child(dstHashed).rename(ctx, { path: from }, { path: to });
}

async function cleanUp(
  st: DhtState, ctx: CallCtx, src: FileResolved, dst: FileResolved | undefined, from: string, to: string, dstHashed: number,
): Promise<void> {
  const oldLink = src.hashed !== undefined && src.hashed !== src.cached ? src.hashed : undefined;
  if (oldLink !== undefined && oldLink !== dstHashed) await removeLinkfile(st, ctx, oldLink, from);
  if (!dst || dst.cached === src.cached || dst.cached === dstHashed) return;
  // The replaced file's data sat on a third child, which no rename touched.
  const r = await st.try(dst.cached, (c) => c.unlink(ctx, { path: to }));
  if (!r.ok && r.error.code !== 'ENOENT') st.log.warn('replaced file left behind', { path: to, child: st.children[dst.cached].name, error: r.error.code });
}

async function renameDir(st: DhtState, ctx: CallCtx, from: string, to: string, _src: DirResolved): Promise<Iatt> {
  if (isWithin(to, from)) throw st.error('EINVAL', `cannot move ${from} into itself`);
  const down = st.all().find((i) => !st.isUp(i));
  if (down !== undefined) st.child(down);
  const dst = await tryResolve(st, ctx, to);
  if (dst?.kind === 'file') throw st.error('ENOTDIR', `${to} is not a directory`);
  if (dst) await ensureEmpty(st, ctx, to);
  const parent = await dirInfo(st, ctx, parentPath(to));
  const first = st.hashedChild(parent.layout, baseName(to)) ?? 0;
  const iatt = await st.child(first).rename(ctx, { path: from }, { path: to });
  const rest = st.all().filter((i) => i !== first);
  const out = await st.fanOut(rest, (c) => c.rename(ctx, { path: from }, { path: to }));
  out.forEach((o, k) => {
    if (!o.ok && o.error.code !== 'ENOENT') st.log.warn('directory rename failed on a child', { from, to, child: st.children[rest[k]].name, error: o.error.code });
  });
  st.forget(from);
  st.forget(to);
  return iatt;
}
