import { FsError, type Volume } from 'glusterfs-core';
import type { BlockTokenSecretManager, OpenBlocks } from '../blocks/index.js';
import type { Datanodes } from './datanodes.js';
import type { DirectoryItems } from './dir-items.js';
import type { IdMap } from './id-map.js';
import type { Inode, Inodes } from './inodes.js';
import type { LeaseManager } from './leases.js';
import type { FsLimits } from './limits.js';
import type { ListingCache } from './listing-cache.js';
import type { OsAccounts } from './os-accounts.js';
import { ancestorsOf, isReserved } from './paths.js';
import { checkAccess, isSuperuser, X, type SuperuserPolicy } from './permissions.js';
import type { HdfsUser } from './types.js';

/** What every namespace operation shares. */
export interface NsContext {
  vol: Volume;
  ids: IdMap;
  inodes: Inodes;
  leases: LeaseManager;
  listings: ListingCache;
  datanodes: Datanodes;
  policy: SuperuserPolicy;
  os: OsAccounts;
  replication: number;
  /** Signs the block tokens handed out with located blocks. */
  tokens: BlockTokenSecretManager;
  /** HDFS's fs-limits in force. */
  limits: FsLimits;
  /** Entry counts for the max-directory-items limit. */
  dirItems: DirectoryItems;
  /** The datanode of this process, told the last blocks of files under construction handed out. */
  openBlocks?: OpenBlocks;
}

/**
 * Stops an operation between two steps once its caller is gone (the client disconnected, or
 * the call ran out of time): throws the abort's FsError (ECANCELED), or ETIMEDOUT for a
 * timeout. Cheap when nothing was aborted.
 */
export function checkCancel(user: HdfsUser): void {
  const s = user.signal;
  if (!s?.aborted) return;
  throw s.reason instanceof FsError ? s.reason : new FsError('ETIMEDOUT', 'the call ran out of time and was stopped');
}

/**
 * Checks search (x) permission on every ancestor of `path`, as HDFS does before anything else,
 * so a denied traversal is EACCES even when the target does not exist. Paths under the shim's
 * own `/.reserved` are refused outright. Returns the parent's inode (undefined when an ancestor
 * is missing).
 */
export async function traverse(c: NsContext, user: HdfsUser, path: string): Promise<Inode | undefined> {
  if (isReserved(path)) throw new FsError('EACCES', `${path} is reserved for the HDFS gateway`);
  const chain = ancestorsOf(path);
  const superuser = isSuperuser(user, c.policy);
  let parent: Inode | undefined;
  for (const dir of chain) {
    checkCancel(user);
    const inode = await c.inodes.get(dir);
    if (!inode) return undefined;
    if (!inode.isDir) throw new FsError('ENOTDIR', `${dir} (an ancestor of ${path}) is not a directory`);
    if (!superuser) checkAccess(user, c.policy, inode, X, dir);
    parent = inode;
  }
  return parent;
}

/** The inode at `path` after the traversal check; ENOENT naming the path when it is absent. */
export async function requireInode(c: NsContext, user: HdfsUser, path: string): Promise<Inode> {
  await traverse(c, user, path);
  const inode = await c.inodes.get(path);
  if (!inode) throw new FsError('ENOENT', `File does not exist: ${path}`);
  return inode;
}

/** The deepest existing ancestor of `path` (at least `/`), for mkdirs/create permission checks. */
export async function deepestExisting(c: NsContext, path: string): Promise<Inode> {
  for (const dir of ancestorsOf(path).reverse()) {
    const inode = await c.inodes.get(dir);
    if (inode) return inode;
  }
  const root = await c.inodes.get('/');
  if (!root) throw new FsError('EIO', 'the volume root is missing');
  return root;
}
