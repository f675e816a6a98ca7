import { FsError, isFsError } from '../errors/index.js';
import { createFd, isDir, type Fd } from '../fop/index.js';
import { newGfid } from '../format/index.js';
import type { ApiContext } from './context.js';
import { createFlags, parseFlags, type OpenFlags, type ParsedFlags } from './flags.js';
import { readRange, writeRange } from './io.js';
import { resolvePath, withParent } from './resolve.js';
import { Stats } from './stats.js';

/** Default length of a cursor `read()`. */
const READ_DEFAULT = 64 * 1024;

/**
 * An open file of a mounted volume. Positional calls (`pread`/`pwrite`) may run concurrently;
 * `read`/`write` move a cursor. In append mode (`'a'`), `write` goes to the end of the file as
 * this handle knows it (its size at open plus its own writes). Every call goes through the
 * graph's top. After `close`, calls fail with EBADF.
 */
export class FileHandle {
  /** The volume path the file was opened under (symlinks resolved). */
  readonly path: string;
  readonly #ac: ApiContext;
  readonly #fd: Fd;
  readonly #flags: ParsedFlags;
  #pos: number;
  #closed = false;

  constructor(ac: ApiContext, fd: Fd, flags: ParsedFlags, size: number) {
    this.#ac = ac;
    this.#fd = fd;
    this.#flags = flags;
    this.path = fd.path;
    this.#pos = flags.append ? size : 0;
  }

  /** The cursor used by `read` and `write`. */
  get position(): number {
    return this.#pos;
  }

  /** Reads `length` bytes at `position` into a new Buffer (short at end of file). EBADF. */
  pread(length: number, position: number): Promise<Buffer>;
  /** Reads into `buf` at `position`; resolves to the number of bytes read (0 at end). EBADF. */
  pread(buf: Uint8Array, position: number): Promise<number>;
  async pread(target: number | Uint8Array, position: number): Promise<Buffer | number> {
    this.#check(this.#flags.readable);
    const length = typeof target === 'number' ? target : target.length;
    const data = await readRange(this.#ac, this.#fd, position, length);
    if (typeof target === 'number') return data;
    target.set(data);
    return data.length;
  }

  /** Writes all of `data` at `position`; resolves to its length. EBADF, ENOSPC, EDQUOT. */
  async pwrite(data: Uint8Array | string, position: number): Promise<number> {
    this.#check(this.#flags.writable);
    const buf = toBuffer(data);
    await writeRange(this.#ac, this.#fd, buf, position);
    return buf.length;
  }

  /** Reads up to `length` bytes at the cursor and advances it; empty at end of file. EBADF. */
  async read(length = READ_DEFAULT): Promise<Buffer> {
    const at = this.#pos;
    const data = await this.pread(length, at);
    this.#pos = at + data.length;
    return data;
  }

  /** Writes `data` at the cursor (the end, in append mode) and advances it. EBADF, ENOSPC. */
  async write(data: Uint8Array | string): Promise<number> {
    const buf = toBuffer(data);
    const at = this.#pos;
    this.#pos += buf.length;
    return this.pwrite(buf, at);
  }

  /** Sets the file's size (zero-filling when it grows). EBADF, EINVAL. */
  async truncate(size = 0): Promise<void> {
    this.#check(this.#flags.writable);
    if (size < 0) throw new FsError('EINVAL', 'negative size');
    await this.#ac.top.ftruncate(this.#ac.ctx(), this.#fd, size);
  }

  /** Attributes of the open file. EBADF. */
  async stat(): Promise<Stats> {
    this.#check(true);
    return new Stats(await this.#ac.top.fstat(this.#ac.ctx(), this.#fd));
  }

  /** Flushes the file's data (and metadata unless `datasync`) to stable storage on the bricks. */
  async fsync(datasync = false): Promise<void> {
    this.#check(true);
    await this.#ac.top.fsync(this.#ac.ctx(), this.#fd, datasync);
  }

  /**
   * Flushes and releases the file, both sent at once (the brick releases after the flush). A
   * second close is a no-op. Errors from flush are raised.
   */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    const ctx = this.#ac.ctx();
    const flushed = this.#ac.top.flush(ctx, this.#fd);
    const released = this.#ac.top.release(ctx, this.#fd);
    try {
      await flushed;
    } finally {
      await released;
    }
  }

  #check(allowed: boolean): void {
    if (this.#closed) throw new FsError('EBADF', `${this.path} is closed`);
    if (!allowed) throw new FsError('EBADF', `${this.path} is not open for that`);
  }
}

/**
 * Opens (and with a create flag, creates) a file. A final symlink is followed. A create is tried
 * first (one fop for a new file; a created file gets a fresh GFID); when the name exists it is
 * opened instead, unless exclusive. O_TRUNC is an explicit ftruncate. ENOENT, EEXIST (exclusive),
 * EISDIR, ENOTDIR, ELOOP.
 */
export async function openFile(ac: ApiContext, path: string, flags: OpenFlags, mode: number): Promise<FileHandle> {
  const f = parseFlags(flags);
  if (f.create) {
    try {
      return await createNew(ac, path, f, mode);
    } catch (e) {
      if (f.exclusive || !isFsError(e, 'EEXIST')) throw e;
    }
  }
  const r = await resolvePath(ac, path, true);
  return openExisting(ac, r.path, r.iatt.gfid, r.iatt.size, r.iatt.mode, f);
}

function createNew(ac: ApiContext, path: string, f: ParsedFlags, mode: number): Promise<FileHandle> {
  return withParent(ac, path, async (p) => {
    const fd = createFd(p, f.wire, false, newGfid());
    const iatt = await ac.top.create(ac.ctx(), { path: p, gfid: fd.gfid }, createFlags(f), mode & 0o7777, fd);
    fd.gfid = iatt.gfid;
    return new FileHandle(ac, fd, f, 0);
  });
}

async function openExisting(
  ac: ApiContext, path: string, gfid: string, size: number, mode: number, f: ParsedFlags,
): Promise<FileHandle> {
  if (isDir({ mode })) throw new FsError('EISDIR', `${path} is a directory`);
  const fd = createFd(path, f.wire, false, gfid);
  const opened = ac.top.open(ac.ctx(), { path, gfid }, f.wire, fd);
  if (!f.truncate || size === 0) {
    await opened;
    return new FileHandle(ac, fd, f, size);
  }
  // Sent right behind the open: the brick runs it once the open is done.
  const truncated = ac.top.ftruncate(ac.ctx(), fd, 0);
  try {
    await opened;
  } catch (e) {
    await truncated.catch(() => undefined);
    throw e;
  }
  try {
    await truncated;
  } catch (e) {
    // The truncate failure is what the caller needs to see; the release only frees the fd.
    await ac.top.release(ac.ctx(), fd).catch(() => undefined);
    throw e;
  }
  return new FileHandle(ac, fd, f, 0);
}

/** `data` as a Buffer, without copying a Uint8Array. */
export function toBuffer(data: Uint8Array | string): Buffer {
  if (typeof data === 'string') return Buffer.from(data);
  return Buffer.isBuffer(data) ? data : Buffer.from(data.buffer, data.byteOffset, data.byteLength);
}
