import { FsError } from '../errors/index.js';
import type { MgmtContext } from './context.js';
import { selfHealOf } from './shd-status.js';
import { inBrickOrder } from './sync.js';
import { PEER_STATUS_TIMEOUT_MS, withTimeout } from './timeout.js';
import type { BrickStatus, VolumeRecord, VolumeStatusReport } from './types.js';
import { requireVolume } from './volume-ops.js';


/** `volume info`: one volume (ENOENT if unknown) or every volume. */
export function volumeInfo(ctx: MgmtContext, name: string | null): VolumeRecord[] {
  return name === null ? ctx.store.volumes() : [requireVolume(ctx, name)];
}

/** `volume list`: every volume name. */
export function volumeList(ctx: MgmtContext): string[] {
  return ctx.store.volumes().map((v) => v.name);
}

/**
 * `volume status`: every brick of a started volume with its host, port, pid and whether it is
 * online, asking each peer about its own bricks. Without a name, every started volume.
 * A named volume that is not started is EAGAIN ("Volume X is not started").
 */
export async function volumeStatus(ctx: MgmtContext, name: string | null): Promise<VolumeStatusReport[]> {
  if (name !== null) {
    const vol = requireVolume(ctx, name);
    if (vol.status !== 'Started') {
      throw new FsError('EAGAIN', `Volume ${name} is not started. Start it with \`gluster volume start ${name}\`.`);
    }
    return [await statusOf(ctx, vol)];
  }
  const started = ctx.store.volumes().filter((v) => v.status === 'Started');
  return Promise.all(started.map((v) => statusOf(ctx, v)));
}

/**
 * Runtime status of every brick of `vol` and of the self-heal daemons serving it, gathered from
 * the hosts that run them.
 */
export async function statusOf(ctx: MgmtContext, vol: VolumeRecord): Promise<VolumeStatusReport> {
  const [bricks, selfHeal] = await Promise.all([bricksOf(ctx, vol), selfHealOf(ctx, vol)]);
  return { name: vol.name, status: vol.status, bricks, selfHeal };
}

async function bricksOf(ctx: MgmtContext, vol: VolumeRecord): Promise<BrickStatus[]> {
  const parts: BrickStatus[][] = [ctx.monitor.status(vol)];
  const hosts = new Set(vol.bricks.map((b) => b.host));
  await Promise.all(ctx.store.peers().filter((p) => hosts.has(p.host)).map(async (p) => {
    const client = ctx.links.client(p.uuid);
    try {
      if (!client) throw new Error(`peer ${p.host} is not connected`);
      parts.push(await withTimeout(client.localStatus(vol.name), PEER_STATUS_TIMEOUT_MS, p.host));
    } catch (e) {
      parts.push(vol.bricks.filter((b) => b.host === p.host)
        .map((b) => ({ ...b, port: null, pid: null, online: false, error: (e as Error).message })));
    }
  }));
  return inBrickOrder(vol, parts.flat());
}
