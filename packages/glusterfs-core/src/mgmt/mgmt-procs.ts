import type { RpcHandler } from '../rpc/types.js';
import { argArray, argBool, argObject, argOptPort, argOptString, argString } from './args.js';
import { clusterState, type MgmtContext } from './context.js';
import { healStatistics, healVolume } from './heal-ops.js';
import { prepareBricks } from './prepare-bricks.js';
import { addPeer, detachPeer, joinPool, leavePool, peerStatus, probePeer, removePeer } from './peer-ops.js';
import { DEFAULT_MGMT_PORT } from './protocol.js';
import { applyVolumeLocally, dropVolumeLocally } from './sync.js';
import type { BrickRef, ClusterState, CreateVolumeRequest, PeerRecord, VolumeRecord } from './types.js';
import { createVolume, deleteVolume, requireVolume, startVolume, stopVolume } from './volume-ops.js';
import { volumeInfo, volumeList, volumeStatus } from './volume-read.js';
import { getVolumeOptions, resetVolumeOptions, setVolumeOption } from './volume-set.js';

/**
 * The `mgmt` program: the CLI's commands (state changes run one at a time) and the procedures
 * glusterds call on each other. Peer procedures are not queued behind this glusterd's own
 * operations, because those may be waiting on the very peer that is calling.
 */
export function mgmtProcs(ctx: MgmtContext): Record<string, RpcHandler> {
  const s = ctx.serial;
  return {
    volumeCreate: (a) => s(() => createVolume(ctx, argObject<CreateVolumeRequest>(a, 0, 'volumeCreate'))),
    volumeStart: (a) => s(() => startVolume(ctx, argString(a, 0, 'volumeStart'), argBool(a, 1))),
    volumeStop: (a) => s(() => stopVolume(ctx, argString(a, 0, 'volumeStop'), argBool(a, 1))),
    volumeDelete: (a) => s(async () => { await deleteVolume(ctx, argString(a, 0, 'volumeDelete')); return null; }),
    volumeInfo: async (a) => volumeInfo(ctx, argOptString(a, 0, 'volumeInfo')),
    volumeStatus: (a) => volumeStatus(ctx, argOptString(a, 0, 'volumeStatus')),
    volumeList: async () => volumeList(ctx),
    volumeSet: (a) => s(() => setVolumeOption(ctx, argString(a, 0, 'volumeSet'), argString(a, 1, 'volumeSet'), argString(a, 2, 'volumeSet'))),
    volumeReset: (a) => s(() => resetVolumeOptions(ctx, argString(a, 0, 'volumeReset'), argOptString(a, 1, 'volumeReset'))),
    volumeGet: async (a) => getVolumeOptions(ctx, argString(a, 0, 'volumeGet'), argString(a, 1, 'volumeGet')),
    volumeHeal: async (a) => { await healVolume(ctx, argString(a, 0, 'volumeHeal'), argBool(a, 1)); return null; },
    volumeHealStatistics: (a) => healStatistics(ctx, argString(a, 0, 'volumeHealStatistics')),
    peerProbe: (a) => s(() => probePeer(ctx, argString(a, 0, 'peerProbe'), argOptPort(a, 1, 'peerProbe') ?? DEFAULT_MGMT_PORT)),
    peerStatus: async () => peerStatus(ctx),
    poolList: async () => ({ self: ctx.store.self, peers: peerStatus(ctx) }),
    peerDetach: (a) => s(async () => { await detachPeer(ctx, argString(a, 0, 'peerDetach')); return null; }),

    hello: async () => ctx.store.self,
    peerJoin: (a) => s(() => joinPool(ctx, argObject<ClusterState>(a, 0, 'peerJoin'))),
    peerAdd: async (a) => { await addPeer(ctx, argObject<PeerRecord>(a, 0, 'peerAdd')); return null; },
    peerRemove: async (a) => { await removePeer(ctx, argString(a, 0, 'peerRemove')); return null; },
    peerLeave: async () => { await leavePool(ctx); return null; },
    clusterState: async () => clusterState(ctx),
    applyVolume: (a) => applyVolumeLocally(ctx, argObject<VolumeRecord>(a, 0, 'applyVolume'), argBool(a, 1)),
    dropVolume: async (a) => {
      await dropVolumeLocally(ctx, argString(a, 0, 'dropVolume'), argString(a, 1, 'dropVolume'));
      return null;
    },
    prepareBricks: async (a) => {
      await prepareBricks(argString(a, 0, 'prepareBricks'), argArray<BrickRef>(a, 1, 'prepareBricks'), argBool(a, 2));
      return null;
    },
    localStatus: async (a) => ctx.monitor.status(requireVolume(ctx, argString(a, 0, 'localStatus'))),
    localShdStatus: async () => ctx.shd.status(),
    localHeal: async (a) => { await ctx.shd.trigger(argString(a, 0, 'localHeal'), argBool(a, 1)); return null; },
    localHealStatistics: (a) => ctx.shd.statistics(argString(a, 0, 'localHealStatistics')),
  };
}
