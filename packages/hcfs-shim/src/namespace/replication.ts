import { FsError, isFsError } from 'glusterfs-core';
import { traverse, type NsContext } from './context.js';
import { REPLICATION_XATTR } from './inodes.js';
import { checkAccess, W } from './permissions.js';
import type { HdfsUser } from './types.js';

/** HDFS's `dfs.namenode.replication.min` and `dfs.replication.max` defaults. */
export const MIN_REPLICATION = 1;
export const MAX_REPLICATION = 512;

/**
 * HDFS's BlockManager.verifyReplication: a factor outside [1, 512] is refused before anything
 * else, with HDFS's text (ERANGE: a plain IOException). `n` is the Java short the client sent.
 */
export function verifyReplication(path: string, n: number): void {
  const err = n > MAX_REPLICATION ? ` exceeds maximum of ${MAX_REPLICATION}`
    : n < MIN_REPLICATION ? ` is less than the required minimum of ${MIN_REPLICATION}` : '';
  if (err) throw new FsError('ERANGE', `Requested replication factor of ${n}${err} for ${path}`);
}

/**
 * setReplication, as HDFS's FSDirAttrOp.setReplication as far as the volume allows: the
 * factor checked first (ERANGE), then the traversal, then w on the path itself (EACCES); a
 * missing path, a directory or a symlink is `false`, as in HDFS. A file's replication is what
 * HDFS would keep of it: up to the volume's replica count it is recorded (an xattr below the
 * count, none at it) and reported by getFileInfo, and block locations name that many of the
 * volume's copies, so `hadoop fs -setrep -w N` sees N locations and returns. The volume keeps
 * all of its copies whatever is recorded. More copies than the volume's replica count cannot
 * exist, so that is `false` (FsShell: "Could not set replication for: PATH", and `-w` never
 * waits for copies that cannot appear; MapReduce's job submitter ignores the result of its
 * setReplication(…, 10)). Allowed on a file under construction, as HDFS does.
 */
export async function setReplication(c: NsContext, user: HdfsUser, path: string, n: number): Promise<boolean> {
  verifyReplication(path, n);
  await traverse(c, user, path);
  const inode = await c.inodes.get(path);
  if (!inode) return false;
  checkAccess(user, c.policy, inode, W, path);
  if (inode.isDir || (inode.stats.mode & 0o170000) !== 0o100000) return false;
  if (n > c.replication) return false;
  if (n < c.replication) {
    await c.vol.setxattr(path, REPLICATION_XATTR, String(n));
  } else {
    await c.vol.removexattr(path, REPLICATION_XATTR).catch((e) => { if (!isFsError(e, 'ENODATA')) throw e; });
  }
  c.inodes.rememberReplication(inode.stats.gfid, n);
  c.inodes.invalidate(path);
  return true;
}
