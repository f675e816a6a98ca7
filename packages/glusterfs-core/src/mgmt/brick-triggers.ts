import { lstat, mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeJsonAtomic } from './atomic-json.js';
import { formatBrick } from './brick-spec.js';
import type { BrickRef, TriggerRecord, VolumeRecord } from './types.js';

/** What glusterd writes into a brick for its runner: the volume, the brick, the current triggers. */
export interface BrickTriggersFile {
  volume: string;
  /** The brick as the pool names it, `host:/path` (the host as its glusterd advertises it). */
  brick: string;
  triggers: TriggerRecord[];
}

/** Where a brick's trigger definitions live: `BRICK/.glusterfs/triggers.json`. */
export function brickTriggersPath(brickPath: string): string {
  return join(brickPath, '.glusterfs', 'triggers.json');
}

/**
 * Writes `vol`'s triggers into its local brick `brick` (atomically, mode 0600: the commands
 * run as root), unless the file already says the same, so the runner's mtime poll sees only
 * real changes. A brick directory that does not exist is left alone (an unmounted disk must
 * not get a fresh directory tree); `.glusterfs` is made 0700 as the brick makes it.
 */
export async function syncBrickTriggers(vol: VolumeRecord, brick: BrickRef): Promise<void> {
  const brickPath = brick.path;
  const st = await lstat(brickPath).catch(() => undefined);
  if (!st?.isDirectory()) return;
  const file = brickTriggersPath(brickPath);
  const want: BrickTriggersFile = { volume: vol.name, brick: formatBrick(brick), triggers: vol.triggers ?? [] };
  const text = JSON.stringify(want, null, 2) + '\n';
  if ((await readFile(file, 'utf8').catch(() => undefined)) === text) return;
  await mkdir(join(brickPath, '.glusterfs'), { mode: 0o700 }).catch((e: NodeJS.ErrnoException) => {
    if (e.code !== 'EEXIST') throw e;
  });
  await writeJsonAtomic(file, want, 0o600);
}
