import { read as readCb, readSync, write as writeCb, writeSync } from 'node:fs';
import { promisify } from 'node:util';
import { FsError } from '../../../errors/index.js';
import type { Brick } from './brick.js';

const readAsync = promisify(readCb);
const writeAsync = promisify(writeCb);

/** The largest single read a client may ask for. */
export const MAX_IO = 64 << 20;

/** EINVAL unless `size` and `offset` are usable byte counts. */
export function checkIo(b: Brick, size: number, offset: number): void {
  if (!Number.isSafeInteger(size) || size < 0 || size > MAX_IO || !Number.isSafeInteger(offset) || offset < 0) {
    throw new FsError('EINVAL', `bad I/O size ${size} or offset ${offset}`, b.name);
  }
}

// Small transfers are page-cache copies that take a few µs synchronously but ~45 µs through
// the thread pool (measured: 4 KiB pwrite 0.55 GiB/s sync vs 0.10 async); large ones go to the
// pool so one big request does not stall every other client of the brick.

/** Reads up to `size` bytes at `offset`; shorter only at end of file. */
export async function preadAll(b: Brick, os: number, size: number, offset: number): Promise<Buffer> {
  const buf = Buffer.allocUnsafe(size);
  let got = 0;
  while (got < size) {
    const n = size <= b.syncIoMax
      ? readSync(os, buf, got, size - got, offset + got)
      : (await readAsync(os, buf, got, size - got, offset + got)).bytesRead;
    if (n === 0) break;
    got += n;
  }
  if (got === size) return buf;
  // Do not pin a large buffer for a short tail.
  return got < size / 2 ? Buffer.from(buf.subarray(0, got)) : buf.subarray(0, got);
}

/** Writes all of `data` at `offset`. */
export async function pwriteAll(b: Brick, os: number, data: Uint8Array, offset: number): Promise<void> {
  let done = 0;
  while (done < data.length) {
    const left = data.length - done;
    done += data.length <= b.syncIoMax
      ? writeSync(os, data, done, left, offset + done)
      : (await writeAsync(os, data, done, left, offset + done)).bytesWritten;
  }
}
