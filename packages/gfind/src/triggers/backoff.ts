/** The first retry waits this long; each further one twice as long as the one before. */
export const FIRST_RETRY_MS = 1000;
/**
 * How long to wait after the `failures`-th failed attempt of an event before the next one:
 * 1 s, 2 s, 4 s, … capped at `maxMs` (a trigger's `--retry-max`, 5 min by default).
 */
export function retryDelayMs(failures: number, maxMs: number): number {
  return Math.min(FIRST_RETRY_MS * 2 ** Math.min(30, Math.max(0, failures - 1)), maxMs);
}
