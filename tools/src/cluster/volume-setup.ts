import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { MgmtClient, VolumeStatusReport } from 'glusterfs-core';
import type { ClusterHome } from './home.js';
import type { ClusterOptions, ClusterState } from './options.js';

/** Error text without the errno prefixes the RPC layer adds. */
export function reasonOf(e: unknown): string {
  return (e instanceof Error ? e.message : String(e)).replace(/^(?:[A-Z][A-Z0-9]+: )+/, '');
}

/**
 * Makes sure the home's volume exists and is started: creates it over `<home>/bricks/b1..bN`
 * (force, since every replica of a one-machine cluster shares the host; with `o.sslDir`,
 * `server.ssl` and `client.ssl` on) unless it exists, starts
 * it unless it is started, and waits until every brick is online. An existing volume is reused
 * as it is, whatever --bricks says now. Once `signal` is aborted it asks glusterd for nothing more
 * (a volume start glusterd received while stopping could launch bricks after it stopped its own).
 */
export async function ensureVolume(c: MgmtClient, h: ClusterHome, o: ClusterOptions, s: ClusterState, signal?: AbortSignal): Promise<VolumeStatusReport> {
  const names = await c.volumeList();
  signal?.throwIfAborted();
  if (!names.includes(o.volume)) {
    const bricks = Array.from({ length: o.bricks }, (_, i) => {
      const dir = join(h.bricks, `b${i + 1}`);
      mkdirSync(dir, { recursive: true });
      return `${s.host}:${dir}`;
    });
    await c.volumeCreate({ name: o.volume, replicaCount: o.replica > 1 ? o.replica : undefined, bricks, force: true });
    // With TLS the volume's own traffic is encrypted too, from its first start.
    if (o.sslDir) for (const key of ['server.ssl', 'client.ssl']) await c.volumeSet(o.volume, key, 'on');
  }
  const [info] = await c.volumeInfo(o.volume);
  signal?.throwIfAborted();
  if (info.status !== 'Started') return c.volumeStart(o.volume);
  return waitAllOnline(c, o.volume, signal);
}

/**
 * Polls `volume status` until every brick and self-heal daemon is online (glusterd restarts
 * them after a reboot).
 */
async function waitAllOnline(c: MgmtClient, volume: string, signal?: AbortSignal, timeoutMs = 30_000): Promise<VolumeStatusReport> {
  const deadline = Date.now() + timeoutMs;
  for (let delay = 20; ; delay = Math.min(delay * 2, 250)) {
    signal?.throwIfAborted();
    const [report] = await c.volumeStatus(volume);
    const offline = report.bricks.filter((b) => !b.online);
    const shdDown = report.selfHeal.filter((d) => !d.online);
    if (!offline.length && !shdDown.length) return report;
    if (Date.now() > deadline) {
      const what = [
        ...offline.map((b) => `brick ${b.path}${b.error ? ` (${b.error})` : ''}`),
        ...shdDown.map((d) => `self-heal daemon on ${d.host}${d.error ? ` (${d.error})` : ''}`),
      ];
      throw new Error(`still offline after ${timeoutMs / 1000} s: ${what.join(', ')}`);
    }
    // Bricks glusterd gave up on are not coming back by themselves: ask it to retry once.
    if (offline.some((b) => b.error?.includes('gave up'))) await c.volumeStart(volume, true).catch(() => {});
    await sleep(delay);
  }
}
