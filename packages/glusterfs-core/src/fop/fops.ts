import type { CallCtx } from './ctx.js';
import type { Fd } from './fd.js';
import type {
  DirPage, Iatt, LockCmd, LockRange, LockType, Loc, LookupReply, SetAttr, Statfs, Xattrs,
  XattrFlags, XattropOp,
} from './types.js';

/**
 * How each argument after `ctx` travels: `loc` a {@link Loc}; `fd` an fd opened earlier on the same
 * connection; `newfd` an fd the call opens (open, create, opendir); `value` any wire-encodable
 * value. This table is the single declaration of the fop list: the wire codec, the pass-through
 * defaults and the catalogue test are derived from it. Order is the wire numbering.
 */
export const FOPS = {
  lookup: ['loc', 'value'],
  stat: ['loc'],
  fstat: ['fd'],
  setattr: ['loc', 'value'],
  truncate: ['loc', 'value'],
  ftruncate: ['fd', 'value'],
  open: ['loc', 'value', 'newfd'],
  create: ['loc', 'value', 'value', 'newfd'],
  read: ['fd', 'value', 'value'],
  write: ['fd', 'value', 'value'],
  fsync: ['fd', 'value'],
  flush: ['fd'],
  release: ['fd'],
  opendir: ['loc', 'newfd'],
  readdir: ['fd', 'value', 'value'],
  releasedir: ['fd'],
  mkdir: ['loc', 'value'],
  rmdir: ['loc'],
  unlink: ['loc'],
  rename: ['loc', 'loc'],
  link: ['loc', 'loc'],
  symlink: ['value', 'loc'],
  readlink: ['loc'],
  getxattr: ['loc', 'value'],
  setxattr: ['loc', 'value', 'value'],
  removexattr: ['loc', 'value'],
  xattrop: ['loc', 'value', 'value'],
  inodelk: ['value', 'loc', 'value', 'value', 'value'],
  entrylk: ['value', 'loc', 'value', 'value', 'value'],
  statfs: ['loc'],
  rchecksum: ['fd', 'value', 'value', 'value'],
} as const;

/** A fop name. */
export type FopName = keyof typeof FOPS;

/** How one fop argument travels; see {@link FOPS}. */
export type FopArgKind = (typeof FOPS)[FopName][number];

/** Every fop name, in wire order. */
export const FOP_NAMES = Object.keys(FOPS) as FopName[];

/**
 * The one seam: every translator implements (a part of) this interface and talks only to its
 * children through it. Results are plain data; failures throw {@link FsError} with a POSIX name.
 * `ENOENT` from `lookup` is a normal outcome. Any fop may raise `ENOTCONN` (a brick is down),
 * `ETIMEDOUT` (no answer in time) or `EIO`.
 */
export interface Fops {
  /** Resolves `loc`; also returns those of `xattrNames` that exist. ENOENT, ENOTDIR. */
  lookup(ctx: CallCtx, loc: Loc, xattrNames: string[]): Promise<LookupReply>;
  /** Attributes without following a final symlink. ENOENT. */
  stat(ctx: CallCtx, loc: Loc): Promise<Iatt>;
  /** Attributes of an open fd. EBADF. */
  fstat(ctx: CallCtx, fd: Fd): Promise<Iatt>;
  /** Changes mode/owner/times; returns the new attributes. ENOENT, EPERM. */
  setattr(ctx: CallCtx, loc: Loc, attrs: SetAttr): Promise<Iatt>;
  /** Sets a file's size. ENOENT, EISDIR. */
  truncate(ctx: CallCtx, loc: Loc, size: number): Promise<Iatt>;
  /** Sets an open file's size. EBADF. */
  ftruncate(ctx: CallCtx, fd: Fd, size: number): Promise<Iatt>;
  /** Opens an existing file with POSIX `flags` (O_CREAT is ignored: use create). ENOENT, EISDIR. */
  open(ctx: CallCtx, loc: Loc, flags: number, fd: Fd): Promise<void>;
  /** Creates and opens a file (`loc.gfid` is the GFID to give it). With O_EXCL: EEXIST. */
  create(ctx: CallCtx, loc: Loc, flags: number, mode: number, fd: Fd): Promise<Iatt>;
  /** Reads up to `size` bytes at `offset`; a short (or empty) result means end of file. */
  read(ctx: CallCtx, fd: Fd, size: number, offset: number): Promise<Buffer>;
  /** Writes all of `data` at `offset`; returns the attributes after the write. ENOSPC, EBADF. */
  write(ctx: CallCtx, fd: Fd, data: Buffer, offset: number): Promise<Iatt>;
  /** Flushes data (and metadata unless `datasync`) to stable storage. */
  fsync(ctx: CallCtx, fd: Fd, datasync: boolean): Promise<void>;
  /** Called on each close of a file descriptor by the application. */
  flush(ctx: CallCtx, fd: Fd): Promise<void>;
  /** Last close: frees the fd everywhere below. Never fails visibly. */
  release(ctx: CallCtx, fd: Fd): Promise<void>;
  /** Opens a directory for readdir. ENOENT, ENOTDIR. */
  opendir(ctx: CallCtx, loc: Loc, fd: Fd): Promise<void>;
  /** Up to `count` entries (with attributes, without `.` and `..`) after cookie `offset` (0 = start). */
  readdir(ctx: CallCtx, fd: Fd, offset: number, count: number): Promise<DirPage>;
  /** Frees a directory fd. */
  releasedir(ctx: CallCtx, fd: Fd): Promise<void>;
  /** Creates a directory (`loc.gfid` is its GFID). EEXIST, ENOENT (parent). */
  mkdir(ctx: CallCtx, loc: Loc, mode: number): Promise<Iatt>;
  /** Removes an empty directory. ENOTEMPTY, ENOENT, ENOTDIR. */
  rmdir(ctx: CallCtx, loc: Loc): Promise<void>;
  /** Removes a non-directory name. ENOENT, EISDIR. */
  unlink(ctx: CallCtx, loc: Loc): Promise<void>;
  /** Renames atomically, replacing a target of the same kind. ENOENT, ENOTEMPTY, EISDIR, EINVAL. */
  rename(ctx: CallCtx, from: Loc, to: Loc): Promise<Iatt>;
  /** Adds a hard link `to` for the file at `from`. EEXIST. */
  link(ctx: CallCtx, from: Loc, to: Loc): Promise<Iatt>;
  /** Creates a symbolic link at `loc` pointing to `target` (stored as given). EEXIST. */
  symlink(ctx: CallCtx, target: string, loc: Loc): Promise<Iatt>;
  /** The target of a symbolic link. EINVAL if not a symlink. */
  readlink(ctx: CallCtx, loc: Loc): Promise<string>;
  /** One xattr (`name`) or all of them (`name` null). ENODATA when the named one is absent. */
  getxattr(ctx: CallCtx, loc: Loc, name: string | null): Promise<Xattrs>;
  /** Sets xattrs; `flags` 1 = create only (EEXIST), 2 = replace only (ENODATA). */
  setxattr(ctx: CallCtx, loc: Loc, xattrs: Xattrs, flags: XattrFlags): Promise<void>;
  /** Removes one xattr. ENODATA. */
  removexattr(ctx: CallCtx, loc: Loc, name: string): Promise<void>;
  /** Atomically adds the given counters to the xattrs (absent = zeros); returns the new values. */
  xattrop(ctx: CallCtx, loc: Loc, op: XattropOp, xattrs: Xattrs): Promise<Xattrs>;
  /** Byte-range lock on an inode within lock `domain`, owned by (connection, ctx.lkOwner). EAGAIN. */
  inodelk(ctx: CallCtx, domain: string, loc: Loc, cmd: LockCmd, type: LockType, range: LockRange): Promise<void>;
  /** Lock on a name (`basename`, or the whole directory when null) in directory `loc`. EAGAIN. */
  entrylk(ctx: CallCtx, domain: string, loc: Loc, basename: string | null, cmd: LockCmd, type: LockType): Promise<void>;
  /** Usage of the file system holding `loc`. */
  statfs(ctx: CallCtx, loc: Loc): Promise<Statfs>;
  /**
   * Checksums of the file range [`offset`, `offset + length`) of an open file, for replicate's
   * data heal: the concatenation of one 16-byte digest (SHA-1 truncated to 16 bytes) per block,
   * block i covering [offset + i·blockSize, min(offset + (i+1)·blockSize, offset + length)),
   * clipped at end of file; blocks starting at or past end of file are omitted, so a shorter file
   * yields fewer digests. See `blockDigests` for the reference computation. EBADF (not open
   * here, or write-only), EISDIR, EINVAL (`length` over 64 MiB, more than 65536 blocks, or a bad
   * number), ENOTSUP (an arbiter brick, which holds no data).
   */
  rchecksum(ctx: CallCtx, fd: Fd, offset: number, length: number, blockSize: number): Promise<Buffer>;
}

/** A child as a translator sees it: every fop present (defaults filled in), plus its name. */
export type Subvol = Fops & { readonly name: string };
