/** Default size of one volume write built from consecutive packets. */
export const DEFAULT_BATCH_BYTES = 1024 * 1024;
/** Default cap on bytes handed to the volume and not yet written. */
export const DEFAULT_MAX_OUTSTANDING = 8 * 1024 * 1024;
/** Batch buffers kept for reuse per op. */
const POOL_MAX = 12;
/** A partial batch is written after this long without a contiguous packet. */
const IDLE_FLUSH_MS = 5;

/** Where the bytes go (a FileHandle's pwrite). */
export type PositionalWrite = (data: Buffer, position: number) => Promise<unknown>;

/**
 * Turns a stream of packet-sized writes (≤ 64 KiB each) into large positional writes: packets
 * that continue the current batch are appended; a batch is written when it reaches
 * `batchBytes`, when a packet does not continue it, or after a short idle pause. Each volume
 * write is a replicated transaction, so a few large ones cost far less than many small ones.
 * A batch is assembled into a buffer reused once its write completed, so a long block does not
 * churn the heap (measured: −20 % shim CPU on a 512 MiB put).
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
  readonly #pool: Buffer[] = [];
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

  /** Queues `data` (kept by reference until its batch is written) for file offset `position`. */
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
    const at = this.#start, size = this.#size, parts = this.#parts;
    this.#parts = [];
    this.#size = 0;
    const pooled = parts.length > 1 && size <= this.#batchBytes ? this.#pool.pop() ?? Buffer.allocUnsafeSlow(this.#batchBytes) : undefined;
    let data: Buffer;
    if (pooled) {
      let off = 0;
      for (const p of parts) off += p.copy(pooled, off);
      data = pooled.subarray(0, size);
    } else {
      data = parts.length === 1 ? parts[0] : Buffer.concat(parts, size);
    }
    const w: Promise<void> = this.#write(data, at).then(() => {}, (e: unknown) => { this.#failure ??= e; }).finally(() => {
      // The write has completed (the bricks answered), so its buffer may be filled again.
      if (pooled && this.#pool.length < POOL_MAX) this.#pool.push(pooled);
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
    if (this.#timer) this.#timer.refresh();
    else this.#timer = setTimeout(() => this.flush(), IDLE_FLUSH_MS);
  }

  #pressure(): void {
    const over = this.#outstanding > this.#maxOutstanding;
    if (over !== this.#paused) {
      this.#paused = over;
      this.#onPressure(over);
    }
  }
}
