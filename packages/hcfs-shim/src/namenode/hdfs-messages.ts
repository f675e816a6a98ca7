import { defineMessage, type MessageInit } from '../ipc/index.js';
import { ExtendedBlockProto, TokenProto } from '../datanode/block-messages.js';

// hadoop.hdfs messages (hdfs.proto, xattr.proto) that namenode answers carry. Field numbers are
// Hadoop's; `required` marks what proto2 clients insist on (brief §2.5: written even when 0).

/** FsPermissionProto: the low 12 mode bits (clients may set Go's directory bit 31 on requests). */
export const FsPermissionProto = defineMessage({
  perm: { no: 1, type: 'uint32', required: true },
}, 'FsPermissionProto');

/** DatanodeIDProto: the client dials ipAddr:xferPort. */
export const DatanodeIDProto = defineMessage({
  ipAddr: { no: 1, type: 'string', required: true },
  hostName: { no: 2, type: 'string', required: true },
  datanodeUuid: { no: 3, type: 'string', required: true },
  xferPort: { no: 4, type: 'uint32', required: true },
  infoPort: { no: 5, type: 'uint32', required: true },
  ipcPort: { no: 6, type: 'uint32', required: true },
}, 'DatanodeIDProto');

/** DatanodeInfoProto: only the id matters to clients; the rest is optional and left out. */
export const DatanodeInfoProto = defineMessage({
  id: { no: 1, type: 'message', message: DatanodeIDProto, required: true },
  capacity: { no: 2, type: 'uint64' },
  dfsUsed: { no: 3, type: 'uint64' },
  remaining: { no: 4, type: 'uint64' },
  location: { no: 8, type: 'string' },
  adminState: { no: 10, type: 'enum' },
}, 'DatanodeInfoProto');

/** LocatedBlockProto: a block, its file offset and where to read it. */
export const LocatedBlockProto = defineMessage({
  b: { no: 1, type: 'message', message: ExtendedBlockProto, required: true },
  offset: { no: 2, type: 'uint64', required: true },
  locs: { no: 3, type: 'message', message: DatanodeInfoProto, repeated: true },
  corrupt: { no: 4, type: 'bool', required: true },
  blockToken: { no: 5, type: 'message', message: TokenProto, required: true },
  /** One per location (StorageTypeProto; 1 = DISK). Hadoop's Java writer needs them. */
  storageTypes: { no: 7, type: 'enum', repeated: true },
  /** One per location: the storage's id on that datanode. Hadoop's Java writer fails without them. */
  storageIDs: { no: 8, type: 'string', repeated: true },
}, 'LocatedBlockProto');

/** What {@link LocatedBlockProto} accepts. */
export type LocatedBlockInit = MessageInit<typeof LocatedBlockProto>;

/** LocatedBlocksProto: every block of the requested range. */
export const LocatedBlocksProto = defineMessage({
  fileLength: { no: 1, type: 'uint64', required: true },
  blocks: { no: 2, type: 'message', message: LocatedBlockProto, repeated: true },
  underConstruction: { no: 3, type: 'bool', required: true },
  lastBlock: { no: 4, type: 'message', message: LocatedBlockProto },
  isLastBlockComplete: { no: 5, type: 'bool', required: true },
}, 'LocatedBlocksProto');

/** HdfsFileStatusProto.FileType. */
export const FILE_TYPE = { IS_DIR: 1, IS_FILE: 2, IS_SYMLINK: 3 } as const;

/** HdfsFileStatusProto: `path` is the entry's own name in listings, empty from getFileInfo. */
export const HdfsFileStatusProto = defineMessage({
  fileType: { no: 1, type: 'enum', required: true },
  path: { no: 2, type: 'bytes', required: true },
  length: { no: 3, type: 'uint64', required: true },
  permission: { no: 4, type: 'message', message: FsPermissionProto, required: true },
  owner: { no: 5, type: 'string', required: true },
  group: { no: 6, type: 'string', required: true },
  modificationTime: { no: 7, type: 'uint64', required: true },
  accessTime: { no: 8, type: 'uint64', required: true },
  symlink: { no: 9, type: 'bytes' },
  blockReplication: { no: 10, type: 'uint32' },
  blocksize: { no: 11, type: 'uint64' },
  /** A file's blocks, in getListing answers to needLocation (listLocatedStatus). */
  locations: { no: 12, type: 'message', message: LocatedBlocksProto },
  fileId: { no: 13, type: 'uint64' },
  childrenNum: { no: 14, type: 'int32' },
}, 'HdfsFileStatusProto');

/** What {@link HdfsFileStatusProto} accepts. */
export type HdfsFileStatusInit = MessageInit<typeof HdfsFileStatusProto>;

/** DirectoryListingProto: a page and how many entries follow it. */
export const DirectoryListingProto = defineMessage({
  partialListing: { no: 1, type: 'message', message: HdfsFileStatusProto, repeated: true },
  remainingEntries: { no: 2, type: 'uint32', required: true },
}, 'DirectoryListingProto');

/** FsServerDefaultsProto; checksumType 2 = CRC32C. */
export const FsServerDefaultsProto = defineMessage({
  blockSize: { no: 1, type: 'uint64', required: true },
  bytesPerChecksum: { no: 2, type: 'uint32', required: true },
  writePacketSize: { no: 3, type: 'uint32', required: true },
  replication: { no: 4, type: 'uint32', required: true },
  fileBufferSize: { no: 5, type: 'uint32', required: true },
  encryptDataTransfer: { no: 6, type: 'bool' },
  trashInterval: { no: 7, type: 'uint64' },
  checksumType: { no: 8, type: 'enum' },
}, 'FsServerDefaultsProto');

/** ContentSummaryProto; quotas of 2^64−1 mean "none". */
export const ContentSummaryProto = defineMessage({
  length: { no: 1, type: 'uint64', required: true },
  fileCount: { no: 2, type: 'uint64', required: true },
  directoryCount: { no: 3, type: 'uint64', required: true },
  quota: { no: 4, type: 'uint64', required: true },
  spaceConsumed: { no: 5, type: 'uint64', required: true },
  spaceQuota: { no: 6, type: 'uint64', required: true },
}, 'ContentSummaryProto');

/** XAttrProto.XAttrNamespaceProto, in wire order. */
export const XATTR_NAMESPACES = ['user', 'trusted', 'security', 'system', 'raw'] as const;

/** XAttrProto (xattr.proto). */
export const XAttrProto = defineMessage({
  namespace: { no: 1, type: 'enum', required: true },
  name: { no: 2, type: 'string', required: true },
  value: { no: 3, type: 'bytes' },
}, 'XAttrProto');
