import { constants } from 'node:fs';
import { FsError, isFsError } from '../errors/index.js';
import { createFd, isDir, type Fd } from '../fop/index.js';
import { newGfid } from '../format/index.js';
import type { ApiContext } from './context.js';
import { openFile, toBuffer } from './file-handle.js';
import { createFlags, parseFlags, type ParsedFlags } from './flags.js';
import { IO_CHUNK, IO_PARALLEL } from './io.js';
import { resolvePath, withParent, type Resolved } from './resolve.js';

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
 * A whole file's contents. The size found by resolving the path sizes the first read (one byte
 * more, so a short read proves end of file); a file of up to 1 MiB costs the lookup plus one
 * round trip carrying open, read, flush and release. ENOENT, EISDIR.
 */
export async function readWhole(ac: ApiContext, path: string): Promise<Buffer> {
  const r = await resolvePath(ac, path, true);
  if (isDir(r.iatt)) throw new FsError('EISDIR', `${r.path} is a directory`);
  const want = r.iatt.size + 1;
  if (want > IO_CHUNK) return readLoop(ac, path);
  const fd = openSent(ac, r, constants.O_RDONLY);
  const read = ac.top.read(ac.ctx(), fd.fd, want, 0);
  const data = (await closeAfter(ac, fd.fd, [fd.opened, read]))[1] as Buffer;
  // Exactly `want` bytes: the file grew since the lookup, and the fd is released already.
  return data.length < want ? data : readLoop(ac, path);
}

/** Reads until a short read, sizing later reads by fstat (files over 1 MiB, or growing ones). */
async function readLoop(ac: ApiContext, path: string): Promise<Buffer> {
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

/**
 * Writes a whole file (replacing, creating or appending, per `opts`). Up to 1 MiB the fops of
 * one attempt (create or open, truncate, write, flush, release) go out together; the first
 * failure, in that order, is the error. ENOENT, EEXIST, EISDIR, ENOSPC.
 */
export async function writeWhole(
  ac: ApiContext, path: string, data: Uint8Array | string, opts: WriteFileOptions = {},
): Promise<void> {
  const { O_WRONLY, O_CREAT, O_EXCL, O_APPEND, O_TRUNC } = constants;
  let flags = O_WRONLY | (opts.append ? O_APPEND : O_TRUNC);
  if (opts.create ?? true) flags |= O_CREAT | (opts.exclusive ? O_EXCL : 0);
  const mode = opts.mode ?? 0o644;
  const buf = toBuffer(data);
  if (buf.length > IO_CHUNK) return writeChunked(ac, path, flags, mode, buf);
  const f = parseFlags(flags);
  if (f.create) {
    try {
      return await withParent(ac, path, (p) => writeNew(ac, p, f, mode, buf));
    } catch (e) {
      if (f.exclusive || !isFsError(e, 'EEXIST')) throw e;
    }
  }
  const r = await resolvePath(ac, path, true);
  if (isDir(r.iatt)) throw new FsError('EISDIR', `${r.path} is a directory`);
  const fd = openSent(ac, r, f.wire);
  const steps: Promise<unknown>[] = [fd.opened];
  if (f.truncate && r.iatt.size > 0) steps.push(ac.top.ftruncate(ac.ctx(), fd.fd, 0));
  if (buf.length) steps.push(ac.top.write(ac.ctx(), fd.fd, buf, f.append ? r.iatt.size : 0));
  await closeAfter(ac, fd.fd, steps);
}

/** Creates `path` (exclusively: a lost race is EEXIST) and writes `buf`, all sent at once. */
async function writeNew(ac: ApiContext, path: string, f: ParsedFlags, mode: number, buf: Buffer): Promise<void> {
  const fd = createFd(path, f.wire, false, newGfid());
  const steps: Promise<unknown>[] = [ac.top.create(ac.ctx(), { path, gfid: fd.gfid }, createFlags(f), mode & 0o7777, fd)];
  if (buf.length) steps.push(ac.top.write(ac.ctx(), fd, buf, 0));
  await closeAfter(ac, fd, steps);
}

async function writeChunked(ac: ApiContext, path: string, flags: number, mode: number, buf: Buffer): Promise<void> {
  const fh = await openFile(ac, path, flags, mode);
  try {
    await fh.write(buf);
  } finally {
    await fh.close();
  }
}

/** Sends the open of a resolved file; calls on `fd` may follow at once. */
function openSent(ac: ApiContext, r: Resolved, flags: number): { fd: Fd; opened: Promise<void> } {
  const fd = createFd(r.path, flags, false, r.iatt.gfid);
  return { fd, opened: ac.top.open(ac.ctx(), { path: r.path, gfid: r.iatt.gfid }, flags, fd) };
}

/**
 * Sends flush and release behind `steps` (calls already sent on `fd`, its open first), waits
 * for all of them, and raises the first failure in order: a failed open is the error, not
 * what it made fail behind it. Resolves to the results, in order.
 */
async function closeAfter(ac: ApiContext, fd: Fd, steps: Promise<unknown>[]): Promise<unknown[]> {
  const flushed = ac.top.flush(ac.ctx(), fd);
  const released = ac.top.release(ac.ctx(), fd);
  const out = await Promise.allSettled([...steps, flushed]);
  await released;
  for (const o of out) if (o.status === 'rejected') throw o.reason;
  return out.map((o) => (o as PromiseFulfilledResult<unknown>).value);
}
