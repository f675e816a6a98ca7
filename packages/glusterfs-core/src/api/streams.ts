import { Readable, Writable } from 'node:stream';
import { FsError } from '../errors/index.js';
import { withContext } from './error-context.js';
import type { ApiContext } from './context.js';
import { openFile, type FileHandle } from './file-handle.js';
import type { OpenFlags } from './flags.js';
import { IO_CHUNK, IO_PARALLEL } from './io.js';

/** Options of {@link createVolumeReadStream}. */
export interface ReadStreamOptions {
  /** First byte to read (default 0). */
  start?: number;
  /** Last byte to read, inclusive, as in `fs.createReadStream` (default: to end of file). */
  end?: number;
  /** Bytes per read fop and per stream chunk (default 1 MiB). */
  highWaterMark?: number;
}

/** Options of {@link createVolumeWriteStream}. */
export interface WriteStreamOptions {
  /** Open flags (default `'w'`: create or truncate). `'wx'` fails if it exists, `'a'` appends. */
  flags?: OpenFlags;
  /** Permission bits for a created file (default 0o644). */
  mode?: number;
  /** Byte offset of the first write (default 0, or the end of file with `'a'`). */
  start?: number;
  /** Bytes per write fop (default 1 MiB). */
  highWaterMark?: number;
}

/**
 * A Readable over a volume file, keeping a few chunk reads in flight so a single stream runs at
 * network speed. It opens lazily on first read and releases the file when it ends or is
 * destroyed. Stream errors are FsError (ENOENT, EISDIR, ENOTCONN …).
 */
export function createVolumeReadStream(ac: ApiContext, path: string, opts: ReadStreamOptions = {}): Readable {
  const chunk = opts.highWaterMark ?? IO_CHUNK;
  const start = opts.start ?? 0;
  const stop = opts.end === undefined ? Infinity : opts.end + 1;
  if (start < 0 || stop < start || chunk <= 0) throw new FsError('EINVAL', 'bad start/end/highWaterMark');
  return Readable.from(readChunks(ac, path, start, stop, chunk), { objectMode: false, highWaterMark: chunk });
}

async function* readChunks(ac: ApiContext, path: string, start: number, stop: number, chunk: number) {
  try {
    yield* readOrdered(ac, path, start, stop, chunk);
  } catch (e) {
    throw withContext(e, 'read', path);
  }
}

async function* readOrdered(ac: ApiContext, path: string, start: number, stop: number, chunk: number) {
  const fh = await openFile(ac, path, 'r', 0);
  const queue: { len: number; data: Promise<Buffer> }[] = [];
  try {
    const size = (await fh.stat()).size;
    let next = start;
    const fill = () => {
      // Past the size known at open, probe one chunk at a time in case the file grew.
      while (queue.length < IO_PARALLEL && next < stop && (next < size || queue.length === 0)) {
        const len = Math.min(chunk, stop - next);
        const data = fh.pread(len, next);
        data.catch(() => undefined); // awaited in order below; this only silences the early rejection
        queue.push({ len, data });
        next += len;
      }
    };
    fill();
    while (queue.length) {
      const head = queue.shift()!;
      const buf = await head.data;
      if (buf.length) yield buf;
      if (buf.length < head.len) return;
      fill();
    }
  } finally {
    await Promise.allSettled(queue.map((q) => q.data));
    await fh.close();
  }
}

/**
 * A Writable onto a volume file: incoming data is cut into 1 MiB writes with a few in flight;
 * `finish` fires after every write landed and the file was closed (flush + release). Stream
 * errors are FsError (EEXIST with `'wx'`, ENOSPC, ENOTCONN …).
 */
export function createVolumeWriteStream(ac: ApiContext, path: string, opts: WriteStreamOptions = {}): Writable {
  return new VolumeWriteStream(ac, path, opts);
}

class VolumeWriteStream extends Writable {
  readonly #ac: ApiContext;
  readonly #path: string;
  readonly #opts: WriteStreamOptions;
  readonly #chunk: number;
  #fh?: FileHandle;
  #pos = 0;
  #pending: Buffer[] = [];
  #pendingLen = 0;
  readonly #inflight = new Set<Promise<void>>();
  #error: unknown;

  constructor(ac: ApiContext, path: string, opts: WriteStreamOptions) {
    const chunk = opts.highWaterMark ?? IO_CHUNK;
    super({ highWaterMark: chunk, decodeStrings: true });
    this.#ac = ac;
    this.#path = path;
    this.#opts = opts;
    this.#chunk = chunk;
  }

  /** Bytes handed to the volume so far. */
  get bytesWritten(): number {
    return this.#pos - (this.#opts.start ?? 0);
  }

  override _construct(cb: (err?: Error | null) => void): void {
    openFile(this.#ac, this.#path, this.#opts.flags ?? 'w', this.#opts.mode ?? 0o644).then((fh) => {
      this.#fh = fh;
      this.#pos = this.#opts.start ?? fh.position;
      cb();
    }, (e: unknown) => cb(withContext(e, 'open', this.#path)));
  }

  override _write(data: Buffer, _enc: BufferEncoding, cb: (err?: Error | null) => void): void {
    this.#pending.push(data);
    this.#pendingLen += data.length;
    if (this.#pendingLen >= this.#chunk) {
      const all = this.#take();
      let at = 0;
      for (; all.length - at >= this.#chunk; at += this.#chunk) this.#dispatch(all.subarray(at, at + this.#chunk));
      if (at < all.length) this.#keep(all.subarray(at));
    }
    this.#settle(this.#inflight.size >= IO_PARALLEL).then(() => cb(), (e: unknown) => cb(withContext(e, 'write', this.#path)));
  }

  override _final(cb: (err?: Error | null) => void): void {
    if (this.#pendingLen) this.#dispatch(this.#take());
    this.#settle(true, true)
      .then(() => this.#fh?.close())
      .then(() => cb(), (e: unknown) => cb(withContext(e, 'write', this.#path)));
  }

  override _destroy(err: Error | null, cb: (err?: Error | null) => void): void {
    Promise.allSettled([...this.#inflight])
      .then(() => this.#fh?.close())
      .then(() => cb(err), (e: Error) => cb(err ?? e));
  }

  #take(): Buffer {
    const all = this.#pending.length === 1 ? this.#pending[0] : Buffer.concat(this.#pending, this.#pendingLen);
    this.#pending = [];
    this.#pendingLen = 0;
    return all;
  }

  #keep(rest: Buffer): void {
    this.#pending = [rest];
    this.#pendingLen = rest.length;
  }

  #dispatch(buf: Buffer): void {
    const at = this.#pos;
    this.#pos += buf.length;
    const p: Promise<void> = this.#fh!.pwrite(buf, at).then(
      () => { this.#inflight.delete(p); },
      (e: unknown) => { this.#error ??= e; this.#inflight.delete(p); },
    );
    this.#inflight.add(p);
  }

  /** Waits for one write (`all`: every write) when asked to, then reports the first failure. */
  async #settle(wait: boolean, all = false): Promise<void> {
    if (wait && this.#inflight.size) await (all ? Promise.all(this.#inflight) : Promise.race(this.#inflight));
    if (this.#error) throw this.#error;
  }
}
