import { FsError } from 'glusterfs-core';
import { MAX_UINT64, type MessageInit } from '../ipc/index.js';
import type { DatanodeReport } from '../namespace/index.js';
import { DEFAULT_RACK, required, toNumber } from './convert.js';
import type { ADMIN_METHODS } from './admin-messages.js';
import type { Handlers } from './handler.js';
import { DatanodeInfoProto } from './hdfs-messages.js';
import { STORAGE_POLICIES, storagePolicyNamed } from './storage-policies.js';

/** SafeModeActionProto: LEAVE 1, ENTER 2, GET 3, FORCE_EXIT 4. */
const SAFEMODE = { LEAVE: 1, ENTER: 2, GET: 3, FORCE_EXIT: 4 } as const;
/** DatanodeReportTypeProto: ALL 1, LIVE 2, DEAD 3, then decommissioning and maintenance states. */
const REPORT = { ALL: 1, LIVE: 2, DEAD: 3 } as const;

/** DatanodeInfoProto of a datanode report, as HDFS fills it (lastUpdate now: it answers). */
function reportProto(r: DatanodeReport): MessageInit<typeof DatanodeInfoProto> {
  const d = r.datanode;
  const now = Date.now();
  return {
    id: { ipAddr: d.ip, hostName: d.hostName, datanodeUuid: d.uuid, xferPort: d.xferPort, infoPort: d.infoPort, ipcPort: d.ipcPort },
    capacity: r.capacity, dfsUsed: r.used, remaining: r.remaining, blockPoolUsed: r.used,
    nonDfsUsed: Math.max(0, r.capacity - r.used - r.remaining), lastUpdate: now, lastUpdateMonotonic: Math.floor(performance.now()),
    xceiverCount: 0, location: DEFAULT_RACK, adminState: 0, numBlocks: 0,
  };
}

/**
 * Administrative and policy methods: dfsadmin -report's calls (safe mode, block statistics,
 * datanode reports; superuser-only as in HDFS), quota usage, access checks, block size and
 * storage policies (one storage type here: HOT, and changes refused as with
 * dfs.storage.policy.enabled=false).
 */
export const adminHandlers: Handlers<keyof typeof ADMIN_METHODS> = {
  async getQuotaUsage({ ns, user, paths }, req) {
    const u = await ns.quotaUsage(user, paths.path(req.path, 'path'));
    return { usage: { fileAndDirectoryCount: u.count, quota: MAX_UINT64, spaceConsumed: u.spaceConsumed, spaceQuota: MAX_UINT64 } };
  },
  async checkAccess({ ns, user, paths }, req) {
    await ns.checkAccess(user, paths.path(req.path, 'path'), req.mode ?? 0);
    return {};
  },
  async getPreferredBlockSize({ ns, user, paths }, req) {
    return { bsize: await ns.preferredBlockSize(user, paths.path(req.filename, 'filename')) };
  },
  async getStoragePolicies() {
    return { policies: [...STORAGE_POLICIES] };
  },
  async getStoragePolicy({ ns, user, paths }, req) {
    return { storagePolicy: storagePolicyNamed(await ns.storagePolicy(user, paths.path(req.path, 'path'))) };
  },
  async setStoragePolicy({ ns }) {
    return ns.refuseStoragePolicyChange('set');
  },
  async unsetStoragePolicy({ ns }) {
    return ns.refuseStoragePolicyChange('unset');
  },
  async satisfyStoragePolicy({ ns }) {
    return ns.refuseStoragePolicyChange('satisfy');
  },
  // Never in safe mode: the volume takes writes whenever its bricks have quorum. Entering it is
  // not served; asking, leaving or forcing an exit answer "not in safe mode", as HDFS does then.
  async setSafeMode({ ns, user, paths }, req) {
    const action = req.action ?? SAFEMODE.GET;
    if (action !== SAFEMODE.GET) {
      const name = action === SAFEMODE.LEAVE ? 'safemode_leave' : action === SAFEMODE.ENTER ? 'safemode_enter' : 'safemode_force_exit';
      ns.requireSuperuser(user, name);
      if (action === SAFEMODE.ENTER) throw new FsError('ENOTSUP', 'safe mode is not served: the volume takes writes whenever its bricks have quorum');
    }
    return { result: false };
  },
  async getFsReplicatedBlockStats() {
    return { lowRedundancy: 0, corruptBlocks: 0, missingBlocks: 0, missingReplOneBlocks: 0, blocksInFuture: 0, pendingDeletionBlocks: 0, highestPrioLowRedundancyBlocks: 0 };
  },
  async getFsECBlockGroupStats() {
    return { lowRedundancy: 0, corruptBlocks: 0, missingBlocks: 0, blocksInFuture: 0, pendingDeletionBlocks: 0, highestPrioLowRedundancyBlocks: 0 };
  },
  async getDatanodeReport({ ns, user, paths }, req) {
    ns.requireSuperuser(user, 'datanodeReport');
    const type = toNumber(req.type, 'type', REPORT.ALL);
    const all = await ns.datanodeReport();
    const wanted = all.filter((r) => type === REPORT.ALL || (type === REPORT.LIVE && r.live) || (type === REPORT.DEAD && !r.live));
    return { di: wanted.map(reportProto) };
  },
  async getSlowDatanodeReport({ ns, user }) {
    ns.requireSuperuser(user, 'getSlowDatanodeReport');
    return { datanodeInfoProto: [] };
  },
};
