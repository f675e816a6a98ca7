import type { BlockRef, BlockToken } from '../blocks/index.js';
import type { FsLimits } from './limits.js';

/**
 * Who is calling: the HDFS user name from the connection (or `user.name`), its groups, and the
 * signal that tells the namespace the caller is gone (client disconnected, call timed out):
 * long operations (mkdirs of many levels, recursive deletes, listings, traversals) stop
 * between steps once it is aborted.
 */
export interface HdfsUser {
  name: string;
  groups: readonly string[];
  signal?: AbortSignal;
}

/** One file or directory as HDFS shows it (HdfsFileStatusProto / WebHDFS FileStatus). */
export interface FileStatus {
  type: 'file' | 'dir' | 'symlink';
  /** The entry's own name in listings; '' from {@link Namespace.status}. */
  name: string;
  /** Bytes (0 for directories). */
  length: number;
  /** Permission bits, 0o7777 at most. */
  permission: number;
  owner: string;
  group: string;
  /** Milliseconds since the epoch. */
  mtime: number;
  atime: number;
  /** The file's block size (0 for directories). */
  blockSize: number;
  /** Copies the volume keeps (0 for directories). */
  replication: number;
  /** A stable inode id (from the GFID). */
  fileId: bigint;
  /** Entries in a directory: not counted (it would read the whole directory), always 0. */
  childrenNum: number;
  /** Target of a symlink. */
  symlink?: string;
}

/** A page of a directory listing: entries after `startAfter`, sorted by name bytes. */
export interface Listing {
  entries: FileStatus[];
  /** Entries left after this page (0 on the last page). */
  remaining: number;
}

/** A listed entry with, for a file, where each of its blocks is (getListing with needLocation). */
export interface LocatedFileStatus extends FileStatus {
  /** Every block of a file, without tokens; absent for directories and symlinks. */
  locations?: LocatedBlocks;
}

/** A page of a located listing (see {@link Listing}). */
export interface LocatedListing {
  entries: LocatedFileStatus[];
  remaining: number;
}

/** A datanode the client can dial. */
export interface DatanodeAddress {
  /** IP literal the client dials. */
  ip: string;
  /** Host name (shown; the client dials `ip`). */
  hostName: string;
  /** DataTransferProtocol port. */
  xferPort: number;
  /** WebHDFS/HTTP port of that datanode (for redirects), 0 if none. */
  infoPort: number;
  /** Stable id of the datanode (`host:xferPort`). */
  uuid: string;
}

/** One block of a file and where it can be read. */
export interface LocatedBlock {
  ref: BlockRef;
  /** HDFS block id (see `blockIdOf`). */
  blockId: bigint;
  generationStamp: bigint;
  /** File offset of the block's first byte. */
  offset: number;
  /** Bytes in the block. */
  length: number;
  /** Datanodes, the one nearest the data first; at least one. */
  locations: DatanodeAddress[];
  /** The signed block token the client echoes to the datanode (READ, or WRITE for the lease holder). */
  token: BlockToken;
}

/** The blocks of a file overlapping a byte range. */
export interface LocatedBlocks {
  fileLength: number;
  blocks: LocatedBlock[];
  underConstruction: boolean;
  lastBlock?: LocatedBlock;
  isLastBlockComplete: boolean;
}

/** GETCONTENTSUMMARY / getContentSummary. */
export interface ContentSummary {
  length: number;
  fileCount: number;
  /** Directories, counting the directory itself (0 for a file). */
  directoryCount: number;
  /** Bytes times replication. */
  spaceConsumed: number;
}

/** getFsStats / df. */
export interface FsStats {
  capacity: number;
  used: number;
  remaining: number;
}

/** Server defaults (getServerDefaults). */
export interface ServerDefaults {
  blockSize: number;
  bytesPerChecksum: number;
  writePacketSize: number;
  replication: number;
  fileBufferSize: number;
}

/** HDFS xattr namespaces, as XAttrProto numbers them. */
export type XAttrNamespace = 'user' | 'trusted' | 'security' | 'system' | 'raw';

/** One HDFS xattr: `namespace.name` with a value (absent in listings). */
export interface XAttr {
  namespace: XAttrNamespace;
  name: string;
  value?: Buffer;
}

/** How a create treats an existing file. */
export interface CreateOptions {
  /** Permission bits (masked to 0o1777: HDFS has no setuid/setgid). */
  permission: number;
  overwrite: boolean;
  createParent: boolean;
  /** Block size; 0 or absent = the server default. */
  blockSize?: number;
  replication?: number;
  /** Lease holder (HDFS clientName). */
  clientName: string;
}

/** What append hands back: the file and its partial last block, if any. */
export interface AppendResult {
  status: FileStatus;
  /** The last block when it is partially full (the client continues it), else absent. */
  lastBlock?: LocatedBlock;
}

/**
 * Hadoop FileSystem semantics over a mounted volume, shared by the namenode RPC and WebHDFS.
 * Every method checks POSIX permissions for `user` (the superuser and the supergroup pass).
 * Failures are `FsError`s with POSIX codes that `errors.ts` maps to Hadoop exceptions:
 * ENOENT → FileNotFoundException, EEXIST → FileAlreadyExistsException, EBUSY →
 * AlreadyBeingCreatedException (a file under another client's lease), ENOTEMPTY →
 * PathIsNotEmptyDirectoryException, ENOTDIR → ParentNotDirectoryException, EACCES/EPERM →
 * AccessControlException, EINVAL → HadoopIllegalArgumentException, others → IOException.
 * Paths are absolute volume paths, already normalised (no `.`/`..`, no trailing `/`).
 */
export interface Namespace {
  /** The file's status, or undefined when it does not exist. EACCES (no x on an ancestor). */
  status(user: HdfsUser, path: string): Promise<FileStatus | undefined>;
  /** A page of at most `limit` entries after `startAfter` ('' = from the start); a file lists itself. Undefined when missing. */
  list(user: HdfsUser, path: string, startAfter: string, limit: number): Promise<Listing | undefined>;
  /** {@link list} with each file's block locations; a page stops at 1000 locations, as HDFS's does. */
  listLocated(user: HdfsUser, path: string, startAfter: string, limit: number): Promise<LocatedListing | undefined>;
  /** mkdir (-p with `createParent`); true also when it already is a directory. EEXIST (a file), ENOENT. */
  mkdirs(user: HdfsUser, path: string, permission: number, createParent: boolean): Promise<boolean>;
  /** Creates a file under construction, leased to `opts.clientName`. EEXIST, EBUSY, ENOENT, EACCES. */
  create(user: HdfsUser, path: string, opts: CreateOptions): Promise<FileStatus>;
  /** Reopens a complete file for append under a lease. ENOENT, EBUSY, EACCES. */
  append(user: HdfsUser, path: string, clientName: string): Promise<AppendResult>;
  /**
   * Allocates the next block of a file `clientName` holds open: the one after `previous` (the
   * block just written, by HDFS block id), or at the current end of the file when absent.
   */
  addBlock(user: HdfsUser, path: string, clientName: string, previous?: bigint): Promise<LocatedBlock>;
  /** Closes a file under construction (drops the lease). ENOENT, EPERM (lease held by another client). */
  complete(user: HdfsUser, path: string, clientName: string): Promise<boolean>;
  /** Keeps `clientName`'s leases alive. */
  renewLease(clientName: string): void;
  /** Blocks overlapping [offset, offset+length). ENOENT, EACCES, EISDIR. */
  blockLocations(user: HdfsUser, path: string, offset: number, length: number): Promise<LocatedBlocks>;
  /** Removes a path; false when it did not exist. ENOTEMPTY (non-empty dir, !recursive). */
  delete(user: HdfsUser, path: string, recursive: boolean): Promise<boolean>;
  /**
   * rename2 semantics: `dst` is the new name. With `overwrite` a file replaces a file and a
   * directory an empty directory. ENOENT (src, dst parent), EEXIST (dst exists, !overwrite),
   * EIO (non-empty dir, type mismatch, or into its own subtree).
   */
  rename(user: HdfsUser, src: string, dst: string, overwrite: boolean): Promise<void>;
  /**
   * FileSystem.rename (old) semantics: into `dst` when it is a directory; false instead of an
   * error when the rename cannot happen (missing src, existing file dst, own subtree).
   */
  renameLegacy(user: HdfsUser, src: string, dst: string): Promise<boolean>;
  setPermission(user: HdfsUser, path: string, permission: number): Promise<void>;
  /** Empty or undefined `owner`/`group` leaves it unchanged. Owner change is superuser-only. */
  setOwner(user: HdfsUser, path: string, owner: string | undefined, group: string | undefined): Promise<void>;
  /** -1 leaves a time unchanged. */
  setTimes(user: HdfsUser, path: string, mtime: number, atime: number): Promise<void>;
  contentSummary(user: HdfsUser, path: string): Promise<ContentSummary>;
  fsStats(): Promise<FsStats>;
  serverDefaults(): ServerDefaults;
  /** True when done at once. ENOENT (missing or a directory), EINVAL (longer than the file). */
  truncate(user: HdfsUser, path: string, newLength: number, clientName: string): Promise<boolean>;
  /** The named xattrs (all when `names` is empty). ENODATA when a named one is missing. */
  getXAttrs(user: HdfsUser, path: string, names: XAttr[]): Promise<XAttr[]>;
  /** Names only. */
  listXAttrs(user: HdfsUser, path: string): Promise<XAttr[]>;
  /** `flag`: 1 CREATE, 2 REPLACE, 3 either. EEXIST/ENODATA per flag. */
  setXAttr(user: HdfsUser, path: string, xattr: XAttr, flag: number): Promise<void>;
  /** ENODATA when absent. */
  removeXAttr(user: HdfsUser, path: string, xattr: XAttr): Promise<void>;
  /** `/user/<name>`. */
  homeDirectory(user: HdfsUser): string;
  /** The datanode on this server (writes through it reach the volume like any other). */
  writeTarget(): DatanodeAddress;
  /** HDFS's fs-limits in force (front ends check some before redirecting). */
  readonly limits: FsLimits;
}
