import type { MgmtContext } from './context.js';
import { wantsShd } from './shd-monitor.js';
import { PEER_STATUS_TIMEOUT_MS, withTimeout } from './timeout.js';
import type { DaemonStatus, HealCrawlSummary, VolumeRecord } from './types.js';

/** The self-heal daemon of each host holding bricks of `vol`, when the volume wants one there. */
export async function selfHealOf(ctx: MgmtContext, vol: VolumeRecord): Promise<DaemonStatus[]> {
  const hosts = [...new Set(vol.bricks.map((b) => b.host))].filter((h) => wantsShd(vol, h));
  return Promise.all(hosts.map(async (host): Promise<DaemonStatus> => {
    const d = await daemonOn(ctx, host);
    return d.online ? { ...d, crawl: await crawlOf(ctx, vol, host) } : d;
  }));
}

// The running crawl of `vol` by the daemon on `host`; null when idle or when it cannot say.
async function crawlOf(ctx: MgmtContext, vol: VolumeRecord, host: string): Promise<HealCrawlSummary | null> {
  try {
    const stats = host === ctx.store.self.host
      ? await withTimeout(ctx.shd.statistics(vol.name), PEER_STATUS_TIMEOUT_MS, host)
      : await withTimeout(peerOf(ctx, host).localHealStatistics(vol.name), PEER_STATUS_TIMEOUT_MS, host);
    const c = stats.current;
    return c ? { kind: c.kind, total: c.total, done: c.done, healed: c.healed, splitBrain: c.splitBrain, bytesMoved: c.bytesMoved } : null;
  } catch {
    return null;
  }
}

function peerOf(ctx: MgmtContext, host: string) {
  const peer = ctx.store.peers().find((p) => p.host === host);
  const client = peer && ctx.links.client(peer.uuid);
  if (!client) throw new Error(`peer ${host} is not connected`);
  return client;
}

async function daemonOn(ctx: MgmtContext, host: string): Promise<DaemonStatus> {
  if (host === ctx.store.self.host) return ctx.shd.status();
  try {
    return await withTimeout(peerOf(ctx, host).localShdStatus(), PEER_STATUS_TIMEOUT_MS, host);
  } catch (e) {
    return { host, pid: null, port: null, online: false, error: (e as Error).message.replace(/^(?:[A-Z][A-Z0-9]+: )+/, '') };
  }
}
