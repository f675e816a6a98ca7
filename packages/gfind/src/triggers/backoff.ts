/** The first retry waits this long; each further one twice as long as the one before. */
export const FIRST_RETRY_MS = 1000;
/** No retry waits longer than this. */
export const MAX_RETRY_MS = 5 * 60_000;

/**
 * How long to wait after the `failures`-th failed attempt of an event before the next one:
 * 1 s, 2 s, 4 s, … capped at 5 min.
 */
export function retryDelayMs(failures: number): number {
  return Math.min(FIRST_RETRY_MS * 2 ** Math.max(0, failures - 1), MAX_RETRY_MS);
}
