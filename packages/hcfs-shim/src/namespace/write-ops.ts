import { FsError, isFsError } from 'glusterfs-core';
import { indexOfBlockId, locatedBlock, WRITE_ONLY } from './blocks.js';
import { checkCancel, deepestExisting, requireInode, traverse, type NsContext } from './context.js';
import { BLOCK_SIZE_XATTR, REPLICATION_XATTR, type Inode } from './inodes.js';
import { MIN_REPLICATION } from './replication.js';
import { checkBlockSize, checkComponentLength, checkPathLength } from './limits.js';
import { mkdirs } from './tree-ops.js';
import { parentOf } from './paths.js';
import { checkAccess, PERMISSION_MASK, W, X } from './permissions.js';
import type { AppendResult, CreateOptions, FileStatus, HdfsUser, LocatedBlock } from './types.js';

/**
 * create: a new, empty file under construction, leased to `opts.clientName`, owned by the
 * caller with the parent's group. An existing file is EEXIST unless `overwrite` (then it is
 * removed first, as HDFS does); a file under another live lease is EBUSY; a directory is
 * EEXIST. The w+x check on the deepest existing ancestor comes before "parent missing". HDFS's
 * limits: the path's length and depth and a block size under the minimum first (ERANGE), the
 * name's length (ENAMETOOLONG) and room in the parent (EMLINK) before the file is made.
 */
export async function create(c: NsContext, user: HdfsUser, path: string, opts: CreateOptions): Promise<FileStatus> {
  checkPathLength('create', path);
  const blockSize = opts.blockSize && opts.blockSize > 0 ? opts.blockSize : c.inodes.defaultBlockSize;
  checkBlockSize(blockSize, c.limits.minBlockSize);
  let parent = await traverse(c, user, path);
  if (!parent) {
    const base = await deepestExisting(c, path);
    checkAccess(user, c.policy, base, W | X, base.path);
    if (!opts.createParent) throw new FsError('ENOENT', `Parent directory doesn't exist: ${parentOf(path)}`);
    await mkdirs(c, user, parentOf(path), 0o755, true);
    parent = await traverse(c, user, path);
    if (!parent) throw new FsError('ENOENT', `Parent directory doesn't exist: ${parentOf(path)}`);
  }
  if (!parent.isDir) throw new FsError('ENOTDIR', `Parent path is not a directory: ${parent.path}`);
  checkAccess(user, c.policy, parent, W | X, parent.path);
  const existing = await c.inodes.get(path);
  if (existing) {
    if (existing.isDir) throw new FsError('EEXIST', `${path} already exists as a directory`);
    await c.leases.claimable(path, opts.clientName);
    if (!opts.overwrite) throw new FsError('EEXIST', `${path} for client ${opts.clientName} already exists`);
    await c.vol.unlink(path).catch((e) => { if (!isFsError(e, 'ENOENT')) throw e; });
  } else {
    checkComponentLength(path, c.limits.maxComponentLength);
    await c.dirItems.checkRoom(parent.path, () => checkCancel(user));
  }
  const permission = opts.permission & PERMISSION_MASK;
  // HDFS keeps the replication asked for; the volume keeps its own copies, so only a lower
  // number is recorded (see setReplication).
  const replication = opts.replication && opts.replication >= MIN_REPLICATION ? Math.min(opts.replication, c.replication) : c.replication;
  const fh = await c.vol.open(path, 'wx', permission);
  try {
    if (!existing) c.dirItems.changed(parent.path, 1);
    await c.leases.grant(path, opts.clientName);
    if (blockSize !== c.inodes.defaultBlockSize) await c.vol.setxattr(path, BLOCK_SIZE_XATTR, String(blockSize));
    if (replication < c.replication) await c.vol.setxattr(path, REPLICATION_XATTR, String(replication));
    const st = await c.vol.setattr(path, { mode: permission, uid: await c.ids.uidOf(user.name), gid: parent.stats.gid });
    c.inodes.rememberBlockSize(st.gfid, blockSize);
    c.inodes.invalidate(parent.path);
    c.inodes.rememberReplication(st.gfid, replication);
    return c.inodes.status(await c.inodes.fromStats(path, st), '', blockSize, replication);
  } catch (e) {
    // A half-made file (no lease, wrong owner) must not stay behind looking complete.
    await c.vol.unlink(path).catch(() => {});
    throw e;
  } finally {
    await fh.close();
  }
}

/**
 * append: puts a complete file back under `clientName`'s lease and hands back its partially
 * full last block, which the client continues; a file ending on a block boundary gets none
 * (the client then asks addBlock). `newBlock` (CreateFlag.NEW_BLOCK) asks for the appended
 * bytes to start a block of their own: HDFS then keeps the partial last block as it is, but a
 * block here is a fixed range of the file, so that is ENOTSUP unless the file ends on a block
 * boundary. ENOENT (missing or a directory), EBUSY, EACCES.
 */
export async function append(c: NsContext, user: HdfsUser, path: string, clientName: string, newBlock = false): Promise<AppendResult> {
  const inode = await requireInode(c, user, path);
  if (inode.isDir) throw new FsError('ENOENT', `failed to append to non-existent file ${path}: it is a directory`);
  checkAccess(user, c.policy, inode, W, path);
  if (newBlock && inode.stats.size % await c.inodes.blockSizeOf(inode) !== 0) {
    throw new FsError('ENOTSUP', `append to ${path} with NEW_BLOCK: its last block is partial, and on this volume a block is a fixed range of the file, so a new one cannot start inside it; append without NEW_BLOCK`);
  }
  const mark = await c.leases.markOf(path);
  if (mark?.holder === clientName) throw new FsError('EBUSY', `Failed to APPEND_FILE ${path} for ${clientName}: it is already being written by this client`);
  await c.leases.claimable(path, clientName);
  await c.leases.grant(path, clientName);
  const blockSize = await c.inodes.blockSizeOf(inode);
  const status = await c.inodes.status(inode, '', blockSize, await c.inodes.replicationOf(inode));
  const size = inode.stats.size;
  if (size % blockSize === 0) return { status };
  const index = Math.floor(size / blockSize);
  const file = { path, gfid: inode.stats.gfid, blockSize, length: size };
  const grant = { user, modes: WRITE_ONLY, holder: clientName };
  return { status, lastBlock: locatedBlock(c.tokens, grant, file, index, await writeTargets(c, inode)) };
}

/** The datanode a block is written through: the one on a server holding the file (its brick is local there). */
export async function writeTargets(c: NsContext, inode: Inode): Promise<LocatedBlock['locations']> {
  const hosts = await c.vol.locate(inode.path).then((l) => l.map((b) => b.host)).catch(() => [] as string[]);
  return hosts.length > 0 ? (await c.datanodes.forHosts(hosts)).slice(0, 1) : [c.datanodes.local()];
}

/**
 * addBlock: the block after `previous` (or at the current end of the file), with one write
 * location and a WRITE token for the lease holder. EPERM (not the holder), EFBIG when the file
 * already has HDFS's max-blocks-per-file blocks.
 */
export async function addBlock(c: NsContext, user: HdfsUser, path: string, clientName: string, previous?: bigint): Promise<LocatedBlock> {
  const inode = await requireInode(c, user, path);
  await c.leases.check(path, clientName);
  const blockSize = await c.inodes.blockSizeOf(inode);
  const index = previous !== undefined ? indexOfBlockId(previous) + 1 : Math.ceil(inode.stats.size / blockSize);
  // The new block's index is the number of blocks the file already has.
  if (index >= c.limits.maxBlocksPerFile) {
    throw new FsError('EFBIG', `File has reached the limit on maximum number of blocks (dfs.namenode.fs-limits.max-blocks-per-file): ${index} >= ${c.limits.maxBlocksPerFile}`);
  }
  // A block is a fixed range of the file: one starting past the end would leave a hole.
  if (index * blockSize > inode.stats.size) {
    throw new FsError('ENOTSUP', `addBlock: block ${index} of ${path} would start at ${index * blockSize}, past the end of the file (${inode.stats.size}); on this volume a new block can only follow a full one`);
  }
  const file = { path, gfid: inode.stats.gfid, blockSize, length: inode.stats.size };
  return locatedBlock(c.tokens, { user, modes: WRITE_ONLY, holder: clientName }, file, index, await writeTargets(c, inode));
}

/**
 * complete: closes a file `clientName` is writing: stamps its modification time (HDFS sets it
 * when a file is closed) and drops its lease. A file with no lease (a retried complete, or one
 * recovered after its writer went quiet) completes trivially; one leased to another client is
 * EPERM. ENOENT.
 */
export async function complete(c: NsContext, user: HdfsUser, path: string, clientName: string): Promise<boolean> {
  const inode = await requireInode(c, user, path);
  const mark = await c.leases.markOf(path);
  if (!mark) return true;
  if (mark.holder !== clientName) throw new FsError('EPERM', `No lease on ${path}: it is held by ${mark.holder}, not ${clientName}`);
  // One setattr through the volume gives every replica the same times. Each brick stamped its
  // own copy as it wrote, so a listing (read from the directory's copy) and getFileInfo (from
  // the file's) would otherwise disagree by milliseconds, and DistCp -pt copies either.
  await c.vol.setattr(path, { mtimeMs: Date.now(), atimeMs: inode.stats.atimeMs });
  await c.leases.release(path, clientName);
  return true;
}

/**
 * truncate: cuts a file to `newLength` at once, with HDFS's checks in its order: w on the file
 * (EACCES), a file (ENOENT), not under another live lease (EBUSY), not longer than the file
 * (EINVAL). The answer is HDFS's: true when the new length is the old one or falls on a block
 * boundary, false otherwise, where HDFS starts recovering the last block in the background and
 * clients wait for the length (`hadoop fs -truncate -w` prints "Waiting for …"). Here the file
 * already has its new length when the answer goes out, so that wait ends at its first look.
 */
export async function truncate(c: NsContext, user: HdfsUser, path: string, newLength: number, clientName: string): Promise<boolean> {
  const inode = await requireInode(c, user, path);
  checkAccess(user, c.policy, inode, W, path);
  if (inode.isDir) throw new FsError('ENOENT', `Path is not a file: ${path}`);
  if (!Number.isSafeInteger(newLength) || newLength < 0) throw new FsError('EINVAL', `Cannot truncate to a negative file size: ${newLength}.`);
  await c.leases.claimable(path, clientName);
  const size = inode.stats.size;
  if (newLength === size) return true;
  if (newLength > size) throw new FsError('EINVAL', `Cannot truncate to a larger file size. Current size: ${size}, truncate size: ${newLength}.`);
  await c.vol.truncate(path, newLength);
  return newLength % await c.inodes.blockSizeOf(inode) === 0;
}

/**
 * recoverLease: HDFS's lease recovery, at once: a file under construction is closed with the
 * bytes on the volume (what the datanodes acknowledged), whoever held it, so the answer is
 * always true (HDFS answers false while its block recovery runs). W on the file; ENOENT
 * (missing or not a file), EACCES.
 */
export async function recoverLease(c: NsContext, user: HdfsUser, path: string): Promise<boolean> {
  const inode = await requireInode(c, user, path);
  checkAccess(user, c.policy, inode, W, path);
  if (inode.isDir) throw new FsError('ENOENT', `Path is not a file: ${path}`);
  const mark = await c.leases.markOf(path);
  if (mark) await c.leases.release(path, mark.holder);
  return true;
}

/** isFileClosed: true unless the file is under construction. ENOENT (missing or not a file), EACCES. */
export async function isFileClosed(c: NsContext, user: HdfsUser, path: string): Promise<boolean> {
  const inode = await requireInode(c, user, path);
  if (inode.isDir) throw new FsError('ENOENT', `Path is not a file: ${path}`);
  return (await c.leases.markOf(path)) === undefined;
}
