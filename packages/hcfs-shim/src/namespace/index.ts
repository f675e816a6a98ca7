// Hadoop FileSystem semantics over a mounted volume, shared by the namenode RPC and WebHDFS.
import { userInfo } from 'node:os';
import type { Volume } from 'glusterfs-core';
import { BlockTokenSecretManager, type OpenBlocks } from '../blocks/index.js';
import { Datanodes, type DatanodePorts } from './datanodes.js';
import { HdfsNamespace } from './hdfs-namespace.js';
import { IdMap } from './id-map.js';
import { Inodes } from './inodes.js';
import { ListingCache } from './listing-cache.js';
import { DEFAULT_LEASE_LIMITS, LeaseManager, type LeaseLimits } from './leases.js';
import { DirectoryItems } from './dir-items.js';
import { DEFAULT_FS_LIMITS, type FsLimits } from './limits.js';
import { readOsAccounts, type OsAccounts } from './os-accounts.js';

export { HdfsNamespace } from './hdfs-namespace.js';
export { normalizePath, parentOf, baseName, childPath, isReserved, RESERVED_DIR } from './paths.js';
export { DEFAULT_LEASE_LIMITS, LEASE_XATTR, readLeaseMark, type LeaseLimits, type LeaseMark } from './leases.js';
export { BLOCK_SIZE_XATTR } from './inodes.js';
export { GENERATION_STAMP } from './blocks.js';
export { PERMISSION_MASK } from './permissions.js';
export {
  DEFAULT_FS_LIMITS, MAX_PATH_DEPTH, MAX_PATH_LENGTH, checkBlockSize, checkComponentLengths, checkPathLength, type FsLimits,
} from './limits.js';
export { UNREADABLE_BY_SUPERUSER } from './xattr-names.js';
export type { DatanodePorts } from './datanodes.js';
export type * from './types.js';

/** HDFS's default block size (128 MiB). */
export const DEFAULT_BLOCK_SIZE = 128 * 2 ** 20;

/** How a namespace is set up. */
export interface NamespaceOptions {
  /** Where datanodes listen (same ports on every server) and this server's address. */
  datanodes: DatanodePorts;
  /** The HDFS superuser (default: the OS user running the shim, as HDFS does). */
  superuser?: string;
  /** Members of this group are superusers too (HDFS `dfs.permissions.superusergroup`, default `supergroup`). */
  supergroup?: string;
  /** Block size of new files unless a client asks for another (default 128 MiB). */
  blockSize?: number;
  /** Lease limits (default HDFS's 60 s soft, 20 min hard). */
  leases?: LeaseLimits;
  /**
   * HDFS's fs-limits (default HDFS's). When only `blockSize` is given and it is below HDFS's
   * 1 MiB minimum, the minimum follows it down (HDFS test clusters lower both together).
   */
  limits?: Partial<FsLimits>;
  /**
   * Signs block tokens. Default: keys derived from the volume's service key with HDFS's
   * default lifetime and key interval (EACCES at the first token when the mount has none).
   */
  blockTokens?: BlockTokenSecretManager;
  /** Names per kind the id registry under /.reserved/hcfs holds (default 65,536). */
  idRegistryLimit?: number;
  /** Blocks the datanode of this process answers visible lengths for (see OpenBlocks). */
  openBlocks?: OpenBlocks;
  /** Account files to read users and groups from (tests). */
  accounts?: OsAccounts;
  log?: (msg: string) => void;
}

/** A {@link HdfsNamespace} over `vol`. Call `close()` when done (the volume stays mounted). */
export function createNamespace(vol: Volume, opts: NamespaceOptions): HdfsNamespace {
  const os = opts.accounts ?? readOsAccounts();
  const ids = new IdMap(vol, os, opts.idRegistryLimit);
  const listings = new ListingCache();
  const blockSize = opts.blockSize ?? DEFAULT_BLOCK_SIZE;
  const limits: FsLimits = { ...DEFAULT_FS_LIMITS, minBlockSize: Math.min(DEFAULT_FS_LIMITS.minBlockSize, blockSize), ...opts.limits };
  return new HdfsNamespace({
    vol, ids, os, listings,
    inodes: new Inodes(vol, ids, blockSize, listings),
    leases: new LeaseManager(vol, opts.leases ?? DEFAULT_LEASE_LIMITS, opts.log),
    datanodes: new Datanodes(opts.datanodes),
    policy: { superuser: opts.superuser ?? userInfo().username, supergroup: opts.supergroup ?? 'supergroup' },
    replication: vol.replicaCount,
    tokens: opts.blockTokens ?? new BlockTokenSecretManager((p) => vol.deriveKey(p)),
    limits,
    dirItems: new DirectoryItems(vol, limits.maxDirectoryItems),
    openBlocks: opts.openBlocks,
  });
}
