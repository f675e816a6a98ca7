import { randomUUID } from 'node:crypto';
import { FsError } from '../errors/index.js';
import { resolveXlator } from '../volume/index.js';
import { formatBrick } from './brick-spec.js';
import { peerByHost, peerClient, poolHosts, type MgmtContext } from './context.js';
import { prepareBricks } from './prepare-bricks.js';
import { selfHealOf } from './shd-status.js';
import { applyEverywhere, dropVolumeLocally } from './sync.js';
import type { BrickRef, CreateVolumeRequest, VolumeRecord, VolumeStatusReport } from './types.js';
import { validateCreate } from './validate.js';

/** The volume called `name`; ENOENT with GlusterFS's "does not exist" otherwise. */
export function requireVolume(ctx: MgmtContext, name: string): VolumeRecord {
  const vol = ctx.store.volume(name);
  if (!vol) throw new FsError('ENOENT', `Volume ${name} does not exist. \`gluster volume list\` shows the volumes of this pool.`);
  return vol;
}

/**
 * `volume create`: validates the layout, makes the brick directories on their hosts, and stores
 * the new volume (status Created) on every glusterd of the pool.
 */
export async function createVolume(ctx: MgmtContext, req: CreateVolumeRequest): Promise<VolumeRecord> {
  const plan = validateCreate(req, { volumes: ctx.store.volumes(), poolHosts: poolHosts(ctx) });
  const id = randomUUID();
  const byHost = new Map<string, BrickRef[]>();
  for (const b of plan.bricks) byHost.set(b.host, [...(byHost.get(b.host) ?? []), b]);
  // Every brick host must answer before anything is touched anywhere.
  const self = ctx.store.self.host;
  const clients = new Map([...byHost.keys()].filter((h) => h !== self).map((h) => [h, peerClient(ctx, h)]));
  for (const [host, bricks] of byHost) {
    if (host === self) await prepareBricks(id, bricks, !!req.force);
    else await clients.get(host)!.prepareBricks(id, bricks, !!req.force);
  }
  const vol: VolumeRecord = {
    name: plan.name, id, type: plan.type, replicaCount: plan.replicaCount, arbiterCount: plan.arbiterCount, bricks: plan.bricks,
    status: 'Created', options: {}, transport: 'tcp', version: 1,
  };
  await applyEverywhere(ctx, vol);
  ctx.log.info('volume created', { volume: vol.name, id, bricks: vol.bricks.map(formatBrick) });
  return vol;
}

/**
 * `volume start`: marks the volume Started everywhere and starts its bricks on their hosts.
 * Refuses a replicated volume while no replicate translator exists, so it never runs
 * unreplicated. When a brick does not come up the volume stays Started (its other bricks serve)
 * and the error says which brick failed and why.
 */
export async function startVolume(ctx: MgmtContext, name: string, force: boolean): Promise<VolumeStatusReport> {
  const vol = requireVolume(ctx, name);
  if (vol.status === 'Started' && !force) {
    throw new FsError('EEXIST', `Volume ${name} already started. \`gluster volume status ${name}\` shows its bricks; add 'force' to restart offline ones.`);
  }
  if (vol.replicaCount > 1 && !resolveXlator('cluster/afr')) {
    throw new FsError('ENOTSUP',
      `Volume ${name} is a replica ${vol.replicaCount} volume, but this build has no replicate translator (cluster/afr), and a replicated volume is never served unreplicated. Create a distribute volume (no 'replica' keyword) until replication is available.`);
  }
  for (const b of vol.bricks) {
    if (b.host !== ctx.store.self.host && !peerByHost(ctx, b.host)) {
      throw new FsError('ENOENT', `Host ${b.host} is not in 'Peer in Cluster' state. Probe it with \`gluster peer probe ${b.host}\`.`);
    }
  }
  const started: VolumeRecord = { ...vol, status: 'Started', version: vol.version + 1 };
  const bricks = await applyEverywhere(ctx, started, force);
  const failed = bricks.filter((b) => !b.online);
  if (failed.length) {
    const hosts = [...new Set(failed.map((b) => b.host))].join(', ');
    const why = failed.map((b) => `Brick ${formatBrick(b)}: ${b.error ?? 'not online'}`).join('; ');
    throw new FsError('EIO',
      `Commit failed on ${hosts}. ${why}. Fix the cause, then run \`gluster volume start ${name} force\`; \`gluster volume status ${name}\` shows which bricks are online.`);
  }
  ctx.log.info('volume started', { volume: name });
  return { name, status: 'Started', bricks, selfHeal: await selfHealOf(ctx, started) };
}

/** `volume stop`: marks the volume Stopped everywhere and stops its bricks. */
export async function stopVolume(ctx: MgmtContext, name: string, force: boolean): Promise<VolumeRecord> {
  const vol = requireVolume(ctx, name);
  if (vol.status !== 'Started' && !force) {
    throw new FsError('EINVAL', `Volume ${name} is not in the started state. Start it with \`gluster volume start ${name}\`.`);
  }
  const stopped: VolumeRecord = { ...vol, status: 'Stopped', version: vol.version + 1 };
  await applyEverywhere(ctx, stopped);
  ctx.log.info('volume stopped', { volume: name });
  return stopped;
}

/**
 * `volume delete`: forgets a volume that is not running on every glusterd of the pool. The
 * data in its brick directories stays where it is.
 */
export async function deleteVolume(ctx: MgmtContext, name: string): Promise<void> {
  const vol = requireVolume(ctx, name);
  if (vol.status === 'Started') {
    throw new FsError('EBUSY', `Volume ${name} has been started.Volume needs to be stopped before deletion. Run \`gluster volume stop ${name}\` first.`);
  }
  await dropVolumeLocally(ctx, name, vol.id);
  await Promise.all(ctx.store.peers().map(async (p) => {
    try {
      await ctx.links.client(p.uuid)?.dropVolume(name, vol.id);
    } catch (e) {
      ctx.log.warn('peer did not drop the volume; it will on reconnect', { peer: p.host, error: (e as Error).message });
    }
  }));
  ctx.log.info('volume deleted', { volume: name });
}
