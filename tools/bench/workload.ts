import { seededRandom } from 'glusterfs-core';
import type { IoTarget } from './io-target.js';
import { inParallel } from './parallel.js';

/** Figures of one target: small files per second (create+stat+read) and sequential MB/s. */
export interface WorkloadResult {
  smallFilesPerSec: number;
  seqWriteMBps: number;
  seqReadMBps: number;
}

/** Workload shape; the defaults are the (20,000 files of 1–4 KiB, 1 GiB sequential). */
export interface WorkloadOptions {
  files: number;
  seqBytes: number;
  concurrency: number;
  chunkBytes: number;
  seed: number;
}


/**
 * Runs the small-file phase (create+write, stat, read back and verify each file) and the
 * sequential phase (write `seqBytes` in `chunkBytes` pieces, a few in flight, then read it back
 * and compare every chunk) under `dir` of `target`. Throws if any byte read differs.
 */
export async function runWorkload(target: IoTarget, dir: string, o: WorkloadOptions): Promise<WorkloadResult> {
  const rand = seededRandom(o.seed);
  const sizes = Array.from({ length: o.files }, () => 1024 + Math.floor(rand() * 3073));
  const pool = Buffer.alloc(8192);
  for (let i = 0; i < pool.length; i++) pool[i] = Math.floor(rand() * 256);
  const dirs = 20;
  for (let d = 0; d < dirs; d++) await target.mkdir(`${dir}/small/d${d}`);
  const path = (i: number) => `${dir}/small/d${i % dirs}/f${i}`;
  const content = (i: number) => pool.subarray(i % 4096, (i % 4096) + sizes[i]);

  const t0 = performance.now();
  await inParallel(o.files, o.concurrency, (i) => target.writeFile(path(i), content(i)));
  await inParallel(o.files, o.concurrency, async (i) => {
    if ((await target.stat(path(i))) !== sizes[i]) throw new Error(`${target.name}: wrong size for ${path(i)}`);
  });
  await inParallel(o.files, o.concurrency, async (i) => {
    if (!(await target.readFile(path(i))).equals(content(i))) throw new Error(`${target.name}: bad bytes in ${path(i)}`);
  });
  const smallSec = (performance.now() - t0) / 1000;

  const chunk = Buffer.alloc(o.chunkBytes);
  for (let i = 0; i < chunk.length; i++) chunk[i] = (i * 31 + 7) & 0xff;
  const chunks = Math.ceil(o.seqBytes / o.chunkBytes);
  const inflight = 4;

  const w = await target.openWrite(`${dir}/seq.bin`);
  const t1 = performance.now();
  await inParallel(chunks, inflight, (c) => w.pwrite(chunk, c * o.chunkBytes));
  await w.close();
  const writeSec = (performance.now() - t1) / 1000;

  const r = await target.openRead(`${dir}/seq.bin`);
  const t2 = performance.now();
  let bad = -1;
  // memcmp of each chunk against the pattern: verification costs far less than the I/O measured
  await inParallel(chunks, inflight, async (c) => {
    if (!(await r.pread(o.chunkBytes, c * o.chunkBytes)).equals(chunk)) bad = c;
  });
  const readSec = (performance.now() - t2) / 1000;
  await r.close();
  if (bad >= 0) throw new Error(`${target.name}: sequential read-back differs in chunk ${bad}`);

  const mb = o.seqBytes / 1e6;
  return {
    smallFilesPerSec: Math.round(o.files / smallSec),
    seqWriteMBps: Math.round(mb / writeSec),
    seqReadMBps: Math.round(mb / readSec),
  };
}
