import { join } from 'node:path';
import { mountVolume, type Volume } from 'glusterfs-core';
import { lastJsonLine, mustRun, runCommand } from './command.js';

/** Where and how to start one of our volumes with `gcluster up`. */
export interface OurVolumeOptions {
  /** Repository root (for the CLIs). */
  repo: string;
  home: string;
  portBase: number;
  bricks: number;
  /** 1: pure distribute. */
  replica: number;
  volume: string;
  /** `gluster volume set` before mounting (glusterd restarts the bricks before it answers). */
  options?: Record<string, string>;
}

/** One of our volumes, up and mounted through the client API. */
export interface OurVolume {
  /** `host:port/volume`, for the CLIs' `--volume`. */
  spec: string;
  /** glusterd's `host:port`, for `gluster --remote-host`. */
  mgmt: string;
  /** Brick directories in volume order (replica sets are consecutive runs of `replica`). */
  bricks: string[];
  vol: Volume;
  /** Our `gluster` CLI against this cluster's glusterd; throws unless it exits 0. */
  gluster(...args: string[]): Promise<string>;
  /** Unmounts, stops every process of the cluster (`gcluster down`) and deletes its home. */
  down(): Promise<void>;
}

/**
 * Starts a one-machine cluster without the HDFS shim (`gcluster up --no-hdfs`) in a scratch
 * home, sets `o.options` and mounts its volume. On failure, whatever was started is stopped again.
 */
export async function ourVolume(o: OurVolumeOptions): Promise<OurVolume> {
  const gcluster = join(o.repo, 'tools/bin/gcluster.js');
  const down = async () => {
    await runCommand(gcluster, ['down', '--home', o.home]);
    await removeTree(o.home);
  };
  try {
    const up = lastJsonLine<{ volumeSpec: string; mgmt: string; bricks: { path: string }[] }>(await mustRun(gcluster, [
      'up', '--home', o.home, '--bricks', String(o.bricks), '--replica', String(o.replica), '--port-base', String(o.portBase),
      '--volume', o.volume, '--no-hdfs', '--json',
    ]));
    const cli = join(o.repo, 'packages/glusterfs-core/bin/gluster.js');
    const gluster = (...args: string[]) => mustRun(cli, [`--remote-host=${up.mgmt}`, '--mode=script', ...args]);
    for (const [k, val] of Object.entries(o.options ?? {})) await gluster('volume', 'set', o.volume, k, val);
    const vol = await mountVolume(up.volumeSpec);
    return {
      spec: up.volumeSpec, mgmt: up.mgmt, bricks: up.bricks.map((b) => b.path), vol, gluster,
      async down() {
        await vol.unmount().catch(() => {});
        await down();
      },
    };
  } catch (e) {
    await down();
    throw e;
  }
}

/** One brick of each replica set: where a brick-side walk of the whole volume must look. */
export function onePerSet(bricks: readonly string[], replica: number): string[] {
  return bricks.filter((_, i) => i % replica === 0);
}

/**
 * Deletes a scratch tree with GNU rm: a benchmark's bricks hold hundreds of thousands of files
 * (plus their .glusterfs handles), which rm removes several times faster than Node's recursive rm.
 */
export async function removeTree(dir: string): Promise<void> {
  await runCommand('rm', ['-rf', '--', dir], 3_600_000);
}
