/**
 * A counting semaphore: at most `size` tasks run at once, the rest wait in arrival order. The
 * self-heal daemon shares one across all its volumes, so heals never exceed its budget.
 */
export class Slots {
  readonly #size: number;
  readonly #waiting: (() => void)[] = [];
  #busy = 0;

  constructor(size: number) {
    if (!Number.isInteger(size) || size < 1) throw new Error(`slot count must be a positive integer, not ${size}`);
    this.#size = size;
  }

  /** Tasks running now. */
  get busy(): number {
    return this.#busy;
  }

  /** Tasks waiting for a slot. */
  get waiting(): number {
    return this.#waiting.length;
  }

  /** Runs `task` when a slot is free and resolves (or rejects) with its outcome. */
  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.#busy >= this.#size) await new Promise<void>((r) => this.#waiting.push(r));
    else this.#busy++;
    try {
      return await task();
    } finally {
      const next = this.#waiting.shift();
      if (next) next();
      else this.#busy--;
    }
  }
}
