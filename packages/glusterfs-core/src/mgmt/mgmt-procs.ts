import { FsError } from '../errors/index.js';
import type { ConnAuth, RpcHandler } from '../rpc/index.js';
import { argArray, argBool, argObject, argOptPort, argOptString, argString } from './args.js';
import { clusterState, type MgmtContext } from './context.js';
import { healStatistics, healVolume } from './heal-ops.js';
import { prepareBricks } from './prepare-bricks.js';
import { addPeer, detachPeer, joinPool, leavePool, peerStatus, probePeer, removePeer } from './peer-ops.js';
import { DEFAULT_MGMT_PORT } from './protocol.js';
import { POOL_USER } from './secrets.js';
import { applyVolumeLocally, dropVolumeLocally } from './sync.js';
import { addTrigger, listTriggers, removeTrigger } from './triggers.js';
import type { BrickRef, ClusterState, CreateVolumeRequest, PeerRecord, VolumeRecord } from './types.js';
import { createVolume, deleteVolume, requireVolume, startVolume, stopVolume } from './volume-ops.js';
import { volumeInfo, volumeList, volumeStatus } from './volume-read.js';
import { getVolumeOptions, resetVolumeOptions, setVolumeOption } from './volume-set.js';

/**
 * Who may call a procedure: `anyone` (read-only answers, as GlusterFS serves `--remote-host`),
 * `admin` (root's `gluster` through the local socket: every state change), `peer` (glusterds of
 * the pool, proven by the pool secret, and the admin).
 */
type Access = 'anyone' | 'admin' | 'peer';

/**
 * The `mgmt` program: the CLI's commands (state changes run one at a time) and the procedures
 * glusterds call on each other, each behind its access level. Peer procedures are not queued
 * behind this glusterd's own operations, because those may be waiting on the very peer that is
 * calling. `peerJoin` is open, but a glusterd accepts it only while it has no peers and no
 * volumes (see `joinPool`).
 */
export function mgmtProcs(ctx: MgmtContext): Record<string, RpcHandler> {
  const s = ctx.serial;
  const procs: Record<string, [Access, RpcHandler]> = {
    volumeCreate: ['admin', (a) => s(() => createVolume(ctx, argObject<CreateVolumeRequest>(a, 0, 'volumeCreate')))],
    volumeStart: ['admin', (a) => s(() => startVolume(ctx, argString(a, 0, 'volumeStart'), argBool(a, 1)))],
    volumeStop: ['admin', (a) => s(() => stopVolume(ctx, argString(a, 0, 'volumeStop'), argBool(a, 1)))],
    volumeDelete: ['admin', (a) => s(async () => { await deleteVolume(ctx, argString(a, 0, 'volumeDelete')); return null; })],
    volumeInfo: ['anyone', async (a) => volumeInfo(ctx, argOptString(a, 0, 'volumeInfo'))],
    volumeStatus: ['anyone', (a) => volumeStatus(ctx, argOptString(a, 0, 'volumeStatus'))],
    volumeList: ['anyone', async () => volumeList(ctx)],
    volumeSet: ['admin', (a) => s(() => setVolumeOption(ctx, argString(a, 0, 'volumeSet'), argString(a, 1, 'volumeSet'), argString(a, 2, 'volumeSet')))],
    volumeReset: ['admin', (a) => s(() => resetVolumeOptions(ctx, argString(a, 0, 'volumeReset'), argOptString(a, 1, 'volumeReset')))],
    volumeGet: ['anyone', async (a) => getVolumeOptions(ctx, argString(a, 0, 'volumeGet'), argString(a, 1, 'volumeGet'))],
    volumeHeal: ['admin', async (a) => { await healVolume(ctx, argString(a, 0, 'volumeHeal'), argBool(a, 1)); return null; }],
    volumeHealStatistics: ['anyone', (a) => healStatistics(ctx, argString(a, 0, 'volumeHealStatistics'))],
    // Trigger commands run with the servers' privileges: defining one is as privileged as `volume set`.
    triggerAdd: ['admin', (a) => s(() => addTrigger(ctx, argString(a, 0, 'triggerAdd'), argString(a, 1, 'triggerAdd'),
      argObject<Record<string, unknown>>(a, 2, 'triggerAdd')))],
    triggerRemove: ['admin', (a) => s(async () => { await removeTrigger(ctx, argString(a, 0, 'triggerRemove'), argString(a, 1, 'triggerRemove')); return null; })],
    triggerList: ['anyone', async (a) => listTriggers(ctx, argString(a, 0, 'triggerList'))],
    peerProbe: ['admin', (a) => s(() => probePeer(ctx, argString(a, 0, 'peerProbe'), argOptPort(a, 1, 'peerProbe') ?? DEFAULT_MGMT_PORT))],
    peerStatus: ['anyone', async () => peerStatus(ctx)],
    poolList: ['anyone', async () => ({ self: ctx.store.self, peers: peerStatus(ctx) })],
    peerDetach: ['admin', (a) => s(async () => { await detachPeer(ctx, argString(a, 0, 'peerDetach')); return null; })],

    hello: ['anyone', async () => ({ ...ctx.store.self, socket: ctx.socket, secureAccess: !!ctx.tls })],
    shdSecret: ['admin', async () => ctx.secrets.shdSecret().toString('hex')],
    peerJoin: ['anyone', (a) => s(() => joinPool(ctx, argObject<ClusterState>(a, 0, 'peerJoin'), argString(a, 1, 'peerJoin')))],
    peerAdd: ['peer', async (a) => { await addPeer(ctx, argObject<PeerRecord>(a, 0, 'peerAdd')); return null; }],
    peerRemove: ['peer', async (a) => { await removePeer(ctx, argString(a, 0, 'peerRemove')); return null; }],
    peerLeave: ['peer', async () => { await leavePool(ctx); return null; }],
    clusterState: ['peer', async () => clusterState(ctx)],
    applyVolume: ['peer', (a) => applyVolumeLocally(ctx, argObject<VolumeRecord>(a, 0, 'applyVolume'), argBool(a, 1))],
    dropVolume: ['peer', async (a) => {
      await dropVolumeLocally(ctx, argString(a, 0, 'dropVolume'), argString(a, 1, 'dropVolume'));
      return null;
    }],
    prepareBricks: ['peer', async (a) => {
      await prepareBricks(argString(a, 0, 'prepareBricks'), argArray<BrickRef>(a, 1, 'prepareBricks'), argBool(a, 2));
      return null;
    }],
    localStatus: ['peer', async (a) => ctx.monitor.status(requireVolume(ctx, argString(a, 0, 'localStatus')))],
    localShdStatus: ['peer', async () => ctx.shd.status()],
    localHeal: ['peer', async (a) => { await ctx.shd.trigger(argString(a, 0, 'localHeal'), argBool(a, 1)); return null; }],
    localHealStatistics: ['peer', (a) => ctx.shd.statistics(argString(a, 0, 'localHealStatistics'))],
  };
  return Object.fromEntries(Object.entries(procs).map(([name, [access, h]]) => [name, guarded(ctx, name, access, h)]));
}

/** `h`, refusing callers below `access` with EACCES and what to do instead. */
function guarded(ctx: MgmtContext, name: string, access: Access, h: RpcHandler): RpcHandler {
  if (access === 'anyone') return h;
  return (args, call) => {
    if (allowed(access, call.auth)) return h(args, call);
    ctx.log.warn('refused a management call', { proc: name, peer: call.peer, user: call.auth.user ?? '(anonymous)' });
    return Promise.reject(new FsError('EACCES', refusal(ctx, name, access)));
  };
}

function allowed(access: Access, auth: ConnAuth): boolean {
  return auth.local || (access === 'peer' && auth.user === POOL_USER);
}

function refusal(ctx: MgmtContext, name: string, access: Access): string {
  if (access === 'peer') {
    return `${name} is a call between glusterds of one pool, and this connection did not prove it belongs to the pool`;
  }
  const command = name.replace(/[A-Z]/g, (c) => ` ${c.toLowerCase()}`);
  return `${command} changes the pool, so it is accepted only from root on ${ctx.store.self.host} through glusterd's local socket; `
    + 'a remote CLI (--remote-host) gets read-only commands, as in GlusterFS. Run it as root on a server of the pool';
}
