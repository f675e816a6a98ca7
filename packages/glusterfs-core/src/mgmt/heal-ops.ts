import { FsError } from '../errors/index.js';
import type { ShdStatistics } from '../shd/index.js';
import { peerClient, type MgmtContext } from './context.js';
import type { MgmtClient } from './client.js';
import type { VolumeRecord } from './types.js';
import { selfHealDaemonOn } from './volume-options.js';
import { requireVolume } from './volume-ops.js';

/** One server's self-heal daemon statistics of a volume, or why they could not be had. */
export interface HostHealStatistics {
  host: string;
  statistics?: ShdStatistics;
  error?: string;
}

/**
 * The volume called `name` if heal commands apply to it: EINVAL ("is not of type replicate")
 * for a volume without replicas, EAGAIN ("is not started") for one that is not running.
 */
export function requireHealable(ctx: MgmtContext, name: string): VolumeRecord {
  const vol = requireVolume(ctx, name);
  if (vol.replicaCount <= 1) {
    throw new FsError('EINVAL',
      `Volume ${name} is not of type replicate. Heal applies only to replicated volumes (created with 'replica N'); \`gluster volume info ${name}\` shows its type.`);
  }
  if (vol.status !== 'Started') {
    throw new FsError('EAGAIN', `Volume ${name} is not started. Start it with \`gluster volume start ${name}\`.`);
  }
  return vol;
}

/**
 * `volume heal VOL [full]`: asks the self-heal daemon of every server holding bricks of the
 * volume to crawl it now (their own bricks' indices, or the whole tree with `full`). Returns
 * once every daemon accepted; ENOTCONN naming the servers whose daemon did not, EINVAL when
 * `cluster.self-heal-daemon` is off.
 */
export async function healVolume(ctx: MgmtContext, name: string, full: boolean): Promise<void> {
  const vol = requireHealable(ctx, name);
  if (!selfHealDaemonOn(vol.options)) {
    throw new FsError('EINVAL',
      `Self-heal-daemon is disabled. Heal will not be triggered on volume ${name}. Turn it on with \`gluster volume set ${name} cluster.self-heal-daemon on\`.`);
  }
  const results = await onBrickHosts(ctx, vol, () => ctx.shd.trigger(name, full), (c) => c.localHeal(name, full));
  const failed = results.filter((r) => r.error !== undefined);
  if (failed.length) {
    throw new FsError('ENOTCONN',
      `${failed.map((f) => `${f.error}`.replace(/\.?\s*$/, '.')).join(' ')} \`gluster volume status ${name}\` shows each server's self-heal daemon.`);
  }
}

/** `volume heal VOL statistics`: every brick server's daemon's crawl statistics of the volume. */
export async function healStatistics(ctx: MgmtContext, name: string): Promise<HostHealStatistics[]> {
  requireHealable(ctx, name);
  const vol = requireVolume(ctx, name);
  const results = await onBrickHosts(ctx, vol, () => ctx.shd.statistics(name), (c) => c.localHealStatistics(name));
  return results.map((r) => (r.error === undefined ? { host: r.host, statistics: r.value } : { host: r.host, error: r.error }));
}

/**
 * Runs `local` for this host and `remote` on the glusterd of every other host holding bricks of
 * `vol`, all at once, in brick-host order. Failures are collected with their host.
 */
async function onBrickHosts<T>(
  ctx: MgmtContext, vol: VolumeRecord, local: () => Promise<T>, remote: (c: MgmtClient) => Promise<T>,
): Promise<{ host: string; value?: T; error?: string }[]> {
  const hosts = [...new Set(vol.bricks.map((b) => b.host))];
  return Promise.all(hosts.map(async (host) => {
    try {
      const value = host === ctx.store.self.host ? await local() : await remote(peerClient(ctx, host));
      return { host, value };
    } catch (e) {
      const fe = FsError.from(e);
      return { host, error: fe.detail || fe.code };
    }
  }));
}
