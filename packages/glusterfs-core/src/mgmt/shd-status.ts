import type { MgmtContext } from './context.js';
import { wantsShd } from './shd-monitor.js';
import { PEER_STATUS_TIMEOUT_MS, withTimeout } from './timeout.js';
import type { DaemonStatus, VolumeRecord } from './types.js';

/** The self-heal daemon of each host holding bricks of `vol`, when the volume wants one there. */
export async function selfHealOf(ctx: MgmtContext, vol: VolumeRecord): Promise<DaemonStatus[]> {
  const hosts = [...new Set(vol.bricks.map((b) => b.host))].filter((h) => wantsShd(vol, h));
  return Promise.all(hosts.map(async (host): Promise<DaemonStatus> => {
    if (host === ctx.store.self.host) return ctx.shd.status();
    const peer = ctx.store.peers().find((p) => p.host === host);
    const client = peer && ctx.links.client(peer.uuid);
    try {
      if (!client) throw new Error(`peer ${host} is not connected`);
      return await withTimeout(client.localShdStatus(), PEER_STATUS_TIMEOUT_MS, host);
    } catch (e) {
      return { host, pid: null, port: null, online: false, error: (e as Error).message.replace(/^(?:[A-Z][A-Z0-9]+: )+/, '') };
    }
  }));
}
