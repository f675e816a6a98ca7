import { createServer } from 'node:net';

function portFree(port: number, host: string): Promise<boolean> {
  return new Promise((resolve) => {
    const s = createServer();
    s.once('error', () => resolve(false));
    s.listen(port, host, () => s.close(() => resolve(true)));
  });
}

/**
 * The first base, from `start` in steps of `step`, for which every `base + offset` can be
 * listened on at `host` right now. Throws after `tries` bases.
 */
export async function freePortBase(start: number, offsets: readonly number[], host = '127.0.0.1', step = 100, tries = 20): Promise<number> {
  for (let base = start, i = 0; i < tries; i++, base += step) {
    let free = true;
    for (const off of offsets) {
      if (!(free = await portFree(base + off, host))) break;
    }
    if (free) return base;
  }
  throw new Error(`no free port base from ${start} (step ${step}) for offsets ${offsets.join(',')}`);
}
