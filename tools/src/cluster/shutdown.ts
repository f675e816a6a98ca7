import { join } from 'node:path';
import { isOurProcess, stopForeignProcess } from 'glusterfs-core';
import { recordedGlusterdPid, type ClusterHome } from './home.js';
import { homeProcesses, type HomeProcess, type HomeRole } from './home-processes.js';
import { recordedBricks, recordedShd } from './processes.js';
import { stopShim } from './shim-process.js';
import type { UpProgress } from './up.js';

/** A process `gcluster down` stopped. */
export interface Stopped {
  role: HomeRole;
  pid: number;
  path?: string;
}

/** glusterd stops its bricks with a 5 s grace each; give it that and a little more. */
const GLUSTERD_GRACE_MS = 15_000;

/**
 * Leftovers are looked for again after each sweep: a brick glusterd spawned in the instant it
 * exited is visible only once its exec has happened.
 */
const SWEEPS = 3;

/**
 * Stops everything started from a home, whatever state it was caught in: the HDFS shim first
 * (SIGTERM, SIGKILL after 5 s), while the volume it closes its files on is still up; then
 * SIGTERM to glusterd (which stops its self-heal daemon and bricks), SIGKILL if it lingers; then
 * every brick, self-heal daemon or shim of the home still alive. glusterd and the leftovers are
 * found by pidfile and by command line ({@link homeProcesses}), so a glusterd spawned a moment
 * ago that has not written its pidfile yet, a brick it was launching as it was told to stop, or
 * a shim spawned during start-up are stopped too, not only what runs and is recorded.
 */
export async function stopCluster(h: ClusterHome): Promise<Stopped[]> {
  const stopped: Stopped[] = [];
  const shim = await stopShim(h);
  if (shim !== undefined) stopped.push({ role: 'hcfs-shim', pid: shim });
  const glusterds = new Set((await homeProcesses(h)).filter((p) => p.role === 'glusterd').map((p) => p.pid));
  const recorded = await recordedGlusterdPid(h);
  if (recorded !== undefined && await isOurProcess(recorded, needlesOf(h, 'glusterd'))) glusterds.add(recorded);
  await Promise.all([...glusterds].map(async (pid) => {
    if (await stopForeignProcess(pid, needlesOf(h, 'glusterd'), GLUSTERD_GRACE_MS)) stopped.push({ role: 'glusterd', pid });
  }));
  // With glusterd gone nothing starts daemons any more; what is left was orphaned.
  for (let sweep = 0; sweep < SWEEPS; sweep++) {
    const left = await leftovers(h);
    if (!left.length) break;
    const done = await Promise.all(left.map(async (p) => (await stopForeignProcess(p.pid, needlesOf(h, p.role)) ? p : undefined)));
    stopped.push(...done.filter((p): p is HomeProcess => p !== undefined).map((p) => ({ role: p.role, pid: p.pid, ...(p.path ? { path: p.path } : {}) })));
  }
  return stopped;
}

/** Live processes of the home by command line and by pidfile (self-heal daemon first, then bricks, then anything else). */
async function leftovers(h: ClusterHome): Promise<HomeProcess[]> {
  const byPid = new Map<number, HomeProcess>();
  for (const p of await homeProcesses(h)) byPid.set(p.pid, p);
  const shd = await recordedShd(h);
  if (shd && !byPid.has(shd.pid)) byPid.set(shd.pid, { pid: shd.pid, role: 'glustershd' });
  for (const b of await recordedBricks(h)) if (!byPid.has(b.pid)) byPid.set(b.pid, { pid: b.pid, role: 'brick', path: b.path });
  const order: HomeRole[] = ['glusterd', 'glustershd', 'brick', 'hcfs-shim'];
  return [...byPid.values()].sort((a, b) => order.indexOf(a.role) - order.indexOf(b.role) || a.pid - b.pid);
}

/** Command-line fragments of each role of this home, checked again before each signal (a pid may be reused). */
function needlesOf(h: ClusterHome, role: HomeRole): string[] {
  switch (role) {
    case 'glusterd': return ['--workdir', h.workdir];
    case 'brick': return ['--brick-path', join(h.workdir, 'vols')];
    case 'glustershd': return ['--glusterd-sock', h.socket];
    case 'hcfs-shim': return ['--log-file', join(h.logs, 'hcfs-shim.log')];
  }
}

/**
 * Stops what an interrupted `bringUp` had started, by what its progress says: the whole cluster
 * when it started the home's glusterd (whatever that glusterd had started in turn), else only an
 * HDFS shim it started next to a cluster that was already running, else nothing.
 */
export async function stopStarted(h: ClusterHome, progress: UpProgress): Promise<Stopped[]> {
  if (progress.startedGlusterd) return stopCluster(h);
  if (!progress.startedShim) return [];
  const shim = await stopShim(h);
  const late = (await homeProcesses(h)).filter((p) => p.role === 'hcfs-shim');
  await Promise.all(late.map((p) => stopForeignProcess(p.pid, needlesOf(h, p.role))));
  return [...(shim !== undefined ? [shim] : []), ...late.map((p) => p.pid)].map((pid) => ({ role: 'hcfs-shim' as const, pid }));
}
