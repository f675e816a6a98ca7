import { inoFromGfid, isDir, isFile, isSymlink, type Gfid, type Iatt } from '../fop/index.js';

/** File attributes as the client API returns them: the fop seam's Iatt plus Node-style helpers. */
export class Stats implements Iatt {
  readonly gfid: Gfid;
  readonly mode: number;
  readonly nlink: number;
  readonly uid: number;
  readonly gid: number;
  readonly size: number;
  readonly blocks: number;
  readonly blksize: number;
  readonly atimeMs: number;
  readonly mtimeMs: number;
  readonly ctimeMs: number;

  constructor(iatt: Iatt) {
    this.gfid = iatt.gfid;
    this.mode = iatt.mode;
    this.nlink = iatt.nlink;
    this.uid = iatt.uid;
    this.gid = iatt.gid;
    this.size = iatt.size;
    this.blocks = iatt.blocks;
    this.blksize = iatt.blksize;
    this.atimeMs = iatt.atimeMs;
    this.mtimeMs = iatt.mtimeMs;
    this.ctimeMs = iatt.ctimeMs;
  }

  /** The inode number clients show: derived from the GFID, identical on every client. */
  get ino(): bigint {
    return inoFromGfid(this.gfid);
  }

  /** Last modification time. */
  get mtime(): Date {
    return new Date(this.mtimeMs);
  }

  /** Last access time. */
  get atime(): Date {
    return new Date(this.atimeMs);
  }

  /** Last status change time. */
  get ctime(): Date {
    return new Date(this.ctimeMs);
  }

  /** True for a regular file. */
  isFile(): boolean {
    return isFile(this);
  }

  /** True for a directory. */
  isDirectory(): boolean {
    return isDir(this);
  }

  /** True for a symbolic link (only `lstat` and directory listings return those). */
  isSymbolicLink(): boolean {
    return isSymlink(this);
  }
}
