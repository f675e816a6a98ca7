import { setTimeout as sleep } from 'node:timers/promises';
import { isOurProcess, stopForeignProcess } from 'glusterfs-core';
import { recordedGlusterdPid, type ClusterHome } from './home.js';
import { recordedBricks, recordedShd } from './processes.js';
import { stopShim } from './shim-process.js';

/** A process `gcluster down` stopped. */
export interface Stopped {
  role: 'glusterd' | 'brick' | 'glustershd' | 'hcfs-shim';
  pid: number;
  path?: string;
}

/** glusterd stops its bricks with a 5 s grace each; give it that and a little more. */
const GLUSTERD_GRACE_MS = 15_000;

/**
 * Stops everything started from a home: the HDFS shim first (SIGTERM, SIGKILL after 5 s), while
 * the volume it closes its files on is still up; then SIGTERM to glusterd (which stops its
 * self-heal daemon and bricks), SIGKILL if it lingers; then any brick or self-heal daemon still
 * alive by its recorded pid (after a glusterd crash).
 */
export async function stopCluster(h: ClusterHome): Promise<Stopped[]> {
  const stopped: Stopped[] = [];
  const shim = await stopShim(h);
  if (shim !== undefined) stopped.push({ role: 'hcfs-shim', pid: shim });
  const pid = await recordedGlusterdPid(h);
  const needles = ['glusterd', h.workdir];
  if (pid !== undefined && await isOurProcess(pid, needles)) {
    process.kill(pid, 'SIGTERM');
    const deadline = Date.now() + GLUSTERD_GRACE_MS;
    while (await isOurProcess(pid, needles)) {
      if (Date.now() > deadline) {
        try { process.kill(pid, 'SIGKILL'); } catch { /* gone */ }
      }
      await sleep(50);
    }
    stopped.push({ role: 'glusterd', pid });
  }
  const shd = await recordedShd(h);
  if (shd && await stopForeignProcess(shd.pid, ['glustershd'])) stopped.push({ role: 'glustershd', pid: shd.pid });
  for (const b of await recordedBricks(h)) {
    if (await stopForeignProcess(b.pid, ['glusterfsd'])) stopped.push({ role: 'brick', pid: b.pid, path: b.path });
  }
  return stopped;
}
