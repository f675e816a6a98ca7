import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mountVolume, type Volume } from 'glusterfs-core';
import { makeTestCa } from 'glusterfs-core/testing';
import { freePortBase } from './free-ports.js';
import { volumeTarget } from './volume-target.js';
import { runWorkload, type WorkloadOptions, type WorkloadResult } from './workload.js';

// Issue #9's benchmark: what TLS costs. Two clusters of the default layout (2 x 2
// distributed-replicate, as `npm start` runs), one plain, one with TLS everywhere (gcluster
// --ssl-dir: secure-access, server.ssl, client.ssl), both up at once; through the client API,
// 5,000 files of 1–4 KiB (create+stat+read) and 1 GiB written then read sequentially (1 MiB
// chunks, 4 in flight). Reads cross the wire: short-circuit reads (a local brick's file read
// directly, which TLS does not touch) are off on both. Rounds alternate plain, TLS, TLS,
// plain… so drift of the disk and page cache hits both alike; the best of each figure is kept.
// Prints one JSON line. Flags: --files N, --seq-mib N, --runs N (rounds per cluster, default 2).
const args = process.argv.slice(2);
const flag = (name: string, dflt: number) => {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : dflt;
};
const opts: WorkloadOptions = {
  files: flag('--files', 5000), seqBytes: flag('--seq-mib', 1024) * 2 ** 20, concurrency: 32, chunkBytes: 1 << 20, seed: 9,
};
const runs = flag('--runs', 2);
const repo = new URL('../../../', import.meta.url).pathname;
const gcluster = join(repo, 'tools/bin/gcluster.js');
const work = mkdtempSync(join(tmpdir(), 'gts-bench-tls-'));
const log = (m: string) => process.stderr.write(`bench:tls: ${m}\n`);

function sh(argv: string[]): string {
  const r = spawnSync(process.execPath, argv, { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${argv.join(' ')} failed: ${r.stderr || r.stdout}`);
  return r.stdout;
}

interface Side {
  name: 'plain' | 'tls';
  home: string;
  vol: Volume;
  results: WorkloadResult[];
}

async function bringUp(name: Side['name'], base: number, sslDir?: string): Promise<Side> {
  const home = join(work, name);
  const out = sh([gcluster, 'up', '--home', home, '--port-base', String(base), '--no-hdfs', '--json', ...(sslDir ? ['--ssl-dir', sslDir] : [])]);
  const { volumeSpec } = JSON.parse(out.trim().split('\n').at(-1)!) as { volumeSpec: string };
  sh([join(repo, 'packages/glusterfs-core/bin/gluster.js'), `--remote-host=${volumeSpec.split('/')[0]}`, '--mode=script',
    'volume', 'set', 'gv0', 'performance.short-circuit-read', 'off']);
  const vol = await mountVolume(volumeSpec, { sslDir: sslDir ? join(home, 'glusterd', 'ssl') : undefined });
  return { name, home, vol, results: [] };
}

const best = (rs: WorkloadResult[], k: keyof WorkloadResult) => Math.max(...rs.map((r) => r[k]));
const round2 = (x: number) => Math.round(x * 100) / 100;

const sides: Side[] = [];
try {
  const ca = makeTestCa('bench CA');
  const certs = join(work, 'certs');
  ca.install('server1', certs);
  const plainBase = await freePortBase(26000, [0, 1, 2, 3, 4, 5]);
  sides.push(await bringUp('plain', plainBase));
  sides.push(await bringUp('tls', await freePortBase(plainBase + 100, [0, 1, 2, 3, 4, 5]), certs));
  // A first pass on each, not counted: fresh bricks, fresh page cache.
  for (const s of sides) await runWorkload(volumeTarget(s.name, s.vol), '/warm-up', { ...opts, files: 500, seqBytes: 64 << 20 });
  for (let round = 0; round < runs; round++) {
    const order = round % 2 === 0 ? sides : [...sides].reverse();
    for (const s of order) {
      const r = await runWorkload(volumeTarget(s.name, s.vol), `/round${round}`, opts);
      log(`${s.name} round ${round + 1}: ${JSON.stringify(r)}`);
      s.results.push(r);
    }
  }
  const [plain, tls] = sides.map((s) => ({
    smallFilesPerSec: best(s.results, 'smallFilesPerSec'), seqWriteMBps: best(s.results, 'seqWriteMBps'), seqReadMBps: best(s.results, 'seqReadMBps'),
  }));
  const slower = (k: keyof WorkloadResult) => round2(1 - tls![k] / plain![k]);
  process.stdout.write(JSON.stringify({
    bench: 'tls', layout: '2x2', files: opts.files, seq_mib: opts.seqBytes / 2 ** 20, best_of: runs, short_circuit_read: false,
    plain, tls,
    tls_slower_by: { seq_write: slower('seqWriteMBps'), seq_read: slower('seqReadMBps'), small_files: slower('smallFilesPerSec') },
    target_seq_slower_by_at_most: 0.15,
  }) + '\n');
} finally {
  for (const s of sides) {
    await s.vol.unmount().catch(() => {});
    sh([gcluster, 'down', '--home', s.home]);
  }
  rmSync(work, { recursive: true, force: true });
}
