import { FsError } from 'glusterfs-core';
import { baseName, parentOf } from './paths.js';

/**
 * HDFS's `dfs.namenode.fs-limits.*` and the namenode's fixed path limits, enforced the same way
 * on RPC and WebHDFS (the namespace is shared).
 */
export interface FsLimits {
  /** `min-block-size`: the smallest block size a create may ask for. */
  minBlockSize: number;
  /** `max-component-length`: bytes in one name (UTF-8). */
  maxComponentLength: number;
  /** `max-directory-items`: entries one directory may hold. */
  maxDirectoryItems: number;
  /** `max-blocks-per-file`: blocks one file may have (checked at addBlock). */
  maxBlocksPerFile: number;
  /**
   * Not HDFS's: the most blocks one getBlockLocations returns, so one call's work is bounded
   * whatever a file's block size (a file made with a tiny block size before the minimum was
   * enforced). Files written through HDFS never have more than max-blocks-per-file; a bigger
   * file written through POSIX is listed in several calls (Java readers ask again as they go).
   */
  maxBlocksPerCall: number;
  /** `max-xattrs-per-inode`: `user.` and `trusted.` xattrs on one file. */
  maxXattrsPerInode: number;
  /** `max-xattr-size`: bytes of one xattr's name and value together. */
  maxXattrSize: number;
}

/** HDFS's defaults. */
export const DEFAULT_FS_LIMITS: FsLimits = {
  minBlockSize: 1024 * 1024,
  maxComponentLength: 255,
  maxDirectoryItems: 1024 * 1024,
  maxBlocksPerFile: 10_000,
  maxBlocksPerCall: 10_000,
  maxXattrsPerInode: 32,
  maxXattrSize: 16_384,
};

/** HdfsServerConstants.MAX_PATH_LENGTH: characters in a path that adds a name (not configurable in HDFS either). */
export const MAX_PATH_LENGTH = 8000;
/** HdfsServerConstants.MAX_PATH_DEPTH: components in a path that adds a name. */
export const MAX_PATH_DEPTH = 1000;

/**
 * NameNodeRpcServer.checkPathLength for the calls that add a name (create, mkdirs, rename's
 * destination): at most 8000 characters (UTF-16 units, as Java counts) and 1000 components.
 * ERANGE (a plain IOException) with HDFS's message, `op` naming the call.
 */
export function checkPathLength(op: string, path: string): void {
  const depth = path === '/' ? 0 : path.split('/').length - 1;
  if (path.length > MAX_PATH_LENGTH || depth > MAX_PATH_DEPTH) {
    throw new FsError('ERANGE', `${op}: Pathname too long.  Limit ${MAX_PATH_LENGTH} characters, ${MAX_PATH_DEPTH} levels.`);
  }
}

/**
 * FSDirectory.verifyMaxComponentLength for a name about to be added under its parent: at most
 * `limit` UTF-8 bytes. ENAMETOOLONG (PathComponentTooLongException) with HDFS's message.
 */
export function checkComponentLength(path: string, limit: number): void {
  const name = baseName(path);
  const length = Buffer.byteLength(name);
  if (limit > 0 && length > limit) {
    throw new FsError('ENAMETOOLONG', `The maximum path component name limit of ${name} in directory ${parentOf(path)} is exceeded: limit=${limit} length=${length}`);
  }
}

/**
 * {@link checkComponentLength} for every component of `path`, for a front end refusing a
 * create before anything exists (names already on the volume are never over the limit).
 */
export function checkComponentLengths(path: string, limit: number): void {
  let end = path.length;
  while (end > 1) {
    checkComponentLength(path.slice(0, end), limit);
    end = path.lastIndexOf('/', end - 1);
  }
}

/** FSNamesystem.startFile's block size check. ERANGE (a plain IOException) with HDFS's message. */
export function checkBlockSize(blockSize: number, min: number): void {
  if (blockSize < min) {
    throw new FsError('ERANGE', `Specified block size is less than configured minimum value (dfs.namenode.fs-limits.min-block-size): ${blockSize} < ${min}`);
  }
}
