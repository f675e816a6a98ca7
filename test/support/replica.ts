import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { BIN, type TestCluster, run, waitFor } from './cluster.js';
import { brickDataFiles } from './brick-inspect.js';

/** Runs the real `gluster` CLI against the cluster's glusterd; throws with its output on failure. */
export async function gluster(cluster: TestCluster, ...args: string[]): Promise<string> {
  const r = await run(BIN.gluster, ['--remote-host', cluster.mgmt, ...args]);
  if (r.code !== 0) throw new Error(`gluster ${args.join(' ')} failed (${r.code}): ${r.stderr || r.stdout}`);
  return r.stdout;
}

/**
 * SIGKILLs the brick serving `brickPath`, with glusterd frozen (SIGSTOP) so that it stays dead;
 * `revive()` thaws glusterd, which restarts it, and waits until `volume status` shows it online.
 * `procs` (from `cluster.status()`, fetched ahead) saves that lookup when the kill must land
 * within milliseconds of a trigger.
 */
export async function killBrick(cluster: TestCluster, brickPath: string, procs?: Awaited<ReturnType<TestCluster['status']>>): Promise<{ revive(): Promise<void> }> {
  procs ??= await cluster.status();
  const glusterd = procs.find((p) => p.role === 'glusterd')!;
  const brick = procs.find((p) => p.role === 'brick' && p.path === brickPath);
  if (!brick) throw new Error(`no running brick for ${brickPath}`);
  process.kill(glusterd.pid, 'SIGSTOP');
  process.kill(brick.pid, 'SIGKILL');
  return {
    async revive() {
      process.kill(glusterd.pid, 'SIGCONT');
      await waitFor(`${brickPath} back online`, async () => {
        const now = await cluster.status();
        const b = now.find((p) => p.role === 'brick' && p.path === brickPath);
        return !!b && b.pid !== brick.pid;
      }, 30_000);
    },
  };
}

/** Entries per brick from `gluster volume heal VOL info`, in brick order ('-' when down). */
export async function healCounts(cluster: TestCluster, volume = cluster.volume, mode: string[] = []): Promise<string[]> {
  const out = await gluster(cluster, 'volume', 'heal', volume, 'info', ...mode);
  return [...out.matchAll(/Number of entries(?: in split-brain)?: (\S+)/g)].map((m) => m[1]);
}

/** Triggers an index heal and waits until every brick's heal info shows 0 entries. */
export async function healAndDrain(cluster: TestCluster, volume = cluster.volume, timeoutMs = 120_000): Promise<void> {
  await gluster(cluster, 'volume', 'heal', volume);
  let last = '';
  try {
    await waitFor('heal info to drain to 0', async () => {
      last = await gluster(cluster, 'volume', 'heal', volume, 'info');
      const counts = [...last.matchAll(/Number of entries: (\S+)/g)].map((m) => m[1]);
      return counts.length > 0 && counts.every((c) => c === '0');
    }, timeoutMs);
  } catch (e) {
    const stats = await gluster(cluster, 'volume', 'heal', volume, 'statistics').catch((x: Error) => x.message);
    throw new Error(`${(e as Error).message}\nlast heal info:\n${last.slice(0, 3000)}\nstatistics:\n${stats.slice(0, 3000)}`);
  }
}

/** SHA-1 of every data file on a brick (link files and .glusterfs left out), by volume path. */
export function brickHashes(brick: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const p of brickDataFiles(brick).sort()) out.set(p, createHash('sha1').update(readFileSync(brick + p)).digest('hex'));
  return out;
}
