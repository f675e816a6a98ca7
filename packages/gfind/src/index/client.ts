import { FsError, type Volume } from 'glusterfs-core';
import type { IndexStatus, QueryArgs, QueryChunk, QueryResult } from './wire.js';

/** A brick's status with where it comes from. */
export type BrickIndexStatus = IndexStatus & { brick: string; subvolume: string };

/** What a query over the whole volume found. */
export interface VolumeMatches {
  /** Matching paths (each once), in code-unit order, at most `limit`. */
  paths: string[];
  /** Whether each is a directory. */
  dirs: boolean[];
  /** The number of distinct matches (with `countOnly`, without `paths` for files), at most `limit`. */
  count: number;
  /** Per replica set: the time its brick spent, ms. */
  brickMs: number[];
}

/** Options of {@link queryVolume}. */
export interface QueryVolumeOptions {
  /** Called while some brick is still building its first shard (with every brick's status). */
  onWait?: (statuses: BrickIndexStatus[]) => void;
  /** Give up waiting for first builds after this long (default 10 minutes). */
  waitMs?: number;
}

const WAIT_POLL_MS = 200;

/**
 * Runs `glocate.query` on one live brick of every replica set in parallel and merges: each
 * brick answers in code-unit order, directories (present on every brick of a distribute
 * volume) are kept once. While a brick is still building its first shard (EAGAIN), waits and
 * asks again. ENOTCONN when a whole replica set is down; EINVAL for a bad pattern.
 */
export async function queryVolume(vol: Volume, args: QueryArgs, opts: QueryVolumeOptions = {}): Promise<VolumeMatches> {
  const deadline = Date.now() + (opts.waitMs ?? 600_000);
  for (;;) {
    const lists = new Map<string, { paths: string[]; dirs: number[] }>();
    try {
      const results = await vol.runTask('glocate.query', args, {
        onChunk: (chunk, brick) => {
          const c = chunk as QueryChunk;
          const l = lists.get(brick) ?? { paths: [], dirs: [] };
          lists.set(brick, l);
          for (let i = 0; i < c.paths.length; i++) {
            l.paths.push(c.paths[i]!);
            l.dirs.push(c.dirs[i]!);
          }
        },
      }) as QueryResult[];
      return merge([...lists.values()], results, args);
    } catch (e) {
      if (!(e instanceof FsError) || e.code !== 'EAGAIN' || Date.now() > deadline) throw e;
      opts.onWait?.(await volumeStatus(vol));
      await new Promise((r) => setTimeout(r, WAIT_POLL_MS));
    }
  }
}

/** Every queried brick's index status (one live brick per replica set). */
export async function volumeStatus(vol: Volume): Promise<BrickIndexStatus[]> {
  return await vol.runTask('glocate.status', null) as BrickIndexStatus[];
}

/** Starts a fresh crawl on one live brick of every replica set; returns their statuses right after. */
export async function updateVolume(vol: Volume): Promise<BrickIndexStatus[]> {
  return await vol.runTask('glocate.update', null) as BrickIndexStatus[];
}

function merge(lists: { paths: string[]; dirs: number[] }[], results: QueryResult[], args: QueryArgs): VolumeMatches {
  const limit = args.limit ?? Infinity;
  const out: VolumeMatches = { paths: [], dirs: [], count: 0, brickMs: results.map((r) => r.ms) };
  const heads = lists.map(() => 0);
  let last: string | undefined;
  for (;;) {
    let best = -1;
    for (let k = 0; k < lists.length; k++) {
      const p = lists[k]!.paths[heads[k]!];
      if (p !== undefined && (best < 0 || p < lists[best]!.paths[heads[best]!]!)) best = k;
    }
    if (best < 0) break;
    const l = lists[best]!;
    const p = l.paths[heads[best]!]!;
    const dir = l.dirs[heads[best]!++] === 1;
    if (p === last) continue; // the same directory from another brick
    last = p;
    out.paths.push(p);
    out.dirs.push(dir);
  }
  const files = results.reduce((n, r) => n + r.files, 0);
  out.count = Math.min(limit, args.countOnly ? files + out.paths.length : out.paths.length);
  if (out.paths.length > limit) {
    out.paths.length = limit;
    out.dirs.length = limit;
  }
  return out;
}
