import { isFsError, type Stats, type Volume } from 'glusterfs-core';
import type { IdMap } from './id-map.js';
import type { ListingCache } from './listing-cache.js';
import { parentOf } from './paths.js';
import type { Owned } from './permissions.js';
import type { FileStatus } from './types.js';

/** xattr holding a file's HDFS block size when it differs from the shim's default. */
export const BLOCK_SIZE_XATTR = 'trusted.hcfs.blocksize';

/**
 * xattr holding a file's HDFS replication when it is below the volume's replica count (set by
 * setReplication or create): the copies HDFS would keep. The volume still keeps all of its own.
 */
export const REPLICATION_XATTR = 'trusted.hcfs.replication';

const S_IFMT = 0o170000, S_IFDIR = 0o040000, S_IFLNK = 0o120000;

/** Ancestors stay cached this long for permission checks (several calls per CLI command hit them). */
const DIR_CACHE_MS = 1000;
const BLOCK_SIZE_CACHE_MAX = 100_000;
/** A file's replication read from the volume is trusted this long (another shim may change it). */
const REPLICATION_CACHE_MS = 1000;

/** An inode as the namespace layer works with it: attributes plus owner and group names. */
export interface Inode extends Owned {
  path: string;
  stats: Stats;
  isDir: boolean;
}

/**
 * Reads inodes through the volume and turns them into HDFS statuses. Directories are cached
 * for a second (permission checks walk every ancestor on every call), and invalidated by this
 * shim's own changes; block sizes never change after create, so they are cached by GFID.
 */
export class Inodes {
  readonly #vol: Volume;
  readonly #ids: IdMap;
  readonly #defaultBlockSize: number;
  readonly #dirs = new Map<string, { inode: Inode; at: number }>();
  readonly #blockSizes = new Map<string, number>();
  readonly #replications = new Map<string, { n: number; at: number }>();
  readonly #listings: ListingCache;
  readonly #volumeReplication: number;

  constructor(vol: Volume, ids: IdMap, defaultBlockSize: number, listings: ListingCache, volumeReplication = vol.replicaCount) {
    this.#vol = vol;
    this.#listings = listings;
    this.#ids = ids;
    this.#defaultBlockSize = defaultBlockSize;
    this.#volumeReplication = volumeReplication;
  }

  /**
   * The inode at `path` (a final symlink is not followed), or undefined when absent. `fresh`
   * skips the directory cache (a listing checks its page cache against current times).
   */
  async get(path: string, fresh = false): Promise<Inode | undefined> {
    const hit = fresh ? undefined : this.#dirs.get(path);
    if (hit && Date.now() - hit.at < DIR_CACHE_MS) return hit.inode;
    let stats: Stats;
    try {
      stats = await this.#vol.lstat(path);
    } catch (e) {
      // A name longer than the bricks allow cannot exist: HDFS finds nothing there either.
      if (isFsError(e, 'ENOENT', 'ENOTDIR', 'ENAMETOOLONG')) return undefined;
      throw e;
    }
    const inode = await this.fromStats(path, stats);
    if (inode.isDir) this.#dirs.set(path, { inode, at: Date.now() });
    return inode;
  }

  /** Builds an inode from attributes already in hand (listings). */
  async fromStats(path: string, stats: Stats): Promise<Inode> {
    const [owner, group] = await Promise.all([this.#ids.userOf(stats.uid), this.#ids.groupOf(stats.gid)]);
    return { path, stats, owner, group, permission: stats.mode & 0o7777, isDir: (stats.mode & S_IFMT) === S_IFDIR };
  }

  /** Forgets cached directories (and their sorted listings) at or under `path`, after a change this shim made. */
  invalidate(path: string): void {
    // The parent's listing holds this entry's status too.
    this.#listings.forget(parentOf(path));
    for (const k of this.#dirs.keys()) {
      if (k === path || k.startsWith(path === '/' ? '/' : path + '/')) this.#dirs.delete(k);
    }
  }

  /**
   * A file's block size: its xattr when set, else the default. Remembered by GFID, so files this
   * shim created, or listed before, cost no volume call.
   */
  async blockSizeOf(inode: Inode): Promise<number> {
    const gfid = inode.stats.gfid;
    const cached = this.#blockSizes.get(gfid);
    if (cached !== undefined) return cached;
    const v = await this.#numberXattr(inode.path, BLOCK_SIZE_XATTR);
    const size = v !== undefined && v > 0 ? v : this.#defaultBlockSize;
    this.rememberBlockSize(gfid, size);
    return size;
  }

  /** Records a file's block size (at create, so its first addBlock needs no lookup). */
  rememberBlockSize(gfid: string, size: number): void {
    if (this.#blockSizes.size >= BLOCK_SIZE_CACHE_MAX) this.#blockSizes.clear();
    this.#blockSizes.set(gfid, size);
  }

  /**
   * A file's HDFS replication: its xattr when set (always below the volume's replica count),
   * else the volume's count. Re-read from the volume once the cached value is a second old.
   */
  async replicationOf(inode: Inode): Promise<number> {
    const gfid = inode.stats.gfid;
    const cached = this.#replications.get(gfid);
    if (cached && Date.now() - cached.at < REPLICATION_CACHE_MS) return cached.n;
    const v = await this.#numberXattr(inode.path, REPLICATION_XATTR);
    const n = v !== undefined && v >= 1 && v < this.#volumeReplication ? v : this.#volumeReplication;
    this.rememberReplication(gfid, n);
    return n;
  }

  /** Records a file's replication (after setReplication or create here). */
  rememberReplication(gfid: string, n: number): void {
    if (this.#replications.size >= BLOCK_SIZE_CACHE_MAX) this.#replications.clear();
    this.#replications.set(gfid, { n, at: Date.now() });
  }

  /** A whole number kept in an xattr of the shim's; undefined when unset or not a number. */
  async #numberXattr(path: string, name: string): Promise<number | undefined> {
    try {
      const v = Number((await this.#vol.getxattr(path, name)).toString());
      return Number.isSafeInteger(v) ? v : undefined;
    } catch (e) {
      if (isFsError(e, 'ENODATA', 'ENOTSUP')) return undefined;
      throw e;
    }
  }

  /** The default block size (of files without the xattr). */
  get defaultBlockSize(): number {
    return this.#defaultBlockSize;
  }

  /**
   * The HDFS status of an inode; `blockSize` from {@link blockSizeOf} and `replication` from
   * {@link replicationOf}, or for listings (which skip per-file replication lookups) what this
   * shim last learnt of the file, else the volume's count.
   */
  async status(inode: Inode, name: string, blockSize?: number, replication?: number): Promise<FileStatus> {
    const mode = inode.stats.mode & S_IFMT;
    const type = mode === S_IFDIR ? 'dir' : mode === S_IFLNK ? 'symlink' : 'file';
    const isFile = type === 'file';
    // Rounded, not floored: a time set in ms is stored through seconds as a double (utimes),
    // so 1796322885.612 s comes back as …611.99998 ms, and a setTimes must read back as sent.
    return {
      type, name, length: isFile ? inode.stats.size : 0, permission: inode.permission,
      owner: inode.owner, group: inode.group, mtime: Math.round(inode.stats.mtimeMs), atime: Math.round(inode.stats.atimeMs),
      blockSize: isFile ? blockSize ?? this.#blockSizes.get(inode.stats.gfid) ?? this.#defaultBlockSize : 0,
      // Hadoop's inode ids are Java longs: keep the GFID-derived number in 63 bits.
      replication: isFile ? replication ?? this.#replications.get(inode.stats.gfid)?.n ?? this.#volumeReplication : 0, fileId: inode.stats.ino & 0x7fffffffffffffffn, childrenNum: 0,
      symlink: type === 'symlink' ? await this.#vol.readlink(inode.path) : undefined,
    };
  }
}
