import { FsError, isFsError } from 'glusterfs-core';
import { requireInode, type NsContext } from './context.js';
import type { Inode } from './inodes.js';
import { checkAccess, checkOwner, isSuperuser, R, W } from './permissions.js';
import type { HdfsUser, XAttr } from './types.js';
import {
  checkXAttrApi, countsTowardsLimit, hdfsXAttrOf, prefixedName, UNREADABLE_BY_SUPERUSER, volumeXattrName,
} from './xattr-names.js';

/** The xattrs of `inode` a client sees (names only). */
async function visible(c: NsContext, inode: Inode, superuser: boolean): Promise<XAttr[]> {
  return (await c.vol.listxattr(inode.path)).map((n) => hdfsXAttrOf(n, superuser)).filter((x): x is XAttr => x !== undefined);
}

/**
 * listXAttrs: the xattrs `user` may see (HDFS's filter: `user.`, `trusted.` for the superuser,
 * the unreadable-by-superuser marker), with their values, as HDFS's namenode sends them (some
 * clients read the values from this call). As in HDFS it needs only the traversal (x on the
 * ancestors) for the names; the values come only to a caller who may read the file, as from
 * getXAttrs (HDFS sends them to anyone who may list). ENOENT, EACCES.
 */
export async function listXAttrs(c: NsContext, user: HdfsUser, path: string): Promise<XAttr[]> {
  const inode = await requireInode(c, user, path);
  const names = await visible(c, inode, isSuperuser(user, c.policy));
  if (!mayRead(c, user, inode)) return names;
  const withValues = await Promise.all(names.map(async (x): Promise<XAttr | undefined> => {
    try {
      return { ...x, value: await c.vol.getxattr(path, volumeXattrName(x)) };
    } catch (e) {
      // Removed since it was listed.
      if (isFsError(e, 'ENODATA')) return undefined;
      throw e;
    }
  }));
  return withValues.filter((x): x is XAttr => x !== undefined);
}

function mayRead(c: NsContext, user: HdfsUser, inode: Inode): boolean {
  try {
    checkAccess(user, c.policy, inode, R, inode.path);
    return true;
  } catch {
    return false;
  }
}

/**
 * getXAttrs: the named xattrs with values (every visible one when `names` is empty). Each name
 * passes the namespace check first, then the file needs r. A name not set (or not visible) is
 * ENODATA with HDFS's message.
 */
export async function getXAttrs(c: NsContext, user: HdfsUser, path: string, names: XAttr[]): Promise<XAttr[]> {
  const superuser = isSuperuser(user, c.policy);
  for (const x of names) checkXAttrApi(x, superuser, false);
  const inode = await requireInode(c, user, path);
  checkAccess(user, c.policy, inode, R, path);
  const wanted = names.length > 0 ? names : await visible(c, inode, superuser);
  return Promise.all(wanted.map(async (x) => {
    try {
      return { namespace: x.namespace, name: x.name, value: await c.vol.getxattr(path, volumeXattrName(x)) };
    } catch (e) {
      if (isFsError(e, 'ENODATA')) throw new FsError('ENODATA', 'At least one of the attributes provided was not found.');
      throw e;
    }
  }));
}

/**
 * HDFS's checkXAttrChangeAccess: a `user.` xattr needs w on the file, or ownership of a
 * sticky directory; the other namespaces were settled by the namespace check.
 */
function checkChange(c: NsContext, user: HdfsUser, inode: Inode, x: XAttr): void {
  if (x.namespace !== 'user') return;
  if (inode.isDir && (inode.permission & 0o1000) !== 0) checkOwner(user, c.policy, inode, inode.path);
  else checkAccess(user, c.policy, inode, W, inode.path);
}

/**
 * setXAttr: `flag` 1 CREATE, 2 REPLACE, 3 either. In HDFS's order: the size limit
 * (name + value bytes, EINVAL), the namespace check (EACCES), the path, change access, the
 * flag (EIO/ENODATA with HDFS's messages), the per-inode limit (ERANGE) and the rule that the
 * unreadable-by-superuser marker goes on files only (EIO).
 */
export async function setXAttr(c: NsContext, user: HdfsUser, path: string, x: XAttr, flag: number): Promise<void> {
  const size = Buffer.byteLength(x.name) + (x.value?.length ?? 0);
  if (size > c.limits.maxXattrSize) {
    throw new FsError('EINVAL', `The XAttr is too big. The maximum combined size of the name and value is ${c.limits.maxXattrSize}, but the total size is ${size}`);
  }
  checkXAttrApi(x, isSuperuser(user, c.policy), x.value !== undefined);
  const inode = await requireInode(c, user, path);
  checkChange(c, user, inode, x);
  const name = volumeXattrName(x);
  const mode = (flag & 3) === 1 ? 'create' : (flag & 3) === 2 ? 'replace' : 'either';
  const existing = await visible(c, inode, true);
  const exists = existing.some((e) => e.namespace === x.namespace && e.name === x.name);
  // Hadoop raises a plain IOException for both flag violations, not FileAlreadyExists.
  if (exists && mode === 'create') throw new FsError('EIO', `XAttr: ${prefixedName(x)} already exists. The REPLACE flag must be specified.`);
  if (!exists && mode === 'replace') throw new FsError('ENODATA', `XAttr: ${prefixedName(x)} does not exist. The CREATE flag must be specified.`);
  if (!exists && countsTowardsLimit(x) && existing.filter(countsTowardsLimit).length >= c.limits.maxXattrsPerInode) {
    throw new FsError('ERANGE', `Cannot add additional XAttr to inode, would exceed limit of ${c.limits.maxXattrsPerInode}`);
  }
  if (prefixedName(x) === UNREADABLE_BY_SUPERUSER && inode.isDir) throw new FsError('EIO', `Can only set '${UNREADABLE_BY_SUPERUSER}' on a file.`);
  try {
    // The flag again, atomically on the bricks, for a racing client.
    await c.vol.setxattr(path, name, x.value ?? Buffer.alloc(0), mode);
  } catch (e) {
    if (isFsError(e, 'EEXIST')) throw new FsError('EIO', `XAttr: ${prefixedName(x)} already exists. The REPLACE flag must be specified.`);
    if (isFsError(e, 'ENODATA')) throw new FsError('ENODATA', `XAttr: ${prefixedName(x)} does not exist. The CREATE flag must be specified.`);
    throw e;
  }
}

/** removeXAttr: namespace check, change access; the unreadable-by-superuser marker stays (EACCES); ENODATA when absent. */
export async function removeXAttr(c: NsContext, user: HdfsUser, path: string, x: XAttr): Promise<void> {
  checkXAttrApi(x, isSuperuser(user, c.policy), false);
  const inode = await requireInode(c, user, path);
  checkChange(c, user, inode, x);
  const name = volumeXattrName(x);
  try {
    if (prefixedName(x) === UNREADABLE_BY_SUPERUSER) {
      await c.vol.getxattr(path, name);
      throw new FsError('EACCES', `The xattr '${UNREADABLE_BY_SUPERUSER}' can not be deleted.`);
    }
    await c.vol.removexattr(path, name);
  } catch (e) {
    if (isFsError(e, 'ENODATA')) throw new FsError('ENODATA', 'No matching attributes found for remove operation');
    throw e;
  }
}

/**
 * HDFS's checkUnreadableBySuperuser, for opening a file: the superuser may not read a file
 * marked unreadable by the superuser. EACCES.
 */
export async function checkReadableBySuperuser(c: NsContext, user: HdfsUser, inode: Inode): Promise<void> {
  if (!isSuperuser(user, c.policy)) return;
  try {
    await c.vol.getxattr(inode.path, volumeXattrName({ namespace: 'security', name: UNREADABLE_BY_SUPERUSER.slice('security.'.length) }));
  } catch (e) {
    if (isFsError(e, 'ENODATA', 'ENOTSUP')) return;
    throw e;
  }
  throw new FsError('EACCES', `Access is denied for ${user.name} since the superuser is not allowed to perform this operation.`);
}
