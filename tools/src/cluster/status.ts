import type { MgmtClient } from 'glusterfs-core';
import { recordedGlusterdPid, type ClusterHome } from './home.js';
import type { ClusterState } from './options.js';
import { connectExisting } from './glusterd-process.js';
import { glusterdAlive, recordedBricks, recordedShd } from './processes.js';
import { recordedShimPid, runningShim } from './shim-process.js';

/** One process of a one-machine cluster, as `gcluster status` lists it. */
export interface ClusterProcess {
  role: 'glusterd' | 'brick' | 'glustershd' | 'hcfs-shim';
  pid: number | null;
  host?: string;
  /** The listening port; the namenode RPC port for the HDFS shim. */
  port: number | null;
  /** Brick directory (bricks only). */
  path?: string;
  volume?: string;
  online: boolean;
  error?: string;
}

/**
 * Every process of the home's cluster: glusterd (asked for its bricks' and self-heal daemon's
 * status when it answers), its bricks, its self-heal daemon and the HDFS shim; when glusterd is
 * down, those left running are found by their pidfiles. A shim the state file says should run
 * but that is gone is listed offline while glusterd runs.
 */
export async function clusterProcesses(h: ClusterHome, s: ClusterState | undefined): Promise<ClusterProcess[]> {
  const out = await glusterdProcesses(h, s);
  const shim = await shimProcess(h, s);
  if (shim && (shim.online || out.some((p) => p.role === 'glusterd'))) out.push(shim);
  return out;
}

async function glusterdProcesses(h: ClusterHome, s: ClusterState | undefined): Promise<ClusterProcess[]> {
  const pid = await recordedGlusterdPid(h);
  const alive = await glusterdAlive(h, pid);
  const c = alive && s ? await connectExisting(h, s) : undefined;
  const out: ClusterProcess[] = [];
  if (alive) out.push({ role: 'glusterd', pid: pid!, host: s?.host, port: s?.mgmtPort ?? null, online: !!c });
  if (c) {
    try {
      out.push(...await bricksFromGlusterd(c));
    } finally {
      await c.close();
    }
    return out;
  }
  for (const b of await recordedBricks(h)) {
    out.push({ role: 'brick', pid: b.pid, host: s?.host, port: b.port ?? null, path: b.path, online: true });
  }
  const shd = await recordedShd(h);
  if (shd) out.push({ role: 'glustershd', pid: shd.pid, host: s?.host, port: null, online: true });
  return out;
}

async function shimProcess(h: ClusterHome, s: ClusterState | undefined): Promise<ClusterProcess | undefined> {
  const pid = await recordedShimPid(h);
  if (pid === undefined) {
    return s?.hdfs ? { role: 'hcfs-shim', pid: null, host: s.host, port: s.hdfs.namenode, online: false } : undefined;
  }
  // Not ready yet (or its endpoints file is gone): the port it was started on is in the state.
  const port = Number((await runningShim(h))?.namenode.split(':').at(-1)) || s?.hdfs?.namenode || null;
  return { role: 'hcfs-shim', pid, host: s?.host, port, online: true };
}

async function bricksFromGlusterd(c: MgmtClient): Promise<ClusterProcess[]> {
  const reports = await c.volumeStatus();
  const bricks = reports.flatMap((r) => r.bricks.map((b) => ({
    role: 'brick' as const, pid: b.pid, host: b.host, port: b.port, path: b.path, volume: r.name, online: b.online,
    ...(b.error ? { error: b.error } : {}),
  })));
  // One self-heal daemon per server serves every replicated volume on it: list it once.
  const daemons = new Map<string, ClusterProcess>();
  for (const d of reports.flatMap((r) => r.selfHeal)) {
    if (!daemons.has(d.host)) {
      daemons.set(d.host, {
        role: 'glustershd', pid: d.pid, host: d.host, port: d.port, online: d.online, ...(d.error ? { error: d.error } : {}),
      });
    }
  }
  return [...bricks, ...daemons.values()];
}

/** The text table `gcluster status` prints. */
export function formatProcesses(ps: readonly ClusterProcess[]): string {
  const rows = ps.map((p) => [p.role, p.pid === null ? '-' : String(p.pid), p.port === null ? '-' : String(p.port),
    p.online ? 'Y' : 'N', p.path ?? '-']);
  const all = [['ROLE', 'PID', 'PORT', 'ONLINE', 'BRICK'], ...rows];
  const widths = [0, 1, 2, 3].map((i) => Math.max(...all.map((r) => r[i].length)));
  return all.map((r) => r.map((c, i) => (i < 4 ? c.padEnd(widths[i] + 2) : c)).join('')).join('\n') + '\n';
}
