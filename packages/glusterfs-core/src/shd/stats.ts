import type { HealResult } from '../format/index.js';

/** Which crawl: the pending-heal indices (`index`) or the whole tree (`full`, `heal VOL full`). */
export type CrawlKind = 'index' | 'full';

/** Counters of one crawl over a volume's replica sets (all counts are entries). */
export interface CrawlStats {
  kind: CrawlKind;
  /** Epoch milliseconds. */
  startedAt: number;
  /** Epoch milliseconds; null while it runs. */
  endedAt: number | null;
  /** Entries examined (index GFIDs, or tree entries walked). */
  scanned: number;
  /** Entries something was repaired on, with nothing left pending. */
  healed: number;
  /** Entries left alone because their replicas are in split-brain. */
  splitBrain: number;
  /** Heals that failed with an error. */
  failed: number;
  /** Heals skipped because another healer held the locks (retried by a later crawl). */
  busy: number;
  /** File bytes written to sinks. */
  bytesMoved: number;
  /** Heals queued so far. */
  total: number;
  /** Heals finished, whatever their outcome. */
  done: number;
}

/** What `statistics` answers for one volume on one self-heal daemon. */
export interface ShdStatistics {
  volume: string;
  /** The daemon's advertised host. */
  host: string;
  /** The crawl running now, if any. */
  current: CrawlStats | null;
  /** Finished crawls, oldest first (at most {@link CRAWL_HISTORY}). */
  crawls: CrawlStats[];
}

/** How many finished crawls a daemon remembers per volume. */
export const CRAWL_HISTORY = 20;

/** How one heal ended, as the crawl scheduler cares about it. */
export type HealOutcome = 'healed' | 'clean' | 'pending' | 'busy' | 'split-brain' | 'gone' | 'failed';

/** Counts one afr heal answer into `s` and classifies it. */
export function countHeal(s: CrawlStats, r: HealResult): HealOutcome {
  s.done++;
  s.bytesMoved += r.bytesMoved;
  if (r.busy) {
    s.busy++;
    return 'busy';
  }
  if (r.splitBrain) {
    s.splitBrain++;
    return 'split-brain';
  }
  if (r.gone) return 'gone';
  if (r.pending) return 'pending';
  if (r.healed.length === 0) return 'clean';
  s.healed++;
  return 'healed';
}

/** Counts a heal that failed with an error. */
export function countFailure(s: CrawlStats): HealOutcome {
  s.done++;
  s.failed++;
  return 'failed';
}

/** One volume's crawl history: the running crawl and the last {@link CRAWL_HISTORY} finished ones. */
export class CrawlHistory {
  #current: CrawlStats | null = null;
  readonly #past: CrawlStats[] = [];

  /** Starts recording a crawl (ending any still marked running) and returns its live counters. */
  begin(kind: CrawlKind, now = Date.now()): CrawlStats {
    if (this.#current) this.end(now);
    this.#current = {
      kind, startedAt: now, endedAt: null, scanned: 0, healed: 0, splitBrain: 0, failed: 0, busy: 0, bytesMoved: 0,
      total: 0, done: 0,
    };
    return this.#current;
  }

  /** Marks the running crawl finished and files it in the history. */
  end(now = Date.now()): void {
    const c = this.#current;
    if (!c) return;
    c.endedAt = now;
    this.#current = null;
    this.#past.push(c);
    if (this.#past.length > CRAWL_HISTORY) this.#past.splice(0, this.#past.length - CRAWL_HISTORY);
  }

  /** A copy of the counters, safe to send or keep. */
  snapshot(volume: string, host: string): ShdStatistics {
    return {
      volume, host, current: this.#current ? { ...this.#current } : null, crawls: this.#past.map((c) => ({ ...c })),
    };
  }
}
