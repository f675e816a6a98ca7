import { randomFillSync } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mountVolume, type Volume } from 'glusterfs-core';
import { lastJsonLine, mustRun, runCommand } from './command.js';
import { freePortBase } from './free-ports.js';
import { measureListing, type ListingResult } from './hdfs-listing.js';
import { measureTransfers, warmUp, type TransferResult } from './hdfs-transfer.js';
import { startShimProcess, type ShimProcess } from './shim-process.js';
import { volumeTarget } from './volume-target.js';

// Issue #4's benchmark: `hdfs put` and `hdfs cat` (Debian's colinmarc/hdfs client) of a 1 GiB
// file through the shim on a 2 x 2 volume, against the same bytes written and read through the
// client API (4 MiB pwrite/pread, 4 in flight) in the same run; overhead = hdfs time / API time.
// Then `hdfs ls` and `hdfs ls -l` of a 10,000-entry directory. The shim runs as its own process
// (hcfs-shim bin) on N+10…N+13 of a free port base N; gcluster's bricks sit on N…N+4. Every read
// is compared byte for byte with the source; best of `--runs` (2) per figure after one warm-up
// pass. Prints one JSON line (MB = 10^6 bytes); progress goes to stderr.
// Flags: --mib N (file size), --files N (ls entries), --runs N, --port-base N,
// --cpu-prof DIR (profile the shim: node --cpu-prof --cpu-prof-dir DIR).
const args = process.argv.slice(2);
const flag = (name: string, dflt: number) => {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : dflt;
};
const option = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const bytes = flag('--mib', 1024) * 2 ** 20;
const entries = flag('--files', 10_000);
const runs = flag('--runs', 2);
const cpuProf = option('--cpu-prof');
const TARGETS = { cat_MBps: 500, put_MBps: 250, overhead: 1.3 };
const repo = new URL('../../../', import.meta.url).pathname;
const gcluster = join(repo, 'tools/bin/gcluster.js');
const work = mkdtempSync(join(tmpdir(), 'gts-hdfs-bench-'));
// The put source lives in RAM when it can, so `hdfs put FILE` does not measure the local disk.
const srcDir = existsSync('/dev/shm') ? mkdtempSync('/dev/shm/gts-hdfs-bench-') : work;
const log = (m: string) => process.stderr.write(`bench: ${m}\n`);

let shim: ShimProcess | undefined;
let vol: Volume | undefined;
let clusterUp = false;

async function cleanUp(): Promise<void> {
  await shim?.stop().catch((e: Error) => log(`shim stop failed: ${e.message}`));
  await vol?.unmount().catch(() => {});
  if (clusterUp) await runCommand(gcluster, ['down', '--home', join(work, 'home')]);
  shim = vol = undefined;
  clusterUp = false;
  rmSync(work, { recursive: true, force: true });
  rmSync(srcDir, { recursive: true, force: true });
}

process.once('SIGINT', () => void cleanUp().finally(() => process.exit(130)));
process.once('SIGTERM', () => void cleanUp().finally(() => process.exit(143)));

async function start(): Promise<{ namenode: string; volume: Volume }> {
  const base = await freePortBase(flag('--port-base', 27400), [0, 1, 2, 3, 4, 10, 11, 12, 13]);
  log(`2 x 2 volume on port base ${base}, shim on ${base + 10}…${base + 13}`);
  clusterUp = true;
  const up = lastJsonLine<{ volumeSpec: string }>(await mustRun(gcluster, [
    // --no-hdfs: the bench runs its own shim (so it can be profiled), not a second, idle one.
    'up', '--home', join(work, 'home'), '--port-base', String(base), '--bricks', '4', '--replica', '2', '--no-hdfs', '--json',
  ]));
  vol = await mountVolume(up.volumeSpec);
  if (cpuProf) mkdirSync(cpuProf, { recursive: true });
  shim = await startShimProcess({
    volumeSpec: up.volumeSpec, host: '127.0.0.1', logFile: join(work, 'hcfs-shim.log'),
    ports: { namenode: base + 10, webhdfs: base + 11, datanode: base + 12, datanodeHttp: base + 13 },
    nodeArgs: cpuProf ? ['--cpu-prof', '--cpu-prof-dir', cpuProf] : [],
  });
  log(`hcfs-shim pid ${shim.pid} ready: ${JSON.stringify(shim.endpoints)}; log ${join(work, 'hcfs-shim.log')}`);
  return { namenode: shim.endpoints.namenode, volume: vol };
}

const mbps = (sec: number | undefined) => (sec ? Math.round(bytes / 1e6 / sec) : null);
const ratio = (hdfsSec: number | undefined, apiSec: number | undefined) => (hdfsSec && apiSec ? Math.round((hdfsSec / apiSec) * 100) / 100 : null);
const round3 = (sec: number | undefined) => (sec === undefined ? null : Math.round(sec * 1000) / 1000);

const errors: string[] = [];
let t: TransferResult | undefined;
let l: ListingResult | undefined;
try {
  log(`source: ${bytes / 2 ** 20} MiB of random bytes in memory and in ${srcDir}`);
  const source = randomFillSync(Buffer.allocUnsafe(bytes));
  const sourceFile = join(srcDir, 'source.bin');
  writeFileSync(sourceFile, source);
  const { namenode, volume } = await start();
  const setup = {
    api: volumeTarget('api', volume), remove: (p: string) => volume.unlink(p), namenode, source, sourceFile,
    apiChunks: { chunkBytes: 4 << 20, inflight: 4 }, log,
  };
  try {
    log('warm-up (64 MiB each way, not measured)');
    await warmUp(setup, 64 << 20);
    t = await measureTransfers(setup, runs);
  } catch (e) {
    errors.push(`transfer: ${(e as Error).message}`);
    log(`FAILED ${errors.at(-1)}`);
  }
  try {
    l = await measureListing(volume, namenode, '/many', entries, runs, log);
  } catch (e) {
    errors.push(`listing: ${(e as Error).message}`);
    log(`FAILED ${errors.at(-1)}`);
  }
  const putSec = t && Math.min(t.hdfsPutFile, t.hdfsPutStdin);
  const ours = {
    hdfsPutMBps: mbps(putSec), hdfsCatMBps: mbps(t?.hdfsCat), apiWriteMBps: mbps(t?.apiWrite), apiReadMBps: mbps(t?.apiRead),
    ls10kSeconds: round3(l?.ls), ls10kLongSeconds: round3(l?.lsLong),
    hdfsPutFileMBps: mbps(t?.hdfsPutFile), hdfsPutStdinMBps: mbps(t?.hdfsPutStdin), hdfsCatDevNullMBps: mbps(t?.hdfsCatDevNull),
  };
  const ratios = { put_overhead: ratio(putSec, t?.apiWrite), cat_overhead: ratio(t?.hdfsCat, t?.apiRead) };
  process.stdout.write(JSON.stringify({
    bench: 'hdfs', file_mib: bytes / 2 ** 20, ls_entries: entries, best_of: runs,
    put_source: t ? (t.hdfsPutStdin <= t.hdfsPutFile ? 'stdin' : 'file') : null,
    ours, ratio: ratios, targets: TARGETS,
    meets: {
      cat: (ours.hdfsCatMBps ?? 0) >= TARGETS.cat_MBps, put: (ours.hdfsPutMBps ?? 0) >= TARGETS.put_MBps,
      overhead: Math.max(ratios.put_overhead ?? Infinity, ratios.cat_overhead ?? Infinity) <= TARGETS.overhead,
    },
    verified: errors.length === 0 && t !== undefined && l !== undefined,
    ...(errors.length ? { errors } : {}),
  }) + '\n');
} finally {
  await cleanUp();
}
