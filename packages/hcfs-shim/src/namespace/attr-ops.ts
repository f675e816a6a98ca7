import { FsError } from 'glusterfs-core';
import { requireInode, type NsContext } from './context.js';
import { checkAccess, checkOwner, isSuperuser, PERMISSION_MASK, W } from './permissions.js';
import type { HdfsUser } from './types.js';

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
