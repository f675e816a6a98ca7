import { FsError } from 'glusterfs-core';
import { POOL_ID } from '../blocks/index.js';
import type { DatanodeAddress, FileStatus, LocatedBlock, LocatedBlocks, LocatedFileStatus, XAttr } from '../namespace/index.js';
import type { MessageInit, MessageValue } from '../ipc/index.js';
import { DatanodeInfoProto, FILE_TYPE, XATTR_NAMESPACES, XAttrProto, type HdfsFileStatusInit, type LocatedBlockInit, type LocatedBlocksProto } from './hdfs-messages.js';

/** A uint64 from the wire as a JavaScript number; EINVAL when it is not a safe integer. */
export function toNumber(v: bigint | number | undefined, what: string, fallback = 0): number {
  if (v === undefined) return fallback;
  const n = Number(v);
  if (!Number.isSafeInteger(n)) throw new FsError('EINVAL', `${what} ${v} is out of range`);
  return n;
}

/** A required string field; EINVAL naming it when the client left it out. */
export function required(v: string | undefined, what: string): string {
  if (v === undefined) throw new FsError('EINVAL', `${what} is required`);
  return v;
}

/** HdfsFileStatusProto for a status; `blocksize` and replication only for files, `locations` when located. */
export function fileStatusProto(s: FileStatus | LocatedFileStatus): HdfsFileStatusInit {
  const type = s.type === 'dir' ? FILE_TYPE.IS_DIR : s.type === 'symlink' ? FILE_TYPE.IS_SYMLINK : FILE_TYPE.IS_FILE;
  return {
    fileType: type, path: Buffer.from(s.name), length: s.length, permission: { perm: s.permission },
    owner: s.owner, group: s.group, modificationTime: s.mtime, accessTime: s.atime,
    symlink: s.symlink !== undefined ? Buffer.from(s.symlink) : undefined,
    blockReplication: s.type === 'file' ? s.replication : 0, blocksize: s.type === 'file' ? s.blockSize : 0,
    fileId: s.fileId, childrenNum: s.type === 'dir' ? s.childrenNum : 0,
    locations: 'locations' in s && s.locations ? locatedBlocksProto(s.locations) : undefined,
  };
}

/**
 * NetworkTopology.DEFAULT_RACK: HDFS without a topology script puts every datanode there, and
 * Java's getFileBlockLocations fails ("Network Location is null") on a location without one.
 */
export const DEFAULT_RACK = '/default-rack';

function datanodeInfo(d: DatanodeAddress): MessageInit<typeof DatanodeInfoProto> {
  return {
    id: { ipAddr: d.ip, hostName: d.hostName, datanodeUuid: d.uuid, xferPort: d.xferPort, infoPort: d.infoPort, ipcPort: 0 },
    location: DEFAULT_RACK,
  };
}

/** StorageTypeProto.DISK: every brick is a disk directory. */
const STORAGE_TYPE_DISK = 1;

/** A datanode's one storage, named from its uuid as HDFS names storages (`DS-<uuid>`). */
function storageId(d: DatanodeAddress): string {
  return `DS-${d.uuid}`;
}

/** LocatedBlockProto for a block, with the signed token the namespace issued for it. */
export function locatedBlockProto(b: LocatedBlock): LocatedBlockInit {
  return {
    b: { poolId: POOL_ID, blockId: b.blockId, generationStamp: b.generationStamp, numBytes: b.length },
    offset: b.offset, locs: b.locations.map(datanodeInfo), corrupt: false, blockToken: b.token,
    storageTypes: b.locations.map(() => STORAGE_TYPE_DISK), storageIDs: b.locations.map(storageId),
  };
}

/** LocatedBlocksProto for getBlockLocations. */
export function locatedBlocksProto(l: LocatedBlocks): MessageInit<typeof LocatedBlocksProto> {
  return {
    fileLength: l.fileLength, blocks: l.blocks.map(locatedBlockProto), underConstruction: l.underConstruction,
    lastBlock: l.lastBlock && locatedBlockProto(l.lastBlock), isLastBlockComplete: l.isLastBlockComplete,
  };
}

/** An XAttrProto from the wire as the namespace's XAttr. EINVAL for an unknown namespace. */
export function xattrFromProto(x: MessageValue<typeof XAttrProto> | undefined): XAttr {
  if (!x) throw new FsError('EINVAL', 'xAttr is required');
  const namespace = XATTR_NAMESPACES[x.namespace];
  if (!namespace) throw new FsError('EINVAL', `unknown xattr namespace ${x.namespace}`);
  return { namespace, name: x.name, value: x.value };
}

/** XAttrProto for the wire. */
export function xattrProto(x: XAttr): MessageInit<typeof XAttrProto> {
  return { namespace: XATTR_NAMESPACES.indexOf(x.namespace), name: x.name, value: x.value };
}
