import { setMaxListeners } from 'node:events';
import { FsError } from '../errors/index.js';
import type { ReplicaSetHandle } from '../heal/index.js';
import type { Logger } from '../log/index.js';
import { fullCrawl } from './full-crawl.js';
import type { CrawlEnv, CrawlSummary } from './heal-entry.js';
import { indexCrawl } from './index-crawl.js';
import type { Slots } from './slots.js';
import { CrawlHistory, type CrawlKind, type ShdStatistics } from './stats.js';

/** Index crawls repeated back to back while they make progress, before waiting for a reason. */
const MAX_REPEATS = 100;
const FIRST_RETRY_MS = 500;
const MAX_RETRY_MS = 10_000;

/** What a {@link VolumeHealer} works with. */
export interface HealerOptions {
  volume: string;
  /** The daemon's advertised host. */
  host: string;
  /** The volume's replica sets this daemon serves, already open; the healer closes them. */
  sets: ReplicaSetHandle[];
  /** The daemon-wide heal budget. */
  slots: Slots;
  /** Where crawls are recorded (kept by the daemon across volfile changes). */
  history: CrawlHistory;
  log: Logger;
}

/**
 * Runs one volume's crawls, one at a time: requests while a crawl runs are remembered (a full
 * crawl before an index one); an index crawl that healed something is repeated at once; busy
 * entries bring a retry after a short, growing backoff; any brick coming up starts an index
 * crawl.
 */
export class VolumeHealer {
  readonly volume: string;
  readonly #o: HealerOptions;
  readonly #want = { index: false, full: false };
  readonly #abort = new AbortController();
  #running: Promise<void> | null = null;
  #retryTimer: NodeJS.Timeout | null = null;
  #retryMs = FIRST_RETRY_MS;
  #closed = false;

  constructor(o: HealerOptions) {
    // Every heal of a crawl listens on this one signal; dozens at once is normal, not a leak.
    setMaxListeners(0, this.#abort.signal);
    this.volume = o.volume;
    this.#o = o;
    for (const set of o.sets) {
      set.onEvent((e) => {
        if (e.kind === 'child-up') this.request('index');
      });
    }
  }

  /** Asks for a crawl; it starts now, or after the running one. */
  request(kind: CrawlKind): void {
    if (this.#closed) return;
    this.#want[kind] = true;
    this.#kick();
  }

  /** The volume's crawl counters as this daemon sees them. */
  statistics(): ShdStatistics {
    return this.#o.history.snapshot(this.volume, this.#o.host);
  }

  /** Resolves when no crawl runs and none is asked for (a pending busy retry does not count). */
  async idle(): Promise<void> {
    while (this.#running) await this.#running;
  }

  /** Stops crawling (heals in flight are cancelled) and closes the replica sets. */
  async close(): Promise<void> {
    this.#closed = true;
    if (this.#retryTimer) clearTimeout(this.#retryTimer);
    this.#abort.abort();
    await this.idle();
    await Promise.all(this.#o.sets.map((s) => s.close()));
  }

  #kick(): void {
    if (this.#running || this.#closed) return;
    this.#running = this.#loop().finally(() => {
      this.#running = null;
      // A request that landed while the loop was returning must not be lost.
      if (this.#want.index || this.#want.full) this.#kick();
    });
  }

  async #loop(): Promise<void> {
    let repeats = 0;
    while (!this.#closed) {
      const kind: CrawlKind | null = this.#want.full ? 'full' : this.#want.index ? 'index' : null;
      if (!kind) return;
      this.#want[kind] = false;
      const sum = await this.#crawl(kind);
      if (sum.retry) this.#scheduleRetry();
      else this.#retryMs = FIRST_RETRY_MS;
      if (kind === 'index' && sum.progress && repeats++ < MAX_REPEATS) this.#want.index = true;
    }
  }

  async #crawl(kind: CrawlKind): Promise<CrawlSummary> {
    const stats = this.#o.history.begin(kind);
    const env: CrawlEnv = {
      host: this.#o.host, slots: this.#o.slots, stats, signal: this.#abort.signal, log: this.#o.log,
    };
    try {
      return await (kind === 'full' ? fullCrawl : indexCrawl)(this.#o.sets, env);
    } catch (e) {
      if (!this.#abort.signal.aborted) this.#o.log.error('crawl failed', { kind, error: FsError.from(e).message });
      return { progress: false, retry: false };
    } finally {
      this.#o.history.end();
      const level = stats.scanned > 0 || kind === 'full' ? 'info' : 'debug';
      this.#o.log[level]('crawl finished', { ...stats });
    }
  }

  #scheduleRetry(): void {
    if (this.#retryTimer || this.#closed) return;
    this.#retryTimer = setTimeout(() => {
      this.#retryTimer = null;
      this.request('index');
    }, this.#retryMs);
    this.#retryTimer.unref();
    this.#retryMs = Math.min(MAX_RETRY_MS, this.#retryMs * 2);
  }
}
