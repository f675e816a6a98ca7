import { defineMessage } from '../ipc/index.js';
import { DatanodeInfoProto } from './hdfs-messages.js';

// ClientNamenodeProtocol.proto messages of the administrative and policy methods this namenode
// answers (dfsadmin -report, storage policies, quota usage, access checks). Request fields are
// optional so a request missing one gets a clear error; responses mark what is required.

const empty = (name: string) => defineMessage({}, name);
const u64 = { type: 'uint64', required: true } as const;

/** StorageTypesProto: the storage types of a policy, as StorageTypeProto numbers. */
export const StorageTypesProto = defineMessage({ storageTypes: { no: 1, type: 'enum', repeated: true } }, 'StorageTypesProto');

/** BlockStoragePolicyProto (hdfs.proto). */
export const BlockStoragePolicyProto = defineMessage({
  policyId: { no: 1, type: 'uint32', required: true },
  name: { no: 2, type: 'string', required: true },
  creationPolicy: { no: 3, type: 'message', message: StorageTypesProto, required: true },
  creationFallbackPolicy: { no: 4, type: 'message', message: StorageTypesProto },
  replicationFallbackPolicy: { no: 5, type: 'message', message: StorageTypesProto },
}, 'BlockStoragePolicyProto');

/** QuotaUsageProto (hdfs.proto); quotas of 2^64−1 mean "none". */
export const QuotaUsageProto = defineMessage({
  fileAndDirectoryCount: { no: 1, ...u64 }, quota: { no: 2, ...u64 }, spaceConsumed: { no: 3, ...u64 }, spaceQuota: { no: 4, ...u64 },
}, 'QuotaUsageProto');

/** Request and response schema of each administrative or policy method served. */
export const ADMIN_METHODS = {
  getQuotaUsage: {
    request: defineMessage({ path: { no: 1, type: 'string' } }, 'GetQuotaUsageRequestProto'),
    response: defineMessage({ usage: { no: 1, type: 'message', message: QuotaUsageProto, required: true } }, 'GetQuotaUsageResponseProto'),
  },
  checkAccess: {
    request: defineMessage({ path: { no: 1, type: 'string' }, mode: { no: 2, type: 'enum' } }, 'CheckAccessRequestProto'),
    response: empty('CheckAccessResponseProto'),
  },
  getPreferredBlockSize: {
    request: defineMessage({ filename: { no: 1, type: 'string' } }, 'GetPreferredBlockSizeRequestProto'),
    response: defineMessage({ bsize: { no: 1, ...u64 } }, 'GetPreferredBlockSizeResponseProto'),
  },
  getStoragePolicies: {
    request: empty('GetStoragePoliciesRequestProto'),
    response: defineMessage({ policies: { no: 1, type: 'message', message: BlockStoragePolicyProto, repeated: true } }, 'GetStoragePoliciesResponseProto'),
  },
  getStoragePolicy: {
    request: defineMessage({ path: { no: 1, type: 'string' } }, 'GetStoragePolicyRequestProto'),
    response: defineMessage({ storagePolicy: { no: 1, type: 'message', message: BlockStoragePolicyProto, required: true } }, 'GetStoragePolicyResponseProto'),
  },
  setStoragePolicy: {
    request: defineMessage({ src: { no: 1, type: 'string' }, policyName: { no: 2, type: 'string' } }, 'SetStoragePolicyRequestProto'),
    response: empty('SetStoragePolicyResponseProto'),
  },
  unsetStoragePolicy: {
    request: defineMessage({ src: { no: 1, type: 'string' } }, 'UnsetStoragePolicyRequestProto'),
    response: empty('UnsetStoragePolicyResponseProto'),
  },
  satisfyStoragePolicy: {
    request: defineMessage({ src: { no: 1, type: 'string' } }, 'SatisfyStoragePolicyRequestProto'),
    response: empty('SatisfyStoragePolicyResponseProto'),
  },
  setSafeMode: {
    request: defineMessage({ action: { no: 1, type: 'enum' }, checked: { no: 2, type: 'bool' } }, 'SetSafeModeRequestProto'),
    response: defineMessage({ result: { no: 1, type: 'bool', required: true } }, 'SetSafeModeResponseProto'),
  },
  getFsReplicatedBlockStats: {
    request: empty('GetFsReplicatedBlockStatsRequestProto'),
    response: defineMessage({
      lowRedundancy: { no: 1, ...u64 }, corruptBlocks: { no: 2, ...u64 }, missingBlocks: { no: 3, ...u64 },
      missingReplOneBlocks: { no: 4, ...u64 }, blocksInFuture: { no: 5, ...u64 }, pendingDeletionBlocks: { no: 6, ...u64 },
      highestPrioLowRedundancyBlocks: { no: 7, type: 'uint64' },
    }, 'GetFsReplicatedBlockStatsResponseProto'),
  },
  getFsECBlockGroupStats: {
    request: empty('GetFsECBlockGroupStatsRequestProto'),
    response: defineMessage({
      lowRedundancy: { no: 1, ...u64 }, corruptBlocks: { no: 2, ...u64 }, missingBlocks: { no: 3, ...u64 },
      blocksInFuture: { no: 4, ...u64 }, pendingDeletionBlocks: { no: 5, ...u64 },
      highestPrioLowRedundancyBlocks: { no: 6, type: 'uint64' },
    }, 'GetFsECBlockGroupStatsResponseProto'),
  },
  getDatanodeReport: {
    request: defineMessage({ type: { no: 1, type: 'enum' } }, 'GetDatanodeReportRequestProto'),
    response: defineMessage({ di: { no: 1, type: 'message', message: DatanodeInfoProto, repeated: true } }, 'GetDatanodeReportResponseProto'),
  },
  getSlowDatanodeReport: {
    request: empty('GetSlowDatanodeReportRequestProto'),
    response: defineMessage({ datanodeInfoProto: { no: 1, type: 'message', message: DatanodeInfoProto, repeated: true } }, 'GetSlowDatanodeReportResponseProto'),
  },
} as const;
