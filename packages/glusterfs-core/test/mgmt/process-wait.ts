/** Polls `f` (backing off from 10 to 100 ms) until it returns a truthy value; throws after `ms`. */
export async function until<T>(what: string, f: () => T | undefined | false, ms = 15_000): Promise<T> {
  const end = Date.now() + ms;
  for (let d = 10; Date.now() < end; d = Math.min(d * 2, 100)) {
    const v = f();
    if (v) return v;
    await new Promise((r) => setTimeout(r, d));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** True while process `pid` exists. */
export const alive = (pid: number): boolean => {
  try { process.kill(pid, 0); return true; } catch { return false; }
};
