import { FsError } from '../errors/index.js';

/** One call waiting for its reply. */
export interface PendingCall {
  resolve(value: unknown): void;
  reject(err: FsError): void;
  onChunk?: (chunk: unknown) => void;
  /** Monotonic ms after which the call fails with ETIMEDOUT. */
  deadline: number;
  /** Own timer, only for calls with a timeout other than the default. */
  timer?: NodeJS.Timeout;
  /** Detaches an abort listener. */
  detach?: () => void;
  /** For the error message: `program.proc`. */
  what: string;
}

/**
 * The calls in flight on one client, by id. Calls with the connection's default timeout share one
 * coarse sweep (they are inserted in deadline order, so the sweep stops at the first live one);
 * only calls with their own timeout pay for their own timer. At 100k+ calls/s a timer per call
 * would cost more than the encoding.
 */
export class PendingCalls {
  readonly #all = new Map<number, PendingCall>();
  readonly #byDefault = new Map<number, PendingCall>();
  readonly #defaultMs: number;
  readonly #sweepMs: number;
  readonly #onExpire: (id: number) => void;
  #sweeper: NodeJS.Timeout | null = null;

  /** `onExpire` runs after a call timed out (to tell the server to stop working on it). */
  constructor(defaultTimeoutMs: number, onExpire: (id: number) => void) {
    this.#defaultMs = defaultTimeoutMs;
    this.#onExpire = onExpire;
    this.#sweepMs = Math.min(1000, Math.max(10, Math.floor(defaultTimeoutMs / 20)));
  }

  get size(): number {
    return this.#all.size;
  }

  /** Registers call `id`; it fails with ETIMEDOUT after `timeoutMs` (default: the connection's). */
  add(id: number, call: PendingCall, timeoutMs: number | undefined): void {
    this.#all.set(id, call);
    if (timeoutMs === undefined || timeoutMs === this.#defaultMs) {
      call.deadline = performance.now() + this.#defaultMs;
      this.#byDefault.set(id, call);
      this.#sweeper ??= setInterval(() => this.#sweep(), this.#sweepMs).unref();
    } else {
      call.deadline = performance.now() + timeoutMs;
      call.timer = setTimeout(() => this.#expire(id), timeoutMs);
    }
  }

  /** The call `id`, left in place (stream chunks). */
  get(id: number): PendingCall | undefined {
    return this.#all.get(id);
  }

  /** Removes call `id` and its timers; the caller settles it. */
  take(id: number): PendingCall | undefined {
    const call = this.#all.get(id);
    if (!call) return undefined;
    this.#all.delete(id);
    this.#byDefault.delete(id);
    if (call.timer) clearTimeout(call.timer);
    call.detach?.();
    return call;
  }

  /** Fails every call with `err` (the connection dropped) and stops the sweep until the next add. */
  failAll(err: () => FsError): void {
    for (const id of [...this.#all.keys()]) this.take(id)?.reject(err());
    if (this.#sweeper) clearInterval(this.#sweeper);
    this.#sweeper = null;
  }

  #expire(id: number): void {
    const call = this.take(id);
    if (!call) return;
    call.reject(new FsError('ETIMEDOUT', `${call.what}: no reply in time`));
    this.#onExpire(id);
  }

  #sweep(): void {
    const now = performance.now();
    for (const [id, call] of this.#byDefault) {
      if (call.deadline > now) break;
      this.#expire(id);
    }
  }
}
