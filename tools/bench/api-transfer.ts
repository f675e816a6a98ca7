import type { IoTarget } from './io-target.js';
import { byteCheck } from './byte-check.js';
import { inParallel } from './parallel.js';

/** Chunking of the client-API transfers: bytes per pwrite/pread and how many are in flight. */
export interface ApiTransferOptions { chunkBytes: number; inflight: number }

/** Writes `data` to a new `path` in chunks, a few in flight; seconds from open to close. */
export async function apiWrite(target: IoTarget, path: string, data: Buffer, o: ApiTransferOptions): Promise<number> {
  const t = performance.now();
  const f = await target.openWrite(path);
  const chunks = Math.ceil(data.length / o.chunkBytes);
  await inParallel(chunks, o.inflight, (c) => f.pwrite(data.subarray(c * o.chunkBytes, (c + 1) * o.chunkBytes), c * o.chunkBytes));
  await f.close();
  return (performance.now() - t) / 1000;
}

/**
 * Reads `path` in chunks, a few in flight, and compares it with `expected` as chunks arrive
 * (in file order, so a short file fails too). Seconds from open to close; throws on a difference.
 */
export async function apiRead(target: IoTarget, path: string, expected: Buffer, o: ApiTransferOptions): Promise<number> {
  const t = performance.now();
  const f = await target.openRead(path);
  const chunks = Math.ceil(expected.length / o.chunkBytes);
  const got: (Buffer | undefined)[] = [];
  const check = byteCheck(expected);
  let next = 0;
  await inParallel(chunks, o.inflight, async (c) => {
    got[c] = await f.pread(o.chunkBytes, c * o.chunkBytes);
    for (; got[next]; next++) {
      check.push(got[next]!);
      got[next] = undefined;
    }
  });
  const tail = await f.pread(1, expected.length);
  await f.close();
  const seconds = (performance.now() - t) / 1000;
  if (!check.ok || tail.length) {
    throw new Error(`${target.name}: ${path} read back differs (${check.bytes + tail.length} bytes, first difference at ${check.firstDiff})`);
  }
  return seconds;
}
