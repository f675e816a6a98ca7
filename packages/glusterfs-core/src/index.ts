// errors & the fop seam
export { ERRNO, type Errno, errnoFromNumber, isErrno, FsError, isFsError } from './errors/index.js';
export {
  type CallCtx, createCtx, type Fd, createFd, FOPS, FOP_NAMES, type FopName, type FopArgKind, type Fops,
  type Subvol, withDefaults, S_IFMT, S_IFDIR, S_IFREG, S_IFLNK, S_ISVTX, isDir, isFile, isSymlink,
  permBits, inoFromGfid, type GraphEvent, type Xlator, type XlatorDef, type XlatorInit, type Gfid,
  ROOT_GFID, NULL_GFID, type Loc, type Iatt, type SetAttr, type Xattrs, type LookupReply, type Dirent,
  type DirPage, type Statfs, type XattrFlags, type XattropOp, type LockCmd, type LockType,
  type LockRange, normalizePath, parentPath, baseName, joinPath, isWithin,
} from './fop/index.js';
export { type Logger, type LogLevel, createLogger, silentLogger } from './log/index.js';
export { XATTR, isInternalXattr, newGfid, gfidToBuffer, gfidFromBuffer, handlePath } from './format/index.js';
// volume graph
export {
  type Volfile, type VolfileNode, parseVolfile, type Graph, buildGraph, type OptionSpec, type OptionSchema,
  type OptionsOf, defineOptions, parseOptions, resolveXlator, allXlators,
} from './volume/index.js';
// task service contract
export type { TaskHandler, BrickContext } from './tasks/types.js';
// rpc (section owned by rpc/)
export type { RpcClient, RpcServer, RpcHandler, RpcCallInfo, RpcCallOptions } from './rpc/types.js';
// client api (section owned by api/)
// management (section owned by mgmt/)
