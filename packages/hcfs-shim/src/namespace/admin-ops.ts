import { FsError } from 'glusterfs-core';
import { requireInode, traverse, type NsContext } from './context.js';
import { isSuperuser, checkAccess as checkBits, R, type SuperuserPolicy } from './permissions.js';
import { fsStats } from './read-ops.js';
import type { DatanodeReport, HdfsUser } from './types.js';

/** HDFS's superuser check for administrative calls, with its message. EACCES. */
export function requireSuperuser(policy: SuperuserPolicy, user: HdfsUser, operation: string): void {
  if (isSuperuser(user, policy)) return;
  throw new FsError('EACCES', `Access denied for user ${user.name}. Superuser privilege is required for operation ${operation}`);
}

/**
 * checkAccess (FileSystem.access): `mode` (FsAction bits, rwx as in access(2)) on the path,
 * after the traversal. ENOENT ("Path not found", HDFS's text), EACCES.
 */
export async function checkAccess(c: NsContext, user: HdfsUser, path: string, mode: number): Promise<void> {
  await traverse(c, user, path);
  const inode = await c.inodes.get(path);
  if (!inode) throw new FsError('ENOENT', `Path not found: ${path}`);
  checkBits(user, c.policy, inode, mode & 7, path);
}

/** getPreferredBlockSize: the file's block size. ENOENT (missing or not a file). */
export async function preferredBlockSize(c: NsContext, user: HdfsUser, path: string): Promise<number> {
  await traverse(c, user, path);
  const inode = await c.inodes.get(path);
  if (!inode) throw new FsError('ENOENT', `File does not exist: ${path}`);
  if (inode.isDir) throw new FsError('ENOENT', `Path is not a file: ${path}`);
  return c.inodes.blockSizeOf(inode);
}

/**
 * getStoragePolicy: every brick is a disk directory, so every block is where HDFS's HOT policy
 * (all replicas on DISK, its default) puts it. R on the path; ENOENT with HDFS's text.
 */
export async function storagePolicy(c: NsContext, user: HdfsUser, path: string): Promise<'HOT'> {
  await traverse(c, user, path);
  const inode = await c.inodes.get(path);
  if (!inode) throw new FsError('ENOENT', `File/Directory does not exist: ${path}`);
  checkBits(user, c.policy, inode, R, path);
  return 'HOT';
}

/**
 * Setting, unsetting or satisfying a storage policy: there is one storage type to place blocks
 * on, so this is answered as an HDFS namenode with `dfs.storage.policy.enabled` false answers
 * it (a plain IOException: ENOSYS here), before anything else.
 */
export function refuseStoragePolicyChange(operation: 'set' | 'unset' | 'satisfy'): never {
  throw new FsError('ENOSYS', `Failed to ${operation} storage policy since dfs.storage.policy.enabled is set to false.`);
}

/** getQuotaUsage: names (files and directories) and space used under `path`; no quotas are kept. */
export async function quotaUsage(c: NsContext, user: HdfsUser, path: string): Promise<{ count: number; spaceConsumed: number }> {
  const inode = await requireInode(c, user, path);
  if (!inode.isDir) return { count: 1, spaceConsumed: inode.stats.size * c.replication };
  checkBits(user, c.policy, inode, R | 1, path);
  const du = await c.vol.du(path);
  return { count: du.files + du.dirs, spaceConsumed: du.bytes * c.replication };
}

/**
 * The datanodes of the volume: one per server holding bricks (from the volume's layout), live
 * when one of its bricks answers. Each is given the volume's capacity, use and free space in
 * proportion to its bricks (the volume reports only its totals); one server holds them all.
 */
export async function datanodeReport(c: NsContext): Promise<DatanodeReport[]> {
  const hosts = c.vol.volfile.nodes.filter((n) => n.type === 'protocol/client').map((n) => String(n.options['remote-host'] ?? ''));
  const upHosts = new Set(await c.vol.locate('/').then((l) => l.map((b) => b.host)).catch(() => [] as string[]));
  const bricksOf = new Map<string, number>();
  for (const h of hosts) if (h) bricksOf.set(h, (bricksOf.get(h) ?? 0) + 1);
  const total = [...bricksOf.values()].reduce((a, b) => a + b, 0);
  const s = await fsStats(c);
  const out: DatanodeReport[] = [];
  for (const [host, bricks] of bricksOf) {
    const [datanode] = await c.datanodes.forHosts([host]);
    const share = (n: number) => Math.floor((n * bricks) / total);
    out.push({ datanode: datanode!, live: upHosts.has(host), capacity: share(s.capacity), used: share(s.used), remaining: share(s.remaining) });
  }
  return out;
}
