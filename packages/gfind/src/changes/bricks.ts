import { FsError, isFsError, replicaSets, type Volume, type Xlator } from 'glusterfs-core';

/** One brick's answer to a task. */
export interface BrickAnswer<T> {
  /** The brick's subvolume name (e.g. `gv0-client-2`). */
  subvolume: string;
  result: T;
  /** What it streamed before the result, in order. */
  chunks: unknown[];
}

/** A brick that did not answer: down when asked, or lost during the call. */
const UNREACHABLE = ['ENOTCONN', 'ETIMEDOUT', 'ECONNREFUSED'] as const;

/**
 * Runs `task` on one brick of every replica set, in parallel: the first brick of the set, in
 * the order of `prefer` (subvolume names; bricks not named come after, in volume order), that
 * is up, and when it turns out to be gone (ENOTCONN, ETIMEDOUT) the next one, so a brick
 * SIGKILLed a moment ago does not fail the call. Results in replica-set order. ENOTCONN when
 * every brick of a set is unreachable; other errors of a brick fail the call.
 */
export async function onePerSet<T>(vol: Volume, task: string, args: unknown, prefer: string[] = []): Promise<BrickAnswer<T>[]> {
  const rank = (b: BrickRef) => {
    const i = prefer.indexOf(b.subvolume);
    return i < 0 ? prefer.length : i;
  };
  return Promise.all(bricksBySet(vol).map(async (set) => {
    let last: unknown;
    const candidates = set.filter((x) => x.xlator.up !== false).sort((a, b) => rank(a) - rank(b));
    for (const b of candidates) {
      try {
        return await call<T>(b, task, args);
      } catch (e) {
        if (!isFsError(e, ...UNREACHABLE)) throw e;
        last = e;
      }
    }
    throw downError(set, last);
  }));
}

/**
 * Runs `task` on every brick that is up, in parallel (a session's point must move on each
 * brick that may answer later). Bricks that are down or drop out are listed in `down`.
 * ENOTCONN when a whole replica set is unreachable: the task reached no copy of its files.
 */
export async function everyLiveBrick<T>(vol: Volume, task: string, args: unknown): Promise<{ answers: BrickAnswer<T>[]; down: string[] }> {
  const answers: BrickAnswer<T>[] = [];
  const down: string[] = [];
  await Promise.all(bricksBySet(vol).map(async (set) => {
    let reached = 0;
    let last: unknown;
    await Promise.all(set.map(async (b) => {
      if (b.xlator.up === false) return void down.push(b.subvolume);
      try {
        answers.push(await call<T>(b, task, args));
        reached++;
      } catch (e) {
        if (!isFsError(e, ...UNREACHABLE)) throw e;
        down.push(b.subvolume);
        last = e;
      }
    }));
    if (reached === 0) throw downError(set, last);
  }));
  const order = bricksBySet(vol).flat().map((b) => b.subvolume);
  const rank = (s: string) => order.indexOf(s);
  answers.sort((a, b) => rank(a.subvolume) - rank(b.subvolume));
  down.sort((a, b) => rank(a) - rank(b));
  return { answers, down };
}

interface BrickRef {
  subvolume: string;
  xlator: Xlator;
}

function bricksBySet(vol: Volume): BrickRef[][] {
  const sets = replicaSets(vol.volfile);
  if (sets.length === 0) throw new FsError('ENOTSUP', `volume ${vol.name} has no bricks to run tasks on`);
  return sets.map((set) => set.map((subvolume) => ({ subvolume, xlator: vol.graph.xlators.get(subvolume)! })));
}

async function call<T>(b: BrickRef, task: string, args: unknown): Promise<BrickAnswer<T>> {
  if (!b.xlator.call) throw new FsError('ENOTSUP', `${b.subvolume} cannot carry tasks`);
  const chunks: unknown[] = [];
  const result = (await b.xlator.call('task', 'run', [task, args], { onChunk: (c) => chunks.push(c) })) as T;
  return { subvolume: b.subvolume, result, chunks };
}

function downError(set: BrickRef[], last: unknown): FsError {
  const why = last instanceof Error ? ` (${last.message})` : '';
  return new FsError('ENOTCONN', `every brick of replica set ${set.map((b) => b.subvolume).join(', ')} is down${why}`);
}
