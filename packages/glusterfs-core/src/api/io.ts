import type { Fd } from '../fop/index.js';
import type { ApiContext } from './context.js';

/** Largest read or write sent as one fop: big enough for line rate, small enough for one frame. */
export const IO_CHUNK = 1 << 20;
/** Chunks of one large read or write kept in flight at once. */
export const IO_PARALLEL = 4;

/**
 * Reads up to `length` bytes at `offset`, split into {@link IO_CHUNK} fops with a few in flight.
 * The result is short only at end of file.
 */
export async function readRange(ac: ApiContext, fd: Fd, offset: number, length: number): Promise<Buffer> {
  if (length <= IO_CHUNK) return ac.top.read(ac.ctx(), fd, length, offset);
  const parts: Buffer[] = [];
  for (let base = 0; base < length; base += IO_CHUNK * IO_PARALLEL) {
    const batch: Promise<Buffer>[] = [];
    for (let i = 0; i < IO_PARALLEL && base + i * IO_CHUNK < length; i++) {
      const at = base + i * IO_CHUNK;
      batch.push(ac.top.read(ac.ctx(), fd, Math.min(IO_CHUNK, length - at), offset + at));
    }
    for (const [i, buf] of (await Promise.all(batch)).entries()) {
      parts.push(buf);
      // A short chunk is end of file; anything after it would be past EOF.
      if (buf.length < Math.min(IO_CHUNK, length - base - i * IO_CHUNK)) return Buffer.concat(parts);
    }
  }
  return Buffer.concat(parts);
}

/** Writes all of `data` at `offset`, split into {@link IO_CHUNK} fops with a few in flight. */
export async function writeRange(ac: ApiContext, fd: Fd, data: Buffer, offset: number): Promise<void> {
  if (data.length <= IO_CHUNK) {
    await ac.top.write(ac.ctx(), fd, data, offset);
    return;
  }
  let next = 0;
  const worker = async () => {
    while (next < data.length) {
      const at = next;
      next += IO_CHUNK;
      await ac.top.write(ac.ctx(), fd, data.subarray(at, Math.min(at + IO_CHUNK, data.length)), offset + at);
    }
  };
  await Promise.all(Array.from({ length: IO_PARALLEL }, worker));
}
