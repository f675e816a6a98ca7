// hcfs-shim: HDFS endpoints over a volume — namenode RPC (Hadoop IPC), datanode
// (DataTransferProtocol) and WebHDFS, mapping Hadoop semantics onto the client API.
export * from './ipc/index.js';
export { startShim, DEFAULT_PORTS, type Shim, type ShimOptions } from './shim.js';
export { SHIM_BIN } from './bin-path.js';
export { HADOOP_EXCEPTION, hadoopExceptionOf, hadoopMessageOf, type HadoopException } from './errors.js';
export { brickRootsOf, redactorFor, type Redact } from './redact.js';
export * from './blocks/index.js';
export {
  createNamespace, HdfsNamespace, normalizePath, DEFAULT_BLOCK_SIZE, DEFAULT_LEASE_LIMITS, LEASE_XATTR, BLOCK_SIZE_XATTR,
  DEFAULT_FS_LIMITS, PERMISSION_MASK, UNREADABLE_BY_SUPERUSER, type FsLimits, type NamespaceOptions, type LeaseLimits,
  type Namespace, type FileStatus, type HdfsUser, type LocatedBlocks,
} from './namespace/index.js';
export { namenodeHandler, CLIENT_PROTOCOL, METHODS, type MethodName } from './namenode/index.js';
export {
  createDatanodeServer, DEFAULT_DATANODE_LIMITS, BLOCK_CHECKSUM_TYPE, BLOCK_STAGE, CHECKSUM_TYPE, DATA_TRANSFER_VERSION, DT_OP, DT_STATUS, BlockOpResponseProto,
  OpBlockChecksumProto, OpReadBlockProto, OpWriteBlockProto, PacketHeaderProto, PipelineAckProto,
  type DatanodeLimits, type DatanodeServer, type DatanodeServerOptions,
} from './datanode/index.js';
export {
  createWebHdfsServer, DEFAULT_HTTP_LIMITS, WEBHDFS_USER_PATTERN, type HttpLimits, type HttpsIdentity, type WebHdfsServer,
  type WebHdfsServerOptions,
} from './webhdfs/index.js';
