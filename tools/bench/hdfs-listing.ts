import type { Volume } from 'glusterfs-core';
import { mustHdfs } from './hdfs-client.js';
import { inParallel } from './parallel.js';

/** Best seconds of `hdfs ls DIR` and `hdfs ls -l DIR`, and how long creating the files took. */
export interface ListingResult { ls: number; lsLong: number; createSeconds: number }

/** Creates `dir` and `n` small files `f0 … f{n-1}` in it through the client API, 64 at a time. */
async function createManyFiles(vol: Volume, dir: string, n: number): Promise<void> {
  await vol.mkdir(dir, { recursive: true });
  await inParallel(n, 64, (i) => vol.writeFile(`${dir}/f${i}`, `file ${i}\n`));
}

/**
 * Creates `n` small files in `dir` through the client API, then times `hdfs ls DIR` and
 * `hdfs ls -l DIR` (stdout collected and checked to name every file), best of `runs` each.
 */
export async function measureListing(vol: Volume, namenode: string, dir: string, n: number, runs: number, log: (m: string) => void): Promise<ListingResult> {
  const t = performance.now();
  await createManyFiles(vol, dir, n);
  const createSeconds = (performance.now() - t) / 1000;
  log(`created ${n} files in ${dir} through the API in ${createSeconds.toFixed(2)} s`);
  const best = async (args: string[]) => {
    let sec = Infinity;
    for (let r = 0; r < runs; r++) {
      const out = await mustHdfs([...args, dir], { namenode, timeoutMs: 120_000 });
      const names = new Set(out.stdout.split('\n').map((l) => /(?:^|\s)(f\d+)$/.exec(l)?.[1]).filter(Boolean));
      if (names.size !== n) throw new Error(`hdfs ${args.join(' ')} ${dir} listed ${names.size} of ${n} files`);
      log(`hdfs ${args.join(' ')} ${dir}: ${out.seconds.toFixed(3)} s`);
      sec = Math.min(sec, out.seconds);
    }
    return sec;
  };
  return { ls: await best(['ls']), lsLong: await best(['ls', '-l']), createSeconds };
}
