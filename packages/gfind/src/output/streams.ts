import { closeSync, openSync, writeSync } from 'node:fs';

/**
 * Where text output goes: stream 0 is standard output, stream i the i-th -fprint file. Files
 * are created (truncated) when the streams open, before the walk, as find does even when nothing
 * matches. Writes are synchronous (stdout included), so output order within a stream holds.
 */
export class TextStreams {
  readonly #fds: number[];

  /**
   * Opens every file; throws the first open failure (its errno) after closing the others.
   * `onBrokenPipe` runs when standard output's reader has gone (`gfind … | head`), where find
   * would die of SIGPIPE.
   */
  constructor(files: string[], readonly onBrokenPipe: () => never) {
    this.#fds = [1];
    try {
      for (const f of files) this.#fds.push(openSync(f, 'w', 0o666));
    } catch (e) {
      this.close();
      throw e;
    }
  }

  write(stream: number, text: string): void {
    if (!text) return;
    const fd = this.#fds[stream];
    const buf = Buffer.from(text, 'utf8');
    for (let off = 0; off < buf.length;) {
      try {
        off += writeSync(fd, buf, off);
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        if (code === 'EPIPE' && stream === 0) this.onBrokenPipe();
        // A non-blocking stdout (a pipe set up by the parent) can say EAGAIN: wait a moment and retry.
        if (code !== 'EAGAIN') throw e;
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 2);
      }
    }
  }

  close(): void {
    for (const fd of this.#fds.splice(1)) closeSync(fd);
  }
}
