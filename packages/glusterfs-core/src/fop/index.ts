export type { CallCtx } from './ctx.js';
export { createCtx } from './ctx.js';
export { type Fd, createFd } from './fd.js';
export { FOPS, FOP_NAMES, type FopName, type FopArgKind, type Fops, type Subvol } from './fops.js';
export { withDefaults } from './defaults.js';
export {
  RCHECKSUM_ALGORITHM, RCHECKSUM_DIGEST_BYTES, RCHECKSUM_MAX_LENGTH, RCHECKSUM_MAX_BLOCKS, rchecksumArgsProblem,
  BlockHasher, blockDigests,
} from './checksum.js';
export { S_IFMT, S_IFDIR, S_IFREG, S_IFLNK, S_ISVTX, isDir, isFile, isSymlink, permBits, inoFromGfid } from './iatt.js';
export type { GraphEvent, Xlator, XlatorDef, XlatorInit } from './xlator.js';
export {
  type Gfid, ROOT_GFID, NULL_GFID, isGfid, type Loc, type Iatt, type SetAttr, type Xattrs, type LookupReply,
  type Dirent, type DirPage, type Statfs, type XattrFlags, type XattropOp, type LockCmd, type LockType,
  type LockRange,
} from './types.js';
export { normalizePath, parentPath, baseName, joinPath, isWithin } from './path.js';
