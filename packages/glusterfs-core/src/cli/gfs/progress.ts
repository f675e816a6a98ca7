/**
 * A one-line progress report for long copies (`gfs put`/`get` of trees): files and bytes done
 * and their rates, redrawn at most ten times a second on a TTY and erased at the end. Off a TTY
 * it stays silent, so scripts and logs see only real output.
 */
export class TransferProgress {
  readonly #verb: string;
  readonly #out: NodeJS.WriteStream;
  readonly #start = Date.now();
  #files = 0;
  #bytes = 0;
  #timer?: NodeJS.Timeout;

  constructor(verb: string, out: NodeJS.WriteStream = process.stderr) {
    this.#verb = verb;
    this.#out = out;
    if (out.isTTY) this.#timer = setInterval(() => this.#draw(), 100).unref();
  }

  /** One more file of `bytes` copied. */
  add(bytes: number): void {
    this.#files++;
    this.#bytes += bytes;
  }

  /** Erases the line (the caller prints its own summary or errors). */
  done(): void {
    if (!this.#timer) return;
    clearInterval(this.#timer);
    this.#out.write('\r\x1b[K');
  }

  #draw(): void {
    this.#out.write(`\r\x1b[K${formatProgress(this.#verb, this.#files, this.#bytes, Date.now() - this.#start)}`);
  }
}

/** `put: 1,234 files, 4.8 MiB · 812 files/s, 3.2 MiB/s` */
export function formatProgress(verb: string, files: number, bytes: number, elapsedMs: number): string {
  const secs = Math.max(elapsedMs, 1) / 1000;
  return `${verb}: ${files.toLocaleString('en-US')} files, ${size(bytes)} · ` +
    `${Math.round(files / secs).toLocaleString('en-US')} files/s, ${size(bytes / secs)}/s`;
}

function size(n: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let u = 0;
  while (n >= 1024 && u < units.length - 1) { n /= 1024; u++; }
  return `${u === 0 ? Math.round(n) : n.toFixed(1)} ${units[u]}`;
}
