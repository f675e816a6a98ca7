// errors & the fop seam
export { ERRNO, type Errno, errnoFromNumber, isErrno, FsError, isFsError, redactGfids, hostPathRedactor } from './errors/index.js';
export {
  type CallCtx, createCtx, type Fd, createFd, FOPS, FOP_NAMES, type FopName, type FopArgKind, type Fops,
  type Subvol, withDefaults, S_IFMT, S_IFDIR, S_IFREG, S_IFLNK, S_ISVTX, isDir, isFile, isSymlink,
  permBits, inoFromGfid, type GraphEvent, type Xlator, type XlatorDef, type XlatorInit, type Gfid,
  ROOT_GFID, NULL_GFID, type Loc, type Iatt, type SetAttr, type Xattrs, type LookupReply, type Dirent,
  type DirPage, type Statfs, type XattrFlags, type XattropOp, type LockCmd, type LockType,
  type LockRange, normalizePath, parentPath, baseName, joinPath, isWithin,
} from './fop/index.js';
export { type Logger, type LogLevel, createLogger, silentLogger } from './log/index.js';
export { seededRandom } from './random/index.js';
export {
  XATTR, isInternalXattr, PRIMARY_BRICK_XDATA, SELF_HEAL_PID, newGfid, gfidToBuffer, gfidFromBuffer, handlePath, PATHINFO_XATTR,
} from './format/index.js';
// volume graph
export {
  type Volfile, type VolfileNode, parseVolfile, type Graph, buildGraph, type OptionSpec, type OptionSchema,
  type OptionsOf, defineOptions, parseOptions, resolveXlator, allXlators, renderXlatorDocs, renderFopDocs, withNodeOption,
} from './volume/index.js';
// task service contract
export type { TaskHandler, BrickContext } from './tasks/types.js';
// the change journal, for consumers next to a brick (section owned by changelog/)
export {
  type JournalCursor, type JournalEntryName, type JournalKind, type JournalOp, type JournalRecord, journalDir,
  journalFiles, readJournal, journalHead, cursorAt, compareCursors, type JournalBatch, type ReadJournalOptions,
  loadCheckpoint, saveCheckpoint, removeCheckpoint, listCheckpoints, type JournalCheckpoint, gfidPath,
} from './changelog/index.js';
// rpc (section owned by rpc/)
export {
  type RpcClient, type RpcServer, type RpcHandler, type RpcCallInfo, type RpcCallOptions, type RpcServerOptions,
  type RpcClientOptions, createRpcServer, connectRpc, encodeToBuffer, decodeFromBuffer, PROTOCOL_VERSION,
  type Credentials, type ConnAuth, loadTlsDir, certNameAllowed, TLS_FILES, type TlsMaterial, AddressFilter,
} from './rpc/index.js';
export {
  startBrick, serveGraph, type Brick, type BrickOptions, type BrickServer, type ServeOptions, brickAccessOf, BRICK_USERS,
  OPEN_ACCESS, type BrickAccess,
} from './brick/index.js';
// client api (section owned by api/)
export {
  mountVolume, mountVolfile, fetchVolfile, type MountOptions, Volume, type VolumeSpec, GLUSTERD_PORT,
  parseVolumeSpec, formatVolumeSpec, defaultVolumeSpec, type Identity, Stats, type DirEntry, type FileHandle,
  type OpenFlags, type ReadStreamOptions, type WriteStreamOptions, type WriteFileOptions, type RmOptions,
  type SetXattrMode, type RunTaskOptions, replicaSets, type DuSummary, type BrickLocation,
} from './api/index.js';
export { createTaskService, type TaskService } from './tasks/index.js';
// management (section owned by mgmt/)
export {
  Glusterd, type GlusterdOptions, MgmtClient, type MgmtConnectOptions, MGMT_PROGRAM, PMAP_PROGRAM, GETSPEC_PROGRAM,
  DEFAULT_MGMT_PORT, DEFAULT_BRICK_PORT_BASE, type ProbeOutcome, type BrickRef, type BrickStatus, type ClusterState,
  type CreateVolumeRequest, type PeerRecord, type PeerState, type VolumeRecord, type VolumeStatus,
  type VolumeStatusReport, type VolumeType, clientVolfile, brickVolfile, validateCreate, checkVolumeName,
  type CreatePlan, type CreateContext, parseBrickSpec, formatBrick, brickFileId, clientSubvolName, Store, CORE_BINS,
  isOurProcess, readPidFile, stopForeignProcess, VOLUME_OPTIONS, type VolumeOption, type OptionGraph,
  type OptionValue, PoolSecrets, POOL_USER, SHD_USER, type BrickUser, connectGlusterd, defaultSslDir,
  type ConnectGlusterdOptions, type GlusterdConnection, type GlusterdHello, sslDirOf, secureAccessOn,
  type TriggerRecord, brickTriggersPath, type BrickTriggersFile,
} from './mgmt/index.js';
// heal tooling and the self-heal daemon (sections owned by heal/ and shd/)
export {
  replicaSetVolfiles, type ReplicaSetSpec, type ReplicaChild, openReplicaSets, type ReplicaSetHandle,
  type OpenSetsOptions, healInfo, type BrickHealInfo, type HealInfoOptions, formatHealInfo, type HealInfoMode,
  resolveSplitBrain, formatSplitBrainOutcome, type SplitBrainTarget, type SplitBrainOutcome, type SplitBrainFailure,
} from './heal/index.js';
export {
  SelfHealDaemon, type SelfHealDaemonOptions, type VolumeSource, type ShdVolumeInfo, shdTrigger, shdStatistics,
  type ShdCallOptions, SHD_PROGRAM, DEFAULT_HEAL_TIMEOUT_SEC, type CrawlStats, type CrawlKind, type ShdStatistics,
} from './shd/index.js';
export { guardProcess, logSink, stopOnSignals } from './cli/daemon-process.js';
export { parseLogLevel, parsePort } from './cli/option-parsers.js';
