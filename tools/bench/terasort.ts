import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { hadoopPeers } from '../src/hadoop/peers.js';
import type { HadoopSystem } from './hadoop-systems.js';
import { dashD, mustJava, withConf } from './java-run.js';
import type { Samples } from './samples.js';
import type { WarmShell } from './shell-timing.js';

/**
 * The job JVM's heap. The local job runner runs every task in it, and with 1 GiB the 1 GB
 * sort's in-memory shuffle ran out of heap now and then (OutOfMemoryError in localfetcher#1, on
 * the minicluster as on ours).
 */
const JOB_HEAP = '2g';

/** The TeraSort round's size and where its jobs keep local files. */
export interface TeraSortOptions {
  /** TeraGen rows of 100 bytes (10,000,000 = 1 GB). */
  rows: number;
  /** A local scratch directory (the local job runner's hadoop.tmp.dir goes under it). */
  localDir: string;
  log: (m: string) => void;
}

/**
 * One end-to-end TeraSort on `sys`: `teragen ROWS`, `terasort`, `teravalidate`, each a
 * `hadoop jar hadoop-mapreduce-examples` JVM on the local job runner with input, output and the
 * job's staging on `sys` (figures `teragen`, `terasort`, `teravalidate` and their sum
 * `terasort_total`, whole commands). TeraSort writes its output with 2 replicas (its own
 * default is 1), as everything else here. Throws unless teravalidate reports no error and a
 * checksum; returns that checksum (the sum of the rows' CRC32s: the same rows give the same one
 * on both systems, whatever the order).
 */
export async function teraSortRound(sys: HadoopSystem, shell: WarmShell, o: TeraSortOptions, round: number, samples: Samples): Promise<string> {
  const dir = `/bench-tera/r${round}`;
  const local = join(o.localDir, `${sys.name}-${round}`);
  const settings = dashD({
    'mapreduce.framework.name': 'local', 'hadoop.tmp.dir': local,
    'mapreduce.terasort.output.replication': 2,
  });
  const timeoutMs = Math.max(600_000, o.rows / 5);
  const job = (key: string, args: string[]) => samples.measure(sys, key, async () => (await mustJava(
    'org.apache.hadoop.examples.ExampleDriver', [args[0], ...settings, ...args.slice(1)], { classpath: withConf(sys, hadoopPeers().jobs), heap: JOB_HEAP, timeoutMs },
  )).seconds);
  try {
    const total = await job('teragen', ['teragen', String(o.rows), `${dir}/in`])
      + await job('terasort', ['terasort', `${dir}/in`, `${dir}/out`])
      + await job('teravalidate', ['teravalidate', `${dir}/out`, `${dir}/validate`]);
    samples.add(sys.name, 'terasort_total', total);
    const report = (await shell.must(120_000, 'fs', '-cat', `${dir}/validate/part-r-*`)).out;
    const errors = report.split('\n').filter((l) => /^(error|misorder)/.test(l));
    const checksum = /^checksum\t(\S+)/m.exec(report)?.[1];
    if (errors.length || !checksum) throw new Error(`teravalidate on ${sys.name}: ${errors.length ? errors.slice(0, 5).join('; ') : `no checksum in ${JSON.stringify(report.slice(0, 300))}`}`);
    return checksum;
  } finally {
    rmSync(local, { recursive: true, force: true });
    await shell.must(600_000, 'fs', '-rm', '-r', '-skipTrash', dir).catch((e: Error) => o.log(`removing ${dir} on ${sys.name}: ${e.message}`));
  }
}
