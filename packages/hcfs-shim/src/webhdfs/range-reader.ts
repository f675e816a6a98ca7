import type { FileHandle } from 'glusterfs-core';

/** Bytes per read fop when streaming a range (a multiple of the CRC chunk). */
export const READ_CHUNK = 4 << 20;

/**
 * Yields the bytes of [start, start+length) of an open file in {@link READ_CHUNK} pieces, with
 * the next read already in flight while the caller consumes the current one. Stops early at end
 * of file. Errors are the FileHandle's (FsError).
 */
export async function* readRange(fh: FileHandle, start: number, length: number): AsyncGenerator<Buffer> {
  const stop = start + length;
  const next = (at: number) => {
    const p = fh.pread(Math.min(READ_CHUNK, stop - at), at);
    p.catch(() => undefined); // awaited below; this only keeps an early rejection from going unhandled
    return p;
  };
  let at = start;
  let pending = at < stop ? next(at) : undefined;
  while (pending) {
    const want = Math.min(READ_CHUNK, stop - at);
    const buf = await pending;
    at += buf.length;
    pending = buf.length === want && at < stop ? next(at) : undefined;
    if (buf.length) yield buf;
  }
}
