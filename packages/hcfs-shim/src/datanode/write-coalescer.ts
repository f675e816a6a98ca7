/** Default size of one volume write built from consecutive packets. */
export const DEFAULT_BATCH_BYTES = 1024 * 1024;
/** Default cap on bytes handed to the volume and not yet written. */
export const DEFAULT_MAX_OUTSTANDING = 8 * 1024 * 1024;
/** A partial batch is written after this long without a contiguous packet. */
const IDLE_FLUSH_MS = 5;

/** Where the bytes go (a FileHandle's pwrite). */
export type PositionalWrite = (data: Buffer, position: number) => Promise<unknown>;

/**
 * Turns a stream of packet-sized writes (≤ 64 KiB each) into large positional writes: packets
 * that continue the current batch are appended; a batch is written when it reaches
 * `batchBytes`, when a packet does not continue it, or after a short idle pause. Each volume
 * write is a replicated transaction, so a few large ones cost far less than many small ones.
 * `onPressure(true)` asks the caller to stop reading while more than `maxOutstanding` bytes are
 * waiting; `onPressure(false)` lets it go on. The first write failure is kept and reported by
 * {@link failure} and {@link drain}; nothing is written after it.
 */
export class WriteCoalescer {
  readonly #write: PositionalWrite;
  readonly #batchBytes: number;
  readonly #maxOutstanding: number;
  readonly #onPressure: (paused: boolean) => void;
  #parts: Buffer[] = [];
  #start = 0;
  #size = 0;
  #outstanding = 0;
  #paused = false;
  #timer: NodeJS.Timeout | undefined;
  readonly #inFlight = new Set<Promise<void>>();
  #failure: unknown;

  constructor(write: PositionalWrite, onPressure: (paused: boolean) => void, opts: { batchBytes?: number; maxOutstanding?: number } = {}) {
    this.#write = write;
    this.#onPressure = onPressure;
    this.#batchBytes = opts.batchBytes ?? DEFAULT_BATCH_BYTES;
    this.#maxOutstanding = opts.maxOutstanding ?? DEFAULT_MAX_OUTSTANDING;
  }

  /** The first write error, if any. */
  get failure(): unknown {
    return this.#failure;
  }

  /** Queues `data` for file offset `position`. */
  add(data: Buffer, position: number): void {
    if (this.#failure !== undefined || data.length === 0) return;
    if (this.#size > 0 && position !== this.#start + this.#size) this.flush();
    if (this.#size === 0) this.#start = position;
    this.#parts.push(data);
    this.#size += data.length;
    this.#outstanding += data.length;
    if (this.#size >= this.#batchBytes) this.flush();
    else this.#armIdleFlush();
    this.#pressure();
  }

  /** Writes the current batch now. */
  flush(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    if (this.#size === 0) return;
    const data = this.#parts.length === 1 ? this.#parts[0] : Buffer.concat(this.#parts, this.#size);
    const at = this.#start, size = this.#size;
    this.#parts = [];
    this.#size = 0;
    const w: Promise<void> = this.#write(data, at).then(() => {}, (e: unknown) => { this.#failure ??= e; }).finally(() => {
      this.#inFlight.delete(w);
      this.#outstanding -= size;
      this.#pressure();
    });
    this.#inFlight.add(w);
  }

  /** Writes what is queued and waits for every write; rejects with the first failure. */
  async drain(): Promise<void> {
    this.flush();
    while (this.#inFlight.size > 0) await Promise.all([...this.#inFlight]);
    if (this.#failure !== undefined) throw this.#failure;
  }

  #armIdleFlush(): void {
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => this.flush(), IDLE_FLUSH_MS);
  }

  #pressure(): void {
    const over = this.#outstanding > this.#maxOutstanding;
    if (over !== this.#paused) {
      this.#paused = over;
      this.#onPressure(over);
    }
  }
}
