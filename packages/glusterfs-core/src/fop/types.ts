/** A GFID: the volume-wide inode identity, as a lowercase UUID string with dashes. */
export type Gfid = string;

/** The root directory's GFID on every brick (GlusterFS uses the same value). */
export const ROOT_GFID: Gfid = '00000000-0000-0000-0000-000000000001';

/** The all-zero GFID, meaning "not known". */
export const NULL_GFID: Gfid = '00000000-0000-0000-0000-000000000000';

const GFID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** True when `s` is a GFID in its canonical spelling (safe to use as a file name). */
export function isGfid(s: string): s is Gfid {
  return GFID_RE.test(s);
}

/**
 * Where a fop acts. `path` is volume-absolute and normalized (`/`, `/a/b`; no `.`/`..`, no
 * trailing slash). On the create family (create, mkdir, symlink, link's new name) `gfid`, when
 * set, is the GFID the new entry must get, so that every brick of a volume agrees on it.
 */
export interface Loc {
  path: string;
  gfid?: Gfid;
}

/** Inode attributes, the `struct iatt` of GlusterFS. `mode` is a full `st_mode` (type bits too). */
export interface Iatt {
  gfid: Gfid;
  mode: number;
  nlink: number;
  uid: number;
  gid: number;
  size: number;
  /** 512-byte blocks allocated on the brick. */
  blocks: number;
  blksize: number;
  atimeMs: number;
  mtimeMs: number;
  ctimeMs: number;
}

/** Attributes to change with `setattr`; absent fields are left as they are. `mode` is 0o7777 bits. */
export interface SetAttr {
  mode?: number;
  uid?: number;
  gid?: number;
  atimeMs?: number;
  mtimeMs?: number;
}

/** Extended attributes: name → raw value. */
export type Xattrs = Record<string, Buffer>;

/** What `lookup` answers: the inode, plus the xattrs the caller asked for that exist. */
export interface LookupReply {
  iatt: Iatt;
  xattrs: Xattrs;
}

/** One directory entry. `off` is the cookie to pass to `readdir` to continue after this entry. */
export interface Dirent {
  name: string;
  off: number;
  iatt: Iatt;
}

/** One page of a directory listing; `eof` is true when nothing follows the last entry. */
export interface DirPage {
  entries: Dirent[];
  eof: boolean;
}

/** File-system usage, as `statvfs` reports it. */
export interface Statfs {
  bsize: number;
  frsize: number;
  blocks: number;
  bfree: number;
  bavail: number;
  files: number;
  ffree: number;
  namemax: number;
}

/** `setxattr` mode: 0 = create or replace, 1 = create only (EEXIST), 2 = replace only (ENODATA). */
export type XattrFlags = 0 | 1 | 2;

/** Atomic xattr arithmetic for `xattrop`: values are arrays of big-endian int32 added element-wise. */
export type XattropOp = 'add32' | 'add64';

/** Lock commands shared by inodelk and entrylk. `trylock` fails with EAGAIN instead of waiting. */
export type LockCmd = 'lock' | 'trylock' | 'unlock';

/** Lock type: shared (read) or exclusive (write). */
export type LockType = 'rd' | 'wr';

/** A byte range for inodelk; `len` 0 means "to the end of the file". */
export interface LockRange {
  start: number;
  len: number;
}
