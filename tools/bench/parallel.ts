/** Runs `fn(0) … fn(n-1)` with at most `limit` calls in flight. */
export async function inParallel(n: number, limit: number, fn: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => { while (next < n) await fn(next++); };
  await Promise.all(Array.from({ length: Math.min(limit, n) }, worker));
}
