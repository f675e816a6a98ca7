import { randomFillSync } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureDrivers } from './hadoop-drivers.js';
import { smallFilesRound } from './hadoop-files.js';
import { startHdfs, startOurs, type HadoopSystem } from './hadoop-systems.js';
import { transferRound, warmTransfers, type TransferSource } from './hadoop-transfer.js';
import { Samples } from './samples.js';
import { WarmShell } from './shell-timing.js';
import { teraSortRound } from './terasort.js';
import { round } from './timed-lines.js';

// Issue #11's benchmark (`npm run bench:hadoop`): the same Java client (Hadoop 3.4.2, tools/hadoop)
// against ours (a 2 x 2 volume, replica 2, and its shim as its own process) and against a real
// HDFS (the minicluster: a NameNode and 2 DataNodes, replication 2), same block size, in the same
// run. Figures (median seconds of the rounds; rounds alternate which system goes first):
//   put_cmd, cat_cmd   `hadoop fs -put` / `-cat` of a 1 GiB file, a fresh JVM each: what a user
//                      waits for, JVM start-up included (cat's stdout is compared with the source)
//   put_jvm, cat_jvm   the same inside one warm ShellBatch JVM (`fs -put`; a read to the end
//                      through FileSystem.open into a CRC32, checked)
//   cli_put, cli_cat   Debian's `hdfs put` / `hdfs cat` (colinmarc/hdfs) of the same file
//   mkfiles_cmd/_jvm   10,000 small files created in one JVM by ShellBatch's `mkfiles` (whole
//                      JVM / the loop's own timing), checked with -count
//   ls_cmd, ls_jvm     `-ls` of those 10,000 entries (fresh JVM / warm JVM), checked
//   teragen, terasort, teravalidate, terasort_total   TeraSort of 1 GB end to end with the
//                      examples jar on the local job runner, whole commands; teravalidate
//                      must report no error, and both systems the same checksum
// ratio = hdfs seconds / ours seconds: above 1, ours is faster; the target is 1.0 on each.
// Prints one JSON line on stdout; progress on stderr.
// Sizes scale with BENCH_SCALE or --scale (e.g. 0.1 for development); flags override single sizes:
// --mib N (1024), --files N (10000), --rows N (10000000), --small-bytes N (1024), --rounds N (3),
// --terasort-rounds N (1), --parts io,small,terasort, --block-size BYTES (128 MiB),
// --port-base N (27600), --cpu-prof DIR (node --cpu-prof on the shim, written when it stops).
const args = process.argv.slice(2);
const option = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const flag = (name: string, dflt: number) => Number(option(name) ?? dflt);
const scale = flag('--scale', Number(process.env.BENCH_SCALE ?? 1));
const fileBytes = flag('--mib', Math.max(1, Math.round(1024 * scale))) * 2 ** 20;
const smallFiles = flag('--files', Math.max(1, Math.round(10_000 * scale)));
const smallBytes = flag('--small-bytes', 1024);
const teraRows = flag('--rows', Math.max(1000, Math.round(10_000_000 * scale)));
const rounds = flag('--rounds', 3);
const teraRounds = flag('--terasort-rounds', 1);
const blockSize = flag('--block-size', 128 * 2 ** 20);
const parts = new Set((option('--parts') ?? 'io,small,terasort').split(','));
const cpuProf = option('--cpu-prof');
const repo = new URL('../../../', import.meta.url).pathname;
const work = mkdtempSync(join(tmpdir(), 'gts-hadoop-bench-'));
// The put source lives in RAM when it can, so `-put FILE` does not measure the local disk.
const srcDir = existsSync('/dev/shm') ? mkdtempSync('/dev/shm/gts-hadoop-bench-') : work;
const log = (m: string) => process.stderr.write(`bench: ${m}\n`);

const systems: HadoopSystem[] = [];
async function cleanUp(): Promise<void> {
  for (const s of systems.splice(0)) await s.stop().catch((e: Error) => log(`stopping ${s.name}: ${e.message}`));
  rmSync(work, { recursive: true, force: true });
  rmSync(srcDir, { recursive: true, force: true });
}
process.once('SIGINT', () => void cleanUp().finally(() => process.exit(130)));
process.once('SIGTERM', () => void cleanUp().finally(() => process.exit(143)));

// The 1-minute load average every 10 s: the machine is shared, and the figures are only as
// steady as it was.
const loads: number[] = [loadavg()[0]];
const loadTimer = setInterval(() => loads.push(loadavg()[0]), 10_000);

/** One warm ShellBatch per system for a part; closed again whatever happens. */
async function withShells(fn: (shells: Map<HadoopSystem, WarmShell>) => Promise<void>): Promise<void> {
  const shells = new Map<HadoopSystem, WarmShell>();
  try {
    for (const s of systems) shells.set(s, await WarmShell.open(s));
    await fn(shells);
  } finally {
    for (const sh of shells.values()) await sh.close();
  }
}

/**
 * Runs `fn` for every round on both systems, alternating which goes first so neither always
 * runs on a fresher machine. A system that fails is recorded and skipped for the rest of the
 * part; the other goes on, so the line still has its figures.
 */
async function eachRound(part: string, n: number, fn: (sys: HadoopSystem, round: number) => Promise<void>): Promise<void> {
  const failed = new Set<HadoopSystem>();
  for (let r = 0; r < n; r++) {
    for (const s of r % 2 === 0 ? systems : [...systems].reverse()) {
      if (failed.has(s)) continue;
      try {
        await fn(s, r);
      } catch (e) {
        failed.add(s);
        fail(`${part} on ${s.name}`, e);
      }
    }
  }
}

const samples = new Samples(log);
const errors: string[] = [];
function fail(part: string, e: unknown): void {
  errors.push(`${part}: ${(e as Error).message}`);
  log(`FAILED ${errors.at(-1)}`);
}
const checksums: Record<string, string> = {};

try {
  ensureDrivers(log);
  if (cpuProf) mkdirSync(cpuProf, { recursive: true });
  systems.push(await startOurs({
    repo, dir: join(work, 'ours'), portBase: flag('--port-base', 27600), blockSize, log,
    shimNodeArgs: cpuProf ? ['--cpu-prof', '--cpu-prof-dir', cpuProf] : [],
  }));
  systems.push(await startHdfs({ dir: join(work, 'hdfs'), blockSize, log }));

  if (parts.has('io')) {
    log(`source: ${fileBytes / 2 ** 20} MiB of random bytes in memory and in ${srcDir}`);
    const bytes = randomFillSync(Buffer.allocUnsafe(fileBytes));
    const src: TransferSource = { bytes, file: join(srcDir, 'source.bin') };
    writeFileSync(src.file, bytes);
    const warmBytes = Math.min(fileBytes, 16 << 20);
    const warmFile = join(srcDir, 'warm.bin');
    writeFileSync(warmFile, bytes.subarray(0, warmBytes));
    try {
      await withShells(async (shells) => {
        log(`put/cat of ${fileBytes / 2 ** 20} MiB, ${rounds} rounds after a ${warmBytes / 2 ** 20} MiB warm-up`);
        await eachRound('put/cat', rounds + 1, (s, r) => (r === 0
          ? warmTransfers(s, shells.get(s)!, src, warmFile, warmBytes)
          : transferRound(s, shells.get(s)!, src, r - 1, samples)));
      });
    } catch (e) {
      fail('put/cat', e);
    }
    rmSync(src.file, { force: true });
  }

  if (parts.has('small')) {
    try {
      await withShells(async (shells) => {
        log(`${smallFiles} small files of ${smallBytes} bytes, then -ls of them, ${rounds} rounds`);
        // The files stay: removing 3 x 10,000 files takes minutes, and the systems are torn down anyway.
        await eachRound('small files', rounds, (s, r) => smallFilesRound(s, shells.get(s)!, { count: smallFiles, bytes: smallBytes }, r, samples));
      });
    } catch (e) {
      fail('small files', e);
    }
  }

  if (parts.has('terasort')) {
    try {
      await withShells(async (shells) => {
        log(`TeraSort of ${teraRows} rows (${teraRows * 100 / 1e9} GB), ${teraRounds} rounds`);
        await eachRound('terasort', teraRounds, async (s, r) => {
          checksums[s.name] = await teraSortRound(s, shells.get(s)!, { rows: teraRows, localDir: join(work, 'mr'), log }, r, samples);
        });
      });
      if (checksums.ours && checksums.hdfs && checksums.ours !== checksums.hdfs) throw new Error(`teravalidate checksums differ: ours ${checksums.ours}, hdfs ${checksums.hdfs}`);
    } catch (e) {
      fail('terasort', e);
    }
  }
} catch (e) {
  fail('set-up', e);
} finally {
  clearInterval(loadTimer);
  await cleanUp();
}

const ratio = samples.ratios('ours', 'hdfs');
process.stdout.write(JSON.stringify({
  bench: 'hadoop', client: 'hadoop 3.4.2 (java)', scale, file_mib: fileBytes / 2 ** 20, ls_entries: smallFiles,
  small_files: smallFiles, small_file_bytes: smallBytes, terasort_rows: teraRows, block_size: blockSize,
  rounds, terasort_rounds: teraRounds, statistic: 'median seconds',
  keys: {
    '*_cmd': 'whole command, a fresh JVM each (hadoop fs / ShellBatch mkfiles): what a user waits for, JVM start-up included',
    '*_jvm': 'inside one warm JVM: ShellBatch round trip (put: fs -put; cat: FileSystem.open read into a CRC32; ls: fs -ls); mkfiles_jvm: the create loop\'s own timing',
    'cli_*': 'Debian\'s hdfs (colinmarc/hdfs, Go), whole command',
    'tera*': 'whole `hadoop jar` commands (examples jar, local job runner); terasort_total = teragen + terasort + teravalidate',
    ratio: 'hdfs seconds / ours seconds (>1: ours is faster)',
    server_cpu_seconds: 'user+system CPU of the servers during each figure (ours: shim, glusterd, bricks, self-heal daemon; hdfs: the minicluster JVM)',
  },
  ratio, target: 1.0,
  slower: Object.entries(ratio).filter(([, x]) => x < 1).map(([k]) => k),
  seconds: { ours: samples.medians('ours'), hdfs: samples.medians('hdfs') },
  server_cpu_seconds: { ours: samples.cpuMedians('ours'), hdfs: samples.cpuMedians('hdfs') },
  all_rounds: { ours: samples.rounds('ours'), hdfs: samples.rounds('hdfs') },
  ...(checksums.ours ? { teravalidate_checksum: checksums } : {}),
  load_avg_1m: { mean: round(loads.reduce((a, b) => a + b, 0) / loads.length, 2), max: round(Math.max(...loads), 2), samples: loads.length },
  verified: errors.length === 0,
  ...(errors.length ? { errors } : {}),
}) + '\n');
process.exitCode = errors.length ? 1 : 0;
