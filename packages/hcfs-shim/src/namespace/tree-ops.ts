import { FsError, isFsError } from 'glusterfs-core';
import { checkCancel, deepestExisting, traverse, type NsContext } from './context.js';
import { checkComponentLength, checkPathLength } from './limits.js';
import { ancestorsOf, baseName, childPath, isWithin, parentOf } from './paths.js';
import { checkAccess, isSuperuser, PERMISSION_MASK, W, X } from './permissions.js';
import { checkSubtree, removeTree } from './tree-remove.js';
import type { HdfsUser } from './types.js';

/**
 * mkdirs: creates `path` (and, with `createParent`, missing ancestors with u+wx added as HDFS
 * does), owned by the caller with the group of the deepest existing ancestor. True when it
 * already is a directory. The w+x check on the deepest existing ancestor comes before "parent
 * missing", as HDFS orders them. HDFS's limits first: the path's length and depth (ERANGE), each
 * new name's length (ENAMETOOLONG), room in the directory that gets the first new entry
 * (EMLINK). One directory per step, stopping when the caller is gone. EEXIST (a file is in the
 * way), ENOENT, ENOTDIR, EACCES.
 */
export async function mkdirs(c: NsContext, user: HdfsUser, path: string, permission: number, createParent: boolean): Promise<boolean> {
  checkPathLength('mkdirs', path);
  await traverse(c, user, path);
  const existing = await c.inodes.get(path);
  if (existing) {
    if (existing.isDir) return true;
    throw new FsError('EEXIST', `Path is not a directory: ${path}`);
  }
  const base = await deepestExisting(c, path);
  if (!base.isDir) throw new FsError('ENOTDIR', `Parent path is not a directory: ${base.path}`);
  checkAccess(user, c.policy, base, W | X, base.path);
  if (base.path !== parentOf(path) && !createParent) throw new FsError('ENOENT', `Parent directory doesn't exist: ${parentOf(path)}`);
  const missing = [...ancestorsOf(path).filter((d) => d.length > base.path.length && isWithin(d, base.path)), path];
  for (const dir of missing) checkComponentLength(dir, c.limits.maxComponentLength);
  await c.dirItems.checkRoom(base.path, () => checkCancel(user));
  const uid = await c.ids.uidOf(user.name);
  const gid = base.stats.gid;
  try {
    for (const dir of missing) {
      checkCancel(user);
      const mode = dir === path ? permission & PERMISSION_MASK : (permission & PERMISSION_MASK) | 0o300;
      try {
        await c.vol.mkdir(dir, { mode });
      } catch (e) {
        if (!isFsError(e, 'EEXIST')) throw e;
        const raced = await c.inodes.get(dir);
        if (raced?.isDir) continue;
        throw new FsError('EEXIST', `Path is not a directory: ${dir}`);
      }
      if (dir === missing[0]) c.dirItems.changed(base.path, 1);
      await c.vol.setattr(dir, { mode, uid, gid });
    }
  } finally {
    c.inodes.invalidate(base.path);
  }
  return true;
}

/** True when directory `path` has no entries (reads one small page, not the whole directory). */
async function isEmptyDir(c: NsContext, path: string): Promise<boolean> {
  for await (const page of c.vol.list(path, { pageSize: 1 })) {
    if (page.length > 0) return false;
  }
  return true;
}

/**
 * delete: false when `path` does not exist. A non-empty directory needs `recursive`
 * (ENOTEMPTY otherwise); w+x on the parent, and for a non-superuser rwx on the whole subtree.
 * A tree is removed step by step and stops when the caller is gone (ECANCELED/ETIMEDOUT).
 */
export async function remove(c: NsContext, user: HdfsUser, path: string, recursive: boolean): Promise<boolean> {
  if (path === '/') throw new FsError('EPERM', 'the root directory cannot be deleted');
  const parent = await traverse(c, user, path);
  const inode = await c.inodes.get(path);
  if (!parent || !inode) return false;
  checkAccess(user, c.policy, parent, W | X, parent.path);
  if (inode.isDir) {
    if (!recursive && !(await isEmptyDir(c, path))) throw new FsError('ENOTEMPTY', `\`${path} is non empty': Directory is not empty`);
    if (!isSuperuser(user, c.policy)) await checkSubtree(c, user, inode);
  }
  try {
    if (inode.isDir) await removeTree(c, user, path);
    else await c.vol.unlink(path);
  } catch (e) {
    if (isFsError(e, 'ENOENT')) return false;
    throw e;
  } finally {
    c.inodes.invalidate(path);
    c.inodes.invalidate(parent.path);
    c.dirItems.forget(path);
  }
  c.dirItems.changed(parent.path, -1);
  return true;
}

/**
 * rename2: `dst` is the new name. With `overwrite` a file replaces a file and a directory an
 * empty directory. ENOENT (src or dst parent), EEXIST (dst exists and !overwrite, or same
 * path), EIO (non-empty directory, kinds differ, into its own subtree, the root), and HDFS's
 * limits on `dst` (ERANGE, ENAMETOOLONG, EMLINK).
 */
export async function rename(c: NsContext, user: HdfsUser, src: string, dst: string, overwrite: boolean): Promise<void> {
  checkPathLength('rename', dst);
  if (src === '/' || dst === '/') throw new FsError('EIO', `rename ${src} to ${dst}: the root cannot be renamed or replaced`);
  const srcParent = await traverse(c, user, src);
  const inode = srcParent && await c.inodes.get(src);
  if (!srcParent || !inode) throw new FsError('ENOENT', `rename source ${src} is not found.`);
  const dstParent = await traverse(c, user, dst);
  if (!dstParent) throw new FsError('ENOENT', `rename destination parent ${parentOf(dst)} not found.`);
  if (!dstParent.isDir) throw new FsError('ENOTDIR', `rename destination parent ${parentOf(dst)} is a file.`);
  if (src === dst) throw new FsError('EEXIST', `The source ${src} and destination ${dst} are the same`);
  if (isWithin(dst, src)) throw new FsError('EIO', `Rename destination ${dst} is a directory or file under source ${src}`);
  checkAccess(user, c.policy, srcParent, W | X, srcParent.path);
  checkAccess(user, c.policy, dstParent, W | X, dstParent.path);
  // HDFS's verifyFsLimitsForRename: the new name's length, and room when it changes directory.
  checkComponentLength(dst, c.limits.maxComponentLength);
  const moves = srcParent.path !== dstParent.path;
  if (moves) await c.dirItems.checkRoom(dstParent.path, () => checkCancel(user));
  const target = await c.inodes.get(dst);
  if (target) {
    if (!overwrite) throw new FsError('EEXIST', `rename destination ${dst} already exists`);
    if (target.isDir !== inode.isDir) {
      throw new FsError('EIO', `Source ${src} and destination ${dst} must both be directories or both be files`);
    }
    if (target.isDir && !(await isEmptyDir(c, dst))) throw new FsError('EIO', `rename destination directory is not empty: ${dst}`);
  }
  try {
    await c.vol.rename(src, dst);
    if (moves) {
      c.dirItems.changed(srcParent.path, -1);
      if (!target) c.dirItems.changed(dstParent.path, 1);
    }
  } finally {
    c.inodes.invalidate(src);
    c.inodes.invalidate(dst);
    c.inodes.invalidate(srcParent.path);
    c.inodes.invalidate(dstParent.path);
  }
  c.leases.renamed(src, dst);
}

/**
 * FileSystem.rename (WebHDFS RENAME): into `dst` when it is a directory; false rather than an
 * error when the move cannot happen (missing source or destination parent, an existing target,
 * own subtree). Permission failures still throw.
 */
export async function renameLegacy(c: NsContext, user: HdfsUser, src: string, dst: string): Promise<boolean> {
  await traverse(c, user, dst);
  const d = await c.inodes.get(dst);
  const target = d?.isDir ? childPath(dst, baseName(src)) : dst;
  if (src === '/' || isWithin(target, src)) return false;
  try {
    await rename(c, user, src, target, false);
    return true;
  } catch (e) {
    if (isFsError(e, 'ENOENT', 'EEXIST', 'ENOTDIR', 'EIO')) return false;
    throw e;
  }
}
