import { FsError, isFsError, type DirEntry, type Stats } from 'glusterfs-core';
import { blockRange, locatedBlock, READ_ONLY } from './blocks.js';
import { checkCancel, requireInode, traverse, type NsContext } from './context.js';
import type { Inode } from './inodes.js';
import { compareNames, firstAfter } from './listing-cache.js';
import { childPath, isReserved } from './paths.js';
import { checkAccess, R, X } from './permissions.js';
import type { ContentSummary, FileStatus, FsStats, HdfsUser, Listing, LocatedBlocks } from './types.js';
import { checkReadableBySuperuser } from './xattr-ops.js';

/** getFileInfo: the status, or undefined when missing. EACCES on a denied traversal. */
export async function status(c: NsContext, user: HdfsUser, path: string): Promise<FileStatus | undefined> {
  await traverse(c, user, path);
  const inode = await c.inodes.get(path);
  if (!inode) return undefined;
  if (inode.isDir) return c.inodes.status(inode, '');
  const [blockSize, replication] = await Promise.all([c.inodes.blockSizeOf(inode), c.inodes.replicationOf(inode)]);
  return c.inodes.status(inode, '', blockSize, replication);
}

/**
 * getListing: a page of entries after `startAfter`, sorted by name bytes. A fresh listing (no
 * `startAfter`) always reads the directory; continuation pages reuse the sorted entries from it.
 */
export async function list(c: NsContext, user: HdfsUser, path: string, startAfter: string, limit: number): Promise<Listing | undefined> {
  await traverse(c, user, path);
  const dir = await c.inodes.get(path, startAfter !== '');
  if (!dir) return undefined;
  if (!dir.isDir) {
    checkAccess(user, c.policy, dir, R, path);
    // HDFS lists a file as itself with an empty local name (clients use the path they asked for).
    const [blockSize, replication] = await Promise.all([c.inodes.blockSizeOf(dir), c.inodes.replicationOf(dir)]);
    const st = await c.inodes.status(dir, '', blockSize, replication);
    return { entries: startAfter === '' ? [st] : [], remaining: 0 };
  }
  checkAccess(user, c.policy, dir, R | X, path);
  const { ctimeMs, mtimeMs } = dir.stats;
  let entries = startAfter === '' ? undefined : c.listings.get(path, ctimeMs, mtimeMs);
  if (!entries) {
    entries = [];
    // Page by page, so a huge directory whose reader went away stops being read.
    for await (const page of c.vol.list(path)) {
      checkCancel(user);
      for (const e of page) if (!(path === '/' && isReserved(childPath('/', e.name)))) entries.push(e);
    }
    entries.sort((a, b) => compareNames(a.name, b.name));
    c.listings.set(path, ctimeMs, mtimeMs, entries);
  }
  const from = firstAfter(entries, startAfter);
  const page = entries.slice(from, from + limit);
  const statuses = await Promise.all(page.map((e) => listedStatus(c, path, e)));
  return { entries: statuses, remaining: entries.length - from - page.length };
}

/** A listed entry's status. */
async function listedStatus(c: NsContext, dir: string, e: DirEntry): Promise<FileStatus> {
  const inode = await listedInode(c, childPath(dir, e.name), e.stat);
  // Each file's own block size, as HDFS lists it: DistCp's -pb and input splits read it from here.
  return c.inodes.status(inode, e.name, inode.isDir ? undefined : await listedBlockSize(c, inode));
}

/**
 * A listed entry's inode. A directory's copies on each brick carry their own times (each
 * stamped when an entry was made in it there), and the listing read the parent's copy: a
 * directory is looked up, as getFileInfo does, so both give the same times (HDFS has one).
 */
async function listedInode(c: NsContext, path: string, stat: Stats): Promise<Inode> {
  const inode = await c.inodes.fromStats(path, stat);
  return inode.isDir ? (await c.inodes.get(path)) ?? inode : inode;
}

/** A listed file's block size; one deleted since the directory was read keeps the default. */
async function listedBlockSize(c: NsContext, inode: Inode): Promise<number> {
  try {
    return await c.inodes.blockSizeOf(inode);
  } catch (e) {
    if (isFsError(e, 'ENOENT', 'ESTALE')) return c.inodes.defaultBlockSize;
    throw e;
  }
}

/** getContentSummary: bytes, files and directories under `path` (computed on the bricks). ENOENT. */
export async function contentSummary(c: NsContext, user: HdfsUser, path: string): Promise<ContentSummary> {
  const inode = await requireInode(c, user, path);
  if (!inode.isDir) {
    return { length: inode.stats.size, fileCount: 1, directoryCount: 0, spaceConsumed: inode.stats.size * c.replication };
  }
  checkAccess(user, c.policy, inode, R | X, path);
  const du = await c.vol.du(path);
  return { length: du.bytes, fileCount: du.files, directoryCount: du.dirs, spaceConsumed: du.bytes * c.replication };
}

/** getFsStats: the volume's capacity and use (one copy's worth of raw space, as df shows it). */
export async function fsStats(c: NsContext): Promise<FsStats> {
  const s = await c.vol.statfs('/');
  const capacity = s.blocks * s.frsize;
  const remaining = s.bavail * s.frsize;
  return { capacity: Math.max(capacity, 1), used: Math.max(0, capacity - s.bfree * s.frsize), remaining };
}

/**
 * getBlockLocations: the file's blocks overlapping the range, each located on the datanodes of
 * the servers whose bricks hold a copy, one location per copy in replica order, at most the
 * file's replication (so Hadoop schedules tasks there, several copies give read failover, and
 * `-setrep -w` counts copies as HDFS counts replicas). ENOENT, EACCES (no r, or the superuser on a file marked unreadable by the
 * superuser), EISDIR.
 */
export async function blockLocations(c: NsContext, user: HdfsUser, path: string, offset: number, length: number): Promise<LocatedBlocks> {
  const inode = await requireInode(c, user, path);
  if (inode.isDir) throw new FsError('ENOENT', `${path} is a directory, not a file`);
  checkAccess(user, c.policy, inode, R, path);
  await checkReadableBySuperuser(c, user, inode);
  return locate(c, user, inode, offset, length);
}

/**
 * The located blocks of a file, with READ-only tokens for `user` (no permission check: callers
 * did it). One `locate` per call, and at most `maxBlocksPerCall` blocks however small the
 * file's block size, so one call's work is bounded (a client asks again for later ranges).
 */
export async function locate(c: NsContext, user: HdfsUser, inode: Inode, offset: number, length: number): Promise<LocatedBlocks> {
  const [blockSize, replication, hosts, mark] = await Promise.all([
    c.inodes.blockSizeOf(inode),
    c.inodes.replicationOf(inode),
    c.vol.locate(inode.path).then((l) => l.map((b) => b.host)).catch(() => [] as string[]),
    c.leases.markOf(inode.path),
  ]);
  // One location per copy, as HDFS lists one per replica, up to the file's replication.
  const locations = (await c.datanodes.forCopies(hosts)).slice(0, replication);
  const size = inode.stats.size;
  const file = { path: inode.path, gfid: inode.stats.gfid, blockSize, length: size };
  const lastIndex = size === 0 ? -1 : Math.floor((size - 1) / blockSize);
  const uc = mark !== undefined;
  // The last block of a file under construction is located on this process's datanode first,
  // which is told about it, so Java's reader can ask that datanode its visible length.
  if (uc && lastIndex >= 0) c.openBlocks?.remember({ path: inode.path, gfid: inode.stats.gfid, index: lastIndex, blockSize });
  const local = c.datanodes.local();
  const ucLocations = locations[0]?.uuid === local.uuid ? locations : [local, ...locations];
  const at = (i: number) => locatedBlock(c.tokens, { user, modes: READ_ONLY }, file, i, uc && i === lastIndex ? ucLocations : locations);
  const blocks = blockRange(size, blockSize, offset, length, c.limits.maxBlocksPerCall).map(at);
  return {
    // As HDFS: a file under construction's length leaves its last block out; readers add the
    // visible length the datanode reports.
    fileLength: uc && lastIndex >= 0 ? lastIndex * blockSize : size, blocks, underConstruction: uc,
    lastBlock: lastIndex >= 0 ? at(lastIndex) : undefined, isLastBlockComplete: !uc,
  };
}
