import { defineMessage } from '../ipc/index.js';
import { ExtendedBlockProto } from '../datanode/block-messages.js';
import {
  ContentSummaryProto, DirectoryListingProto, FsPermissionProto, FsServerDefaultsProto, HdfsFileStatusProto,
  LocatedBlockProto, LocatedBlocksProto, XAttrProto,
} from './hdfs-messages.js';

// Request and response messages of ClientNamenodeProtocol.proto that this namenode serves.
// Request fields are declared optional so a client that leaves one out gets a clear Hadoop
// error from the handler rather than a dropped connection; responses mark what is required.

const empty = (name: string) => defineMessage({}, name);
const src = { no: 1, type: 'string' } as const;
const clientName2 = { no: 2, type: 'string' } as const;
const result = defineMessage({ result: { no: 1, type: 'bool', required: true } }, 'BoolResultProto');

/** Request and response schema of each served method. */
export const METHODS = {
  getFileInfo: {
    request: defineMessage({ src }, 'GetFileInfoRequestProto'),
    response: defineMessage({ fs: { no: 1, type: 'message', message: HdfsFileStatusProto } }, 'GetFileInfoResponseProto'),
  },
  getListing: {
    request: defineMessage({ src, startAfter: { no: 2, type: 'bytes' }, needLocation: { no: 3, type: 'bool' } }, 'GetListingRequestProto'),
    response: defineMessage({ dirList: { no: 1, type: 'message', message: DirectoryListingProto } }, 'GetListingResponseProto'),
  },
  mkdirs: {
    request: defineMessage({ src, masked: { no: 2, type: 'message', message: FsPermissionProto }, createParent: { no: 3, type: 'bool' } }, 'MkdirsRequestProto'),
    response: result,
  },
  create: {
    request: defineMessage({
      src, masked: { no: 2, type: 'message', message: FsPermissionProto }, clientName: { no: 3, type: 'string' },
      createFlag: { no: 4, type: 'uint32' }, createParent: { no: 5, type: 'bool' }, replication: { no: 6, type: 'uint32' },
      blockSize: { no: 7, type: 'uint64' },
    }, 'CreateRequestProto'),
    response: defineMessage({ fs: { no: 1, type: 'message', message: HdfsFileStatusProto } }, 'CreateResponseProto'),
  },
  append: {
    request: defineMessage({ src, clientName: clientName2, flag: { no: 3, type: 'uint32' } }, 'AppendRequestProto'),
    response: defineMessage({
      block: { no: 1, type: 'message', message: LocatedBlockProto }, stat: { no: 2, type: 'message', message: HdfsFileStatusProto },
    }, 'AppendResponseProto'),
  },
  addBlock: {
    request: defineMessage({ src, clientName: clientName2, previous: { no: 3, type: 'message', message: ExtendedBlockProto } }, 'AddBlockRequestProto'),
    response: defineMessage({ block: { no: 1, type: 'message', message: LocatedBlockProto, required: true } }, 'AddBlockResponseProto'),
  },
  updateBlockForPipeline: {
    request: defineMessage({ block: { no: 1, type: 'message', message: ExtendedBlockProto }, clientName: clientName2 }, 'UpdateBlockForPipelineRequestProto'),
    response: defineMessage({ block: { no: 1, type: 'message', message: LocatedBlockProto, required: true } }, 'UpdateBlockForPipelineResponseProto'),
  },
  complete: {
    request: defineMessage({ src, clientName: clientName2, last: { no: 3, type: 'message', message: ExtendedBlockProto } }, 'CompleteRequestProto'),
    response: result,
  },
  abandonBlock: {
    request: defineMessage({ b: { no: 1, type: 'message', message: ExtendedBlockProto }, src: { no: 2, type: 'string' }, holder: { no: 3, type: 'string' } }, 'AbandonBlockRequestProto'),
    response: empty('AbandonBlockResponseProto'),
  },
  getBlockLocations: {
    request: defineMessage({ src, offset: { no: 2, type: 'uint64' }, length: { no: 3, type: 'uint64' } }, 'GetBlockLocationsRequestProto'),
    response: defineMessage({ locations: { no: 1, type: 'message', message: LocatedBlocksProto } }, 'GetBlockLocationsResponseProto'),
  },
  delete: {
    request: defineMessage({ src, recursive: { no: 2, type: 'bool' } }, 'DeleteRequestProto'),
    response: result,
  },
  rename: {
    request: defineMessage({ src, dst: { no: 2, type: 'string' } }, 'RenameRequestProto'),
    response: result,
  },
  rename2: {
    request: defineMessage({ src, dst: { no: 2, type: 'string' }, overwriteDest: { no: 3, type: 'bool' } }, 'Rename2RequestProto'),
    response: empty('Rename2ResponseProto'),
  },
  setPermission: {
    request: defineMessage({ src, permission: { no: 2, type: 'message', message: FsPermissionProto } }, 'SetPermissionRequestProto'),
    response: empty('SetPermissionResponseProto'),
  },
  setReplication: {
    request: defineMessage({ src, replication: { no: 2, type: 'uint32' } }, 'SetReplicationRequestProto'),
    response: result,
  },
  setOwner: {
    request: defineMessage({ src, username: { no: 2, type: 'string' }, groupname: { no: 3, type: 'string' } }, 'SetOwnerRequestProto'),
    response: empty('SetOwnerResponseProto'),
  },
  setTimes: {
    request: defineMessage({ src, mtime: { no: 2, type: 'uint64' }, atime: { no: 3, type: 'uint64' } }, 'SetTimesRequestProto'),
    response: empty('SetTimesResponseProto'),
  },
  getContentSummary: {
    request: defineMessage({ path: { no: 1, type: 'string' } }, 'GetContentSummaryRequestProto'),
    response: defineMessage({ summary: { no: 1, type: 'message', message: ContentSummaryProto, required: true } }, 'GetContentSummaryResponseProto'),
  },
  getFsStats: {
    request: empty('GetFsStatusRequestProto'),
    response: defineMessage({
      capacity: { no: 1, type: 'uint64', required: true }, used: { no: 2, type: 'uint64', required: true },
      remaining: { no: 3, type: 'uint64', required: true }, underReplicated: { no: 4, type: 'uint64', required: true },
      corruptBlocks: { no: 5, type: 'uint64', required: true }, missingBlocks: { no: 6, type: 'uint64', required: true },
    }, 'GetFsStatsResponseProto'),
  },
  getServerDefaults: {
    request: empty('GetServerDefaultsRequestProto'),
    response: defineMessage({ serverDefaults: { no: 1, type: 'message', message: FsServerDefaultsProto, required: true } }, 'GetServerDefaultsResponseProto'),
  },
  renewLease: {
    request: defineMessage({ clientName: { no: 1, type: 'string' } }, 'RenewLeaseRequestProto'),
    response: empty('RenewLeaseResponseProto'),
  },
  truncate: {
    request: defineMessage({ src, newLength: { no: 2, type: 'uint64' }, clientName: { no: 3, type: 'string' } }, 'TruncateRequestProto'),
    response: result,
  },
  fsync: {
    request: defineMessage({ src, client: clientName2, lastBlockLength: { no: 3, type: 'sint64' }, fileId: { no: 4, type: 'uint64' } }, 'FsyncRequestProto'),
    response: empty('FsyncResponseProto'),
  },
  getXAttrs: {
    request: defineMessage({ src, xAttrs: { no: 2, type: 'message', message: XAttrProto, repeated: true } }, 'GetXAttrsRequestProto'),
    response: defineMessage({ xAttrs: { no: 1, type: 'message', message: XAttrProto, repeated: true } }, 'GetXAttrsResponseProto'),
  },
  listXAttrs: {
    request: defineMessage({ src }, 'ListXAttrsRequestProto'),
    response: defineMessage({ xAttrs: { no: 1, type: 'message', message: XAttrProto, repeated: true } }, 'ListXAttrsResponseProto'),
  },
  setXAttr: {
    request: defineMessage({ src, xAttr: { no: 2, type: 'message', message: XAttrProto }, flag: { no: 3, type: 'uint32' } }, 'SetXAttrRequestProto'),
    response: empty('SetXAttrResponseProto'),
  },
  removeXAttr: {
    request: defineMessage({ src, xAttr: { no: 2, type: 'message', message: XAttrProto } }, 'RemoveXAttrRequestProto'),
    response: empty('RemoveXAttrResponseProto'),
  },
} as const;

/** A method this namenode serves. */
export type MethodName = keyof typeof METHODS;
