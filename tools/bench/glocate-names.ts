import { closeSync, mkdirSync, openSync } from 'node:fs';
import { join } from 'node:path';
import type { Volume } from 'glusterfs-core';
import { inParallel } from './parallel.js';

/** The glocate benchmark's names: `names` empty files round-robin in `dirs` directories under `root`. */
export interface NameSetOptions { root: string; names: number; dirs: number }

/**
 * `ROOT/dNNN/nNNNNNNN`: every file name carries its number, so how many paths hold a pattern
 * (a substring, as plocate's default) follows from the numbers alone.
 */
export function nameSet(o: NameSetOptions) {
  const dir = (d: number) => `${o.root}/d${String(d).padStart(3, '0')}`;
  const path = (i: number) => `${dir(i % o.dirs)}/n${String(i).padStart(7, '0')}`;
  return {
    path,
    /** How many of the names (directories included, as plocate counts them) contain `substring`. */
    expected(substring: string): number {
      let n = o.root.includes(substring) ? 1 : 0;
      for (let d = 0; d < o.dirs; d++) if (dir(d).includes(substring)) n++;
      for (let i = 0; i < o.names; i++) if (path(i).includes(substring)) n++;
      return n;
    },
    /** Creates the names under a local directory (the mirror plocate indexes), synchronously: the fastest way with Node. */
    mirror(local: string): void {
      mkdirSync(join(local, o.root), { recursive: true });
      for (let d = 0; d < o.dirs; d++) mkdirSync(join(local, dir(d)));
      for (let i = 0; i < o.names; i++) closeSync(openSync(join(local, path(i)), 'wx'));
    },
    /**
     * Creates the names in the volume through the client API, `concurrency` creates in flight:
     * each one a real create (GFID, handle, journal record) and release, as any client makes.
     */
    async create(vol: Volume, concurrency: number, progress?: (done: number) => void): Promise<void> {
      await vol.mkdir(o.root, { recursive: true });
      await inParallel(o.dirs, 16, (d) => vol.mkdir(dir(d)));
      let done = 0;
      await inParallel(o.names, concurrency, async (i) => {
        const fh = await vol.open(path(i), 'wx');
        await fh.close();
        if (++done % 100_000 === 0) progress?.(done);
      });
    },
  };
}
