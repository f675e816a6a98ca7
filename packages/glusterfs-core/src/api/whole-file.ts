import { constants } from 'node:fs';
import type { ApiContext } from './context.js';
import { openFile } from './file-handle.js';
import { IO_CHUNK, IO_PARALLEL } from './io.js';

/** Options of {@link writeWhole}. */
export interface WriteFileOptions {
  /** Create the file if missing (default true). Without it a missing file is ENOENT. */
  create?: boolean;
  /** Fail with EEXIST if the file exists (default false). */
  exclusive?: boolean;
  /** Append instead of replacing the contents (default false). */
  append?: boolean;
  /** Permission bits for a created file (default 0o644). */
  mode?: number;
}

/**
 * A whole file's contents. The first read doubles as the size probe, so a small file costs
 * lookup, open, one read and close. ENOENT, EISDIR.
 */
export async function readWhole(ac: ApiContext, path: string): Promise<Buffer> {
  const fh = await openFile(ac, path, 'r', 0);
  try {
    const first = await fh.pread(IO_CHUNK, 0);
    if (first.length < IO_CHUNK) return first;
    const parts = [first];
    let at = first.length;
    for (;;) {
      // Ask for what stat says is left plus a chunk, so growth during the read is not cut off.
      const rest = Math.max((await fh.stat()).size - at, 0) + IO_CHUNK * IO_PARALLEL;
      const more = await fh.pread(rest, at);
      parts.push(more);
      at += more.length;
      if (more.length < rest) return Buffer.concat(parts, at);
    }
  } finally {
    await fh.close();
  }
}

/** Writes a whole file (replacing, creating or appending, per `opts`). ENOENT, EEXIST, EISDIR, ENOSPC. */
export async function writeWhole(
  ac: ApiContext, path: string, data: Uint8Array | string, opts: WriteFileOptions = {},
): Promise<void> {
  const { O_WRONLY, O_CREAT, O_EXCL, O_APPEND, O_TRUNC } = constants;
  let flags = O_WRONLY | (opts.append ? O_APPEND : O_TRUNC);
  if (opts.create ?? true) flags |= O_CREAT | (opts.exclusive ? O_EXCL : 0);
  const fh = await openFile(ac, path, flags, opts.mode ?? 0o644);
  try {
    if (data.length) await fh.write(data);
  } finally {
    await fh.close();
  }
}
