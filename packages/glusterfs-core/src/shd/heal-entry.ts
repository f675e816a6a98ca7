import { FsError } from '../errors/index.js';
import { HEAL_FULL_XDATA, type HealResult } from '../format/index.js';
import type { Loc, Subvol } from '../fop/index.js';
import { getVxattrJson, type ReplicaSetSpec } from '../heal/index.js';
import type { Logger } from '../log/index.js';
import type { Slots } from './slots.js';
import { countFailure, countHeal, type CrawlStats, type HealOutcome } from './stats.js';

/** What a crawl needs of a mounted replica set (a `ReplicaSetHandle` is one). */
export interface CrawlSet {
  readonly spec: ReplicaSetSpec;
  readonly top: Subvol;
  isUp(child: string): boolean;
}

/** What a crawl runs with: who it is, its heal budget, its counters, and how to stop it. */
export interface CrawlEnv {
  /** The daemon's advertised host: bricks on it are local. */
  host: string;
  slots: Slots;
  stats: CrawlStats;
  signal: AbortSignal;
  log: Logger;
}

/** Which tally each crawl's outcomes fall into, for the scheduler. */
export interface CrawlSummary {
  /** Some entry was fully healed: a repeat may find entries that heal created. */
  progress: boolean;
  /** Some entry was busy: crawl again soon. */
  retry: boolean;
}

/** Folds heal outcomes into a {@link CrawlSummary}. */
export function summarize(outcomes: HealOutcome[]): CrawlSummary {
  return { progress: outcomes.includes('healed'), retry: outcomes.includes('busy') };
}

/**
 * Heals one entry through afr (`getxattr(loc, name)`, name being `glusterfs.heal.run` or
 * `glusterfs.heal.run.<gfid>`) when a slot is free, and counts the result. A failed heal is
 * counted and logged, not thrown; ECANCELED when the crawl was stopped.
 */
export async function healEntry(env: CrawlEnv, top: Subvol, loc: Loc, name: string, full: boolean): Promise<HealOutcome> {
  env.stats.total++;
  return env.slots.run(async () => {
    if (env.signal.aborted) throw new FsError('ECANCELED', 'crawl stopped');
    try {
      const xdata = full ? { [HEAL_FULL_XDATA]: true } : {};
      const r = await getVxattrJson<HealResult>(top, loc, name, { xdata, signal: env.signal });
      const outcome = countHeal(env.stats, r);
      if (outcome === 'split-brain') env.log.warn('entry is in split-brain', { set: top.name, gfid: r.gfid, path: r.path, kind: r.splitBrain });
      return outcome;
    } catch (e) {
      if (env.signal.aborted) throw new FsError('ECANCELED', 'crawl stopped');
      const fe = FsError.from(e);
      env.log.warn('heal failed', { set: top.name, path: loc.path, name, error: fe.message });
      return countFailure(env.stats);
    }
  });
}
