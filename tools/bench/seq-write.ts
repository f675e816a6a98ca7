import { inParallel } from './parallel.js';
import type { HealSystem } from './heal-system.js';

/** Shape of the sequential write test. */
export interface SeqWriteOptions {
  bytes: number;
  chunkBytes: number;
  /** Writes in flight at once (as the volume-io bench, and libuv's 4 threads for FUSE). */
  inflight: number;
  runs: number;
}

/**
 * Writes `bytes` to a fresh file in `chunkBytes` pieces, then fsync and close, `runs` times;
 * returns the best MB/s (10^6 bytes per second, open to close). Each file is removed after its
 * run, outside the timing.
 */
export async function bestSeqWrite(sys: HealSystem, o: SeqWriteOptions, log: (m: string) => void): Promise<number> {
  const chunk = Buffer.alloc(o.chunkBytes);
  for (let i = 0; i < chunk.length; i++) chunk[i] = (i * 31 + 7) & 0xff;
  const chunks = Math.ceil(o.bytes / o.chunkBytes);
  let best = 0;
  await sys.files.mkdir('/seq');
  for (let run = 0; run < o.runs; run++) {
    const path = `/seq/run${run}.bin`;
    const t = performance.now();
    const f = await sys.openSeq(path);
    await inParallel(chunks, o.inflight, (c) => f.pwrite(chunk, c * o.chunkBytes));
    await f.fsync();
    await f.close();
    const mbps = o.bytes / 1e6 / ((performance.now() - t) / 1000);
    log(`${sys.name}: sequential write run ${run + 1}: ${Math.round(mbps)} MB/s`);
    best = Math.max(best, mbps);
    await sys.remove(path);
  }
  return Math.round(best);
}
