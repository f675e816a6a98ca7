import { stat } from 'node:fs/promises';
import { dirname } from 'node:path';

/**
 * Why other local users (not the owner, not root) can reach files inside the brick at `path`, or
 * undefined when they cannot. They can when every directory from `/` down to the brick's parent
 * lets others search it (o+x): then a brick file keeps the mode a client gave it, and a local
 * user can read it, or run it with its setuid bit, as if it were theirs. One directory on the
 * way that others cannot search (mode 0700, or 0750 with a private group) closes that door.
 * Returns the most specific open directory and its mode, e.g. `/srv/bricks (mode 0755)`.
 */
export async function brickReachableBy(path: string): Promise<string | undefined> {
  let dir = dirname(path);
  let nearest: string | undefined;
  for (;;) {
    let mode: number;
    try {
      mode = (await stat(dir)).mode & 0o7777;
    } catch {
      return undefined;
    }
    if ((mode & 0o001) === 0) return undefined;
    nearest ??= `${dir} (mode ${mode.toString(8).padStart(4, '0')})`;
    const up = dirname(dir);
    if (up === dir) return nearest;
    dir = up;
  }
}
