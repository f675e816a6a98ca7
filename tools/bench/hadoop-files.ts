import { HadoopShell } from '../src/hadoop/shell-batch.js';
import type { HadoopSystem } from './hadoop-systems.js';
import { hadoopPeers } from '../src/hadoop/peers.js';
import { clientSettings, fsCommand, withConf } from './java-run.js';
import type { Samples } from './samples.js';
import type { WarmShell } from './shell-timing.js';

/** How many small files, of what size, and where the progress goes. */
export interface SmallFiles { count: number; bytes: number }

/** The directory one round creates its small files in (and lists). */
export const smallDir = (round: number) => `/bench-small/r${round}`;

/** Throws unless an `ls DIR` listing names exactly f0 … f{count-1}. */
function checkListing(what: string, out: string, count: number): void {
  const names = new Set(out.split('\n').map((l) => /\/(f\d+)$/.exec(l)?.[1]).filter(Boolean));
  const all = names.size === count && Array.from({ length: count }, (_, i) => names.has(`f${i}`)).every(Boolean);
  if (!all) throw new Error(`${what} listed ${names.size} of the ${count} files f0 … f${count - 1}`);
}

/**
 * One round on `sys`: ShellBatch's `mkfiles DIR COUNT BYTES` in a fresh JVM (`mkfiles_cmd`: spawn
 * to exit, what a user waits for; `mkfiles_jvm`: the create loop's own timing inside the JVM),
 * checked with `-count` (files and bytes); then `-ls DIR` of those COUNT entries as a fresh
 * `hadoop fs` JVM (`ls_cmd`) and inside the warm JVM (`ls_jvm`), each listing checked to name
 * every file. The files stay.
 */
export async function smallFilesRound(sys: HadoopSystem, shell: WarmShell, o: SmallFiles, round: number, samples: Samples): Promise<void> {
  const dir = smallDir(round);
  let inJvm = 0;
  await samples.measure(sys, 'mkfiles_cmd', async () => {
    const t0 = performance.now();
    const batch = new HadoopShell(sys.uri, clientSettings(sys), withConf(sys, hadoopPeers().client));
    try {
      const r = await batch.run('mkfiles', dir, String(o.count), String(o.bytes));
      if (r.code !== 0) throw new Error(`mkfiles ${dir} on ${sys.name} failed (${r.code}): ${(r.err || r.out).trim().split('\n').slice(0, 15).join('\n')}`);
      inJvm = Number(r.out.trim()) / 1000;
    } finally {
      await batch.close();
    }
    return (performance.now() - t0) / 1000;
  });
  samples.add(sys.name, 'mkfiles_jvm', inJvm);
  // -count: DIR_COUNT FILE_COUNT CONTENT_SIZE PATHNAME
  const [, files, size] = (await shell.must(120_000, 'fs', '-count', dir)).out.trim().split(/\s+/).map(Number);
  if (files !== o.count || size !== o.count * o.bytes) {
    throw new Error(`-count ${dir} on ${sys.name}: ${files} files of ${size} bytes, expected ${o.count} of ${o.count * o.bytes}`);
  }
  await samples.measure(sys, 'ls_cmd', async () => {
    const cmd = await fsCommand(sys, ['-ls', dir], { timeoutMs: 300_000 });
    checkListing(`hadoop fs -ls ${dir} on ${sys.name}`, cmd.stdout, o.count);
    return cmd.seconds;
  });
  await samples.measure(sys, 'ls_jvm', async () => {
    const jvm = await shell.must(300_000, 'fs', '-ls', dir);
    checkListing(`ShellBatch fs -ls ${dir} on ${sys.name}`, jvm.out, o.count);
    return jvm.seconds;
  });
}
