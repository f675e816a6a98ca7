import { FsError } from 'glusterfs-core';
import type { HdfsUser } from './types.js';

/**
 * The permission bits HDFS has: rwx for owner, group and other plus the sticky bit. HDFS has
 * no setuid or setgid (FsPermission drops them), and on the bricks those bits would run brick
 * files with the owner's ids for any local user, so every mode a client sends is masked to
 * this, on every front end.
 */
export const PERMISSION_MASK = 0o1777;

/** Access bits as in `access(2)`. */
export const R = 4, W = 2, X = 1;

/** What the permission check needs to know about an inode. */
export interface Owned {
  permission: number;
  owner: string;
  group: string;
}

/** Who counts as the HDFS superuser: the user running the shim, plus members of the supergroup. */
export interface SuperuserPolicy {
  superuser: string;
  supergroup: string;
}

/** True when `user` bypasses permission checks. */
export function isSuperuser(user: HdfsUser, policy: SuperuserPolicy): boolean {
  return user.name === policy.superuser || user.groups.includes(policy.supergroup);
}

/**
 * POSIX-style check as the HDFS namenode does it: owner bits for the owner, group bits for a
 * member of the inode's group, other bits otherwise; the superuser passes. EACCES naming who
 * wanted what, in Hadoop's wording, so a denied client sees why.
 */
export function checkAccess(user: HdfsUser, policy: SuperuserPolicy, inode: Owned, want: number, path: string): void {
  if (isSuperuser(user, policy)) return;
  const shift = user.name === inode.owner ? 6 : user.groups.includes(inode.group) ? 3 : 0;
  const have = (inode.permission >> shift) & 7;
  if ((have & want) === want) return;
  throw new FsError('EACCES', `Permission denied: user=${user.name}, access=${accessName(want)}, inode="${path}":${inode.owner}:${inode.group}:${modeString(inode.permission)}`);
}

/** Owner-or-superuser check (chmod, setting times as the owner). */
export function checkOwner(user: HdfsUser, policy: SuperuserPolicy, inode: Owned, path: string): void {
  if (isSuperuser(user, policy) || user.name === inode.owner) return;
  throw new FsError('EACCES', `Permission denied. user=${user.name} is not the owner of inode=${path}`);
}

function accessName(want: number): string {
  return `${want & R ? 'READ' : ''}${want & W ? (want & R ? '_WRITE' : 'WRITE') : ''}${want & X ? (want & (R | W) ? '_EXECUTE' : 'EXECUTE') : ''}`;
}

/** `drwxr-xr-x`-style text without the type letter, as Hadoop prints modes in its messages. */
export function modeString(perm: number): string {
  const rwx = (b: number) => `${b & 4 ? 'r' : '-'}${b & 2 ? 'w' : '-'}${b & 1 ? 'x' : '-'}`;
  return rwx(perm >> 6) + rwx(perm >> 3) + rwx(perm);
}
