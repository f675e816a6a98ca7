import type { FileHandle } from 'glusterfs-core';

/** Bytes gathered from the request before one write fop. */
export const WRITE_CHUNK = 4 << 20;

/**
 * Writes a request body into an open file from `start`, gathering {@link WRITE_CHUNK} bytes per
 * pwrite with one write in flight while the next chunk arrives; while that write is pending the
 * body is not read, so TCP backpressure slows the sender. `progress` runs after each write is
 * issued (lease renewal). Resolves to the bytes written; rejects with the body's error (an
 * aborted upload) or the file's (FsError).
 */
export async function writeBody(body: AsyncIterable<Buffer>, fh: FileHandle, start: number, progress: () => void): Promise<number> {
  let pos = start;
  let pending: Promise<number> | undefined;
  let parts: Buffer[] = [];
  let gathered = 0;
  const flush = async () => {
    const data = parts.length === 1 ? parts[0]! : Buffer.concat(parts, gathered);
    parts = [];
    gathered = 0;
    if (pending) await pending;
    pending = fh.pwrite(data, pos);
    pending.catch(() => undefined); // awaited before the next write or at the end
    pos += data.length;
    progress();
  };
  try {
    for await (const chunk of body) {
      parts.push(chunk);
      gathered += chunk.length;
      if (gathered >= WRITE_CHUNK) await flush();
    }
    if (gathered > 0) await flush();
  } finally {
    if (pending) await pending.catch(() => undefined);
  }
  await pending;
  return pos - start;
}
