/** Runs the functions given to it with at most `n` of them in flight; the rest wait in order. */
export type Limiter = <T>(fn: () => Promise<T>) => Promise<T>;

/** A {@link Limiter} allowing `n` concurrent calls. Never nest a limited call inside another. */
export function createLimiter(n: number): Limiter {
  let active = 0;
  const waiting: (() => void)[] = [];
  return async <T>(fn: () => Promise<T>): Promise<T> => {
    // A finishing call hands its slot straight to the next waiter, so `active` never overshoots.
    if (active >= n) await new Promise<void>((resolve) => waiting.push(resolve));
    else active++;
    try {
      return await fn();
    } finally {
      const next = waiting.shift();
      if (next) next();
      else active--;
    }
  };
}
