import { randomBytes } from 'node:crypto';
import { FsError, isFsError } from 'glusterfs-core';
import { checkCancel, traverse, type NsContext } from './context.js';
import type { Inode } from './inodes.js';
import { LEASE_XATTR } from './leases.js';
import { parentOf, RESERVED_DIR } from './paths.js';
import { checkAccess, R, W } from './permissions.js';
import type { HdfsUser } from './types.js';

/** Where a concat builds its result before it replaces the target (hidden from HDFS clients). */
const STAGING_DIR = `${RESERVED_DIR}/hcfs/concat`;
/** A staged result this old was left by a shim that stopped mid-concat: removed by the next concat. */
const STALE_STAGING_MS = 3600_000;

/** A checked file of a concat: its path and inode. */
interface Part {
  path: string;
  inode: Inode;
}

/**
 * concat, with HDFS's checks (FSDirConcatOp) in HDFS's order and with its messages: the target
 * must be a complete file the caller may write; each source a complete, non-empty file the
 * caller may read, in the target's directory (whose w the caller needs, to remove it), not the
 * target, with a block size no larger than the target's, and named once. EINVAL
 * (HadoopIllegalArgumentException), ENOENT (FileNotFoundException), EACCES.
 *
 * HDFS moves the sources' blocks onto the target; a volume file has no blocks to move, so the
 * bytes are copied: the target and then each source into a staging file under /.reserved,
 * which then replaces the target in one rename (keeping its permission, owner, group, atime and
 * xattrs), before the sources are removed. Readers see the old target or the whole result,
 * never a part; a failure or an aborted call leaves target and sources as they were, and a shim
 * that dies after the rename leaves at worst the sources behind. The target and the sources are
 * leased while it runs, so no writer changes them underneath. The result's blocks are cut at
 * the target's block size like any file's (HDFS keeps the parts' partial last blocks as
 * they were).
 */
export async function concat(c: NsContext, user: HdfsUser, target: string, srcs: string[]): Promise<void> {
  if (srcs.length === 0) throw new FsError('EINVAL', 'No sources given');
  const trg = await checkTarget(c, user, target);
  const parts = await checkSources(c, user, trg, srcs);
  const holder = `HDFS_NameNode-concat-${randomBytes(8).toString('hex')}`;
  const leased: string[] = [];
  try {
    for (const p of [trg, ...parts]) {
      await c.leases.claimable(p.path, holder);
      await c.leases.grant(p.path, holder);
      leased.push(p.path);
    }
    await replaceWithConcatenation(c, user, trg, parts);
  } finally {
    for (const p of leased) await c.leases.release(p, holder).catch(() => {});
  }
  for (const p of parts) {
    await c.vol.unlink(p.path).catch((e) => { if (!isFsError(e, 'ENOENT')) throw e; });
    c.inodes.invalidate(p.path);
  }
  c.dirItems.changed(parentOf(target), -parts.length);
  c.inodes.invalidate(target);
}

/** HDFS's verifyTargetFile after the w check on the target. */
async function checkTarget(c: NsContext, user: HdfsUser, target: string): Promise<Part> {
  await traverse(c, user, target);
  const inode = await c.inodes.get(target);
  if (inode) checkAccess(user, c.policy, inode, W, target);
  const file = asFile(inode, target);
  if (await c.leases.markOf(target)) throw new FsError('EINVAL', `concat: target file ${target} is under construction`);
  return { path: target, inode: file };
}

/** HDFS's verifySrcFiles: each source checked in order, then duplicates. */
async function checkSources(c: NsContext, user: HdfsUser, trg: Part, srcs: string[]): Promise<Part[]> {
  const trgBlockSize = await c.inodes.blockSizeOf(trg.inode);
  const dir = parentOf(trg.path);
  const parts: Part[] = [];
  for (const src of srcs) {
    const parent = await traverse(c, user, src);
    const inode = await c.inodes.get(src);
    if (inode) checkAccess(user, c.policy, inode, R, src);
    if (parent) checkAccess(user, c.policy, parent, W, parent.path);
    const file = asFile(inode, src);
    if (parentOf(src) !== dir) throw new FsError('EINVAL', `Source file ${src} is not in the same directory with the target ${trg.path}`);
    if (file.stats.gfid === trg.inode.stats.gfid) throw new FsError('EINVAL', `concat: the src file ${src} is the same with the target file ${trg.path}`);
    if (file.stats.size === 0 || await c.leases.markOf(src)) {
      throw new FsError('EINVAL', `concat: source file ${src} is invalid or empty or underConstruction`);
    }
    const bs = await c.inodes.blockSizeOf(file);
    if (bs > trgBlockSize) {
      throw new FsError('EINVAL', `concat: source file ${src} has preferred block size ${bs} which is greater than the target file's preferred block size ${trgBlockSize}`);
    }
    parts.push({ path: src, inode: file });
  }
  if (new Set(parts.map((p) => p.inode.stats.gfid)).size < parts.length) {
    throw new FsError('EINVAL', 'concat: at least two of the source files are the same');
  }
  return parts;
}

/** INodeFile.valueOf: FileNotFoundException for a missing path or one that is not a file. */
function asFile(inode: Inode | undefined, path: string): Inode {
  if (!inode) throw new FsError('ENOENT', `File does not exist: ${path}`);
  if ((inode.stats.mode & 0o170000) !== 0o100000) throw new FsError('ENOENT', `Path is not a file: ${path}`);
  return inode;
}

/** Builds target ‖ sources in a staging file with the target's attributes, then renames it over the target. */
async function replaceWithConcatenation(c: NsContext, user: HdfsUser, trg: Part, parts: Part[]): Promise<void> {
  await c.vol.mkdir(STAGING_DIR, { recursive: true, mode: 0o700 });
  await removeStale(c);
  const staged = `${STAGING_DIR}/${randomBytes(12).toString('hex')}`;
  const fh = await c.vol.open(staged, 'wx', 0o600);
  let done = false;
  try {
    let pos = 0;
    for (const p of [trg, ...parts]) {
      const start = pos;
      for await (const chunk of c.vol.createReadStream(p.path) as AsyncIterable<Buffer>) {
        checkCancel(user);
        pos += await fh.pwrite(chunk, pos);
      }
      // The leases keep HDFS writers out; a POSIX writer on a brick is not, so check.
      if (pos - start !== p.inode.stats.size) throw new FsError('EIO', `concat: ${p.path} changed while it was being concatenated`);
    }
    await fh.close();
    for (const name of await c.vol.listxattr(trg.path)) {
      if (name !== LEASE_XATTR) await c.vol.setxattr(staged, name, await c.vol.getxattr(trg.path, name));
    }
    const st = trg.inode.stats;
    await c.vol.setattr(staged, { mode: st.mode & 0o7777, uid: st.uid, gid: st.gid, atimeMs: st.atimeMs, mtimeMs: Date.now() });
    checkCancel(user);
    await c.vol.rename(staged, trg.path);
    done = true;
  } finally {
    await fh.close().catch(() => {});
    if (!done) await c.vol.unlink(staged).catch(() => {});
  }
}

/** Removes staging files a stopped shim left (best effort). */
async function removeStale(c: NsContext): Promise<void> {
  const now = Date.now();
  for await (const page of c.vol.list(STAGING_DIR)) {
    for (const e of page) {
      if (now - e.stat.mtimeMs > STALE_STAGING_MS) await c.vol.unlink(`${STAGING_DIR}/${e.name}`).catch(() => {});
    }
  }
}
