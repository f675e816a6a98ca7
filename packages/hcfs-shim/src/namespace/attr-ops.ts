import { FsError, isFsError } from 'glusterfs-core';
import { requireInode, type NsContext } from './context.js';
import { checkAccess, checkOwner, isSuperuser, PERMISSION_MASK, R, W } from './permissions.js';
import type { HdfsUser, XAttr, XAttrNamespace } from './types.js';

/** setPermission: owner or superuser; stores the bits HDFS has (setuid/setgid dropped, as HDFS does). ENOENT, EACCES. */
export async function setPermission(c: NsContext, user: HdfsUser, path: string, permission: number): Promise<void> {
  const inode = await requireInode(c, user, path);
  checkOwner(user, c.policy, inode, path);
  await c.vol.setattr(path, { mode: permission & PERMISSION_MASK });
  c.inodes.invalidate(path);
}

/**
 * setOwner: changing the owner is superuser-only; the owner may change the group to one it
 * belongs to. Empty or undefined leaves a field unchanged. ENOENT, EACCES.
 */
export async function setOwner(c: NsContext, user: HdfsUser, path: string, owner?: string, group?: string): Promise<void> {
  const inode = await requireInode(c, user, path);
  const superuser = isSuperuser(user, c.policy);
  if (owner && owner !== inode.owner && !superuser) {
    throw new FsError('EACCES', `User ${user.name} is not a super user (non-super user cannot change owner).`);
  }
  if (group && group !== inode.group && !superuser) {
    checkOwner(user, c.policy, inode, path);
    if (!user.groups.includes(group)) throw new FsError('EACCES', `User ${user.name} does not belong to ${group}`);
  }
  const attrs: { uid?: number; gid?: number } = {};
  if (owner) attrs.uid = await c.ids.uidOf(owner);
  if (group) attrs.gid = await c.ids.gidOf(group);
  if (attrs.uid === undefined && attrs.gid === undefined) return;
  await c.vol.setattr(path, attrs);
  c.inodes.invalidate(path);
}

/** setTimes: milliseconds, −1 leaves a time unchanged; needs write access (or ownership). ENOENT, EACCES. */
export async function setTimes(c: NsContext, user: HdfsUser, path: string, mtime: number, atime: number): Promise<void> {
  const inode = await requireInode(c, user, path);
  if (user.name !== inode.owner) checkAccess(user, c.policy, inode, W, path);
  const attrs: { mtimeMs?: number; atimeMs?: number } = {};
  if (mtime >= 0) attrs.mtimeMs = mtime;
  if (atime >= 0) attrs.atimeMs = atime;
  if (attrs.mtimeMs === undefined && attrs.atimeMs === undefined) return;
  await c.vol.setattr(path, attrs);
  c.inodes.invalidate(path);
}

/** The shim's own bookkeeping xattrs: never shown to or changed by HDFS clients. */
const RESERVED_PREFIX = 'trusted.hcfs.';

/** Volume xattr name of an HDFS xattr; EACCES/ENOTSUP for namespaces this gateway does not expose. */
function volumeName(c: NsContext, user: HdfsUser, x: XAttr): string {
  if (!x.name) throw new FsError('EINVAL', 'XAttr name cannot be empty');
  if (x.namespace === 'system' || x.namespace === 'raw') {
    throw new FsError('EACCES', `An XAttr in the ${x.namespace} namespace is reserved for the file system`);
  }
  if (x.namespace === 'trusted' && !isSuperuser(user, c.policy)) {
    throw new FsError('EACCES', 'User doesn\'t have permission for xattr: trusted.' + x.name);
  }
  const name = `${x.namespace}.${x.name}`;
  if (name.startsWith(RESERVED_PREFIX)) throw new FsError('EACCES', `${name} is reserved for the HDFS gateway`);
  return name;
}

/** The HDFS xattr for a volume xattr name, or undefined for ones HDFS does not show. */
function hdfsXAttr(name: string): XAttr | undefined {
  if (name.startsWith(RESERVED_PREFIX)) return undefined;
  const dot = name.indexOf('.');
  const ns = name.slice(0, dot) as XAttrNamespace;
  if (!['user', 'trusted', 'security'].includes(ns) || dot < 0) return undefined;
  return { namespace: ns, name: name.slice(dot + 1) };
}

/** Names of the xattrs an HDFS client may see on `path`. */
export async function listXAttrs(c: NsContext, user: HdfsUser, path: string): Promise<XAttr[]> {
  const inode = await requireInode(c, user, path);
  checkAccess(user, c.policy, inode, R, path);
  const superuser = isSuperuser(user, c.policy);
  return (await c.vol.listxattr(path)).map(hdfsXAttr).filter((x): x is XAttr => !!x && (x.namespace !== 'trusted' || superuser));
}

/** The named xattrs with values (all visible ones when `names` is empty). ENODATA with HDFS's message when one is missing. */
export async function getXAttrs(c: NsContext, user: HdfsUser, path: string, names: XAttr[]): Promise<XAttr[]> {
  const wanted = names.length > 0 ? names : await listXAttrs(c, user, path);
  const inode = await requireInode(c, user, path);
  checkAccess(user, c.policy, inode, R, path);
  return Promise.all(wanted.map(async (x) => {
    try {
      return { namespace: x.namespace, name: x.name, value: await c.vol.getxattr(path, volumeName(c, user, x)) };
    } catch (e) {
      if (isFsError(e, 'ENODATA')) throw new FsError('ENODATA', 'At least one of the attributes provided was not found.');
      throw e;
    }
  }));
}

/** setXAttr: `flag` 1 CREATE, 2 REPLACE, 3 either. Needs write access. EEXIST, ENODATA, EACCES. */
export async function setXAttr(c: NsContext, user: HdfsUser, path: string, x: XAttr, flag: number): Promise<void> {
  const inode = await requireInode(c, user, path);
  checkAccess(user, c.policy, inode, W, path);
  const mode = (flag & 3) === 1 ? 'create' : (flag & 3) === 2 ? 'replace' : 'either';
  try {
    await c.vol.setxattr(path, volumeName(c, user, x), x.value ?? Buffer.alloc(0), mode);
  } catch (e) {
    // Hadoop raises a plain IOException for both flag violations, not FileAlreadyExists.
    if (isFsError(e, 'EEXIST')) throw new FsError('EIO', `XAttr: ${x.namespace}.${x.name} already exists. The REPLACE flag must be specified.`);
    if (isFsError(e, 'ENODATA')) throw new FsError('ENODATA', `XAttr: ${x.namespace}.${x.name} does not exist. The CREATE flag must be specified.`);
    throw e;
  }
}

/** removeXAttr: needs write access. ENODATA with HDFS's message when absent. */
export async function removeXAttr(c: NsContext, user: HdfsUser, path: string, x: XAttr): Promise<void> {
  const inode = await requireInode(c, user, path);
  checkAccess(user, c.policy, inode, W, path);
  try {
    await c.vol.removexattr(path, volumeName(c, user, x));
  } catch (e) {
    if (isFsError(e, 'ENODATA')) throw new FsError('ENODATA', 'No matching attributes found for remove operation');
    throw e;
  }
}
