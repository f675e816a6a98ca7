import { S_IFDIR, S_IFMT, S_IFLNK, type Gfid, type Iatt } from '../../../fop/index.js';
import { DirList } from './dir-list.js';

/** One in-memory inode: a directory, a regular file or a symbolic link. */
export interface Inode {
  readonly gfid: Gfid;
  mode: number;
  uid: number;
  gid: number;
  nlink: number;
  /** File contents; only the first `size` bytes are meaningful, the rest is zeroed spare room. */
  data: Buffer;
  size: number;
  /** Symlink target, as given. */
  target: string;
  /** Entries, for directories only. */
  readonly dir: DirList | undefined;
  readonly xattrs: Map<string, Buffer>;
  atimeMs: number;
  mtimeMs: number;
  ctimeMs: number;
}

const EMPTY = Buffer.alloc(0);
/** What ext4 reports as a directory's size; callers only need it to be non-zero. */
const DIR_SIZE = 4096;

/** A fresh inode of `type` (S_IFDIR/S_IFREG/S_IFLNK) with permission bits `perm`. */
export function newInode(gfid: Gfid, type: number, perm: number, uid: number, gid: number): Inode {
  const now = Date.now();
  const isDir = type === S_IFDIR;
  return {
    gfid, mode: type | (perm & 0o7777), uid, gid, nlink: isDir ? 2 : 0,
    data: EMPTY, size: 0, target: '', dir: isDir ? new DirList() : undefined,
    xattrs: new Map(), atimeMs: now, mtimeMs: now, ctimeMs: now,
  };
}

/** The attributes of an inode, as storage reports them. */
export function toIatt(ino: Inode): Iatt {
  const size = ino.dir ? DIR_SIZE : (ino.mode & S_IFMT) === S_IFLNK ? Buffer.byteLength(ino.target) : ino.size;
  return {
    gfid: ino.gfid, mode: ino.mode, nlink: ino.nlink, uid: ino.uid, gid: ino.gid, size,
    blocks: Math.ceil(size / 512), blksize: 4096,
    atimeMs: ino.atimeMs, mtimeMs: ino.mtimeMs, ctimeMs: ino.ctimeMs,
  };
}

/** Marks a content change (mtime and ctime). */
export function touchModified(ino: Inode): void {
  const now = Date.now();
  ino.mtimeMs = now;
  ino.ctimeMs = now;
}

/**
 * Sets a file's size in place. Growing keeps zeros after the old end (the spare room is always
 * zeroed), and the buffer doubles so appends stay linear.
 */
export function resizeData(ino: Inode, size: number): void {
  if (size > ino.data.length) {
    const grown = Buffer.alloc(Math.max(size, ino.data.length * 2, 4096));
    ino.data.copy(grown, 0, 0, ino.size);
    ino.data = grown;
  } else if (size < ino.size) {
    ino.data.fill(0, size, ino.size);
  }
  ino.size = size;
}
