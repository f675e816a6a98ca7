import { existsSync } from 'node:fs';
import {
  journalDir, journalHead, readJournal, saveCheckpoint, type JournalCursor, type Logger,
} from 'glusterfs-core';
import { applyRecord } from './apply-record.js';
import { crawlBrick, type CrawlProgress } from './crawl.js';
import { DirTree } from './dir-tree.js';
import { loadShard, saveShard, type ShardMeta } from './persist.js';
import { buildSegment, runSteps } from './segment.js';
import { Shard, byCodeUnit } from './shard.js';
import type { IndexStatus } from './wire.js';

/** The journal consumer name the index checkpoints under. */
export const CONSUMER = 'glocate';
/** How often the journal is polled. */
const POLL_MS = 200;
/** Records applied per turn. */
const BATCH = 5_000;
/** Persist after this long without changes, or at the latest this long after the first unsaved one. */
const IDLE_PERSIST_MS = 2_000;
const MAX_UNSAVED_MS = 60_000;

/**
 * One brick's glocate index, alive in the brick's resident task thread: loads the persisted
 * shard (or crawls the brick the first time, or when the journal cannot bring the shard up to
 * date), then follows the change journal every {@link POLL_MS} ms, merges in the background,
 * and persists the shard with the journal cursor it reflects (the `glocate` checkpoint, so the
 * journal keeps every record the shard still needs).
 */
export class BrickIndex {
  readonly brick: string;
  readonly #log?: Logger;
  #shard: Shard | null = null;
  #dirs = new DirTree();
  #state: IndexStatus['state'] = 'loading';
  #meta: ShardMeta = { cursor: null, crawls: 0, crawledAt: 0 };
  #cursor: JournalCursor | null = null;
  #progress: CrawlProgress | null = null;
  #crawlsSinceStart = 0;
  #reason = '';
  #error = '';
  #applied = 0;
  #lagMs = 0;
  #dirtySince = 0;
  #lastChange = 0;
  #persistedAt = 0;
  #persistedBytes = 0;
  #merging = false;
  #crawling: Promise<void> | null = null;
  #timer: NodeJS.Timeout | undefined;
  #stopped = false;

  constructor(brick: string, log?: Logger) {
    this.brick = brick;
    this.#log = log;
  }

  /** The shard queries read (null until the first load or crawl is done). */
  get shard(): Shard | null {
    return this.#shard;
  }

  /** Loads the saved shard or starts a crawl, then starts following the journal. Resolves at once. */
  start(): void {
    setImmediate(() => {
      try {
        this.#load();
      } catch (e) {
        this.#log?.warn('glocate: saved shard unreadable, crawling', { brick: this.brick, error: (e as Error).message });
        void this.crawl('saved shard unreadable');
      }
      this.#schedule(POLL_MS);
    });
  }

  /** Crawls the brick again from scratch (`glocate --update`); the old shard answers meanwhile. */
  crawl(reason: string): Promise<void> {
    this.#crawling ??= this.#crawl(reason).finally(() => {
      this.#crawling = null;
    });
    return this.#crawling;
  }

  /** Stops following and saves unsaved changes. */
  async stop(): Promise<void> {
    this.#stopped = true;
    clearTimeout(this.#timer);
    if (this.#dirtySince && this.#shard && !this.#crawling) this.#persist();
  }

  /** What `glocate.status` reports for this brick. */
  status(): IndexStatus {
    const counts = this.#shard?.counts();
    return {
      state: this.#state,
      entries: this.#shard?.size ?? 0,
      dirs: counts?.dirs ?? 0,
      files: counts?.files ?? 0,
      crawling: this.#crawling !== null,
      crawl: this.#progress ? { ...this.#progress } : null,
      crawls: this.#meta.crawls,
      crawlsSinceStart: this.#crawlsSinceStart,
      crawlReason: this.#reason,
      journal: this.#cursor === null ? 'off' : 'following',
      cursor: this.#cursor,
      applied: this.#applied,
      lagMs: this.#lagMs,
      unsavedMs: this.#dirtySince ? Date.now() - this.#dirtySince : 0,
      persistedAt: this.#persistedAt,
      persistedBytes: this.#persistedBytes,
      memoryBytes: this.#shard?.base.memoryBytes ?? 0,
      error: this.#error,
    };
  }

  #load(): void {
    const journalOn = existsSync(journalDir(this.brick));
    const stored = loadShard(this.brick);
    if (!stored) return void this.crawl('first build');
    if (!journalOn) return void this.crawl('the change journal is off: the saved shard cannot be brought up to date');
    if (!stored.meta.cursor) return void this.crawl('the saved shard was built while the journal was off');
    if (readJournal(this.brick, stored.meta.cursor, { limit: 1 }).gap) {
      return void this.crawl('the journal was pruned past the saved cursor');
    }
    this.#shard = stored.shard;
    this.#dirs = stored.dirs;
    this.#meta = stored.meta;
    this.#cursor = stored.meta.cursor;
    this.#reason = 'loaded the saved shard; replaying the journal from its cursor';
    // Catch up before answering: the saved shard alone misses every change since its save.
    while (this.#follow());
    this.#state = 'ready';
  }

  async #crawl(reason: string): Promise<void> {
    this.#reason = reason;
    if (!this.#shard) this.#state = 'building';
    const journalOn = existsSync(journalDir(this.brick));
    // Changes made while the crawl runs are replayed from here afterwards (idempotently).
    const from = journalOn ? journalHead(this.brick) : null;
    this.#progress = { entries: 0, dirsRead: 0, dirsQueued: 0, startedAt: Date.now() };
    try {
      const found = await runSteps(crawlBrick(this.brick, this.#progress));
      found.entries.sort((a, b) => byCodeUnit(a[0], b[0]));
      const seg = await runSteps(buildSegment(found.entries.map((e) => e[0]), (i) => found.entries[i]![1]));
      this.#shard = new Shard(seg);
      this.#dirs = found.dirs;
      this.#cursor = from;
      this.#meta = { cursor: from, crawls: this.#meta.crawls + 1, crawledAt: Date.now() };
      this.#crawlsSinceStart++;
      this.#state = 'ready';
      this.#error = '';
      this.#log?.info('glocate: crawl done', { brick: this.brick, entries: seg.count, ms: Date.now() - this.#progress.startedAt });
      this.#persist();
    } catch (e) {
      this.#error = `crawl failed: ${(e as Error).message}`;
      if (!this.#shard) this.#state = 'failed';
      this.#log?.error('glocate: crawl failed', { brick: this.brick, error: (e as Error).message });
    } finally {
      this.#progress = null;
    }
  }

  #schedule(ms: number): void {
    if (this.#stopped) return;
    this.#timer = setTimeout(() => this.#tick(), ms);
  }

  #tick(): void {
    let more = false;
    try {
      if (this.#shard && !this.#crawling) more = this.#follow();
      this.#maintain();
    } catch (e) {
      this.#error = (e as Error).message;
      this.#log?.error('glocate: journal follower failed', { brick: this.brick, error: this.#error });
    }
    this.#schedule(more ? 0 : POLL_MS);
  }

  /** Applies the next batch of journal records; true when more are waiting. */
  #follow(): boolean {
    if (this.#cursor === null) {
      if (existsSync(journalDir(this.brick))) void this.crawl('the change journal was turned on');
      return false;
    }
    const batch = readJournal(this.brick, this.#cursor, { limit: BATCH });
    if (batch.gap) {
      void this.crawl('the journal was pruned past the index cursor');
      return false;
    }
    const ix = { shard: this.#shard!, dirs: this.#dirs };
    for (const r of batch.records) applyRecord(this.brick, ix, r);
    this.#cursor = batch.next;
    const n = batch.records.length;
    this.#applied += n;
    this.#lagMs = n === BATCH ? Date.now() - batch.records[n - 1]!.ts : 0;
    if (n > 0) {
      this.#lastChange = Date.now();
      this.#dirtySince ||= this.#lastChange;
    }
    return n === BATCH;
  }

  /** Starts a merge when one is due; persists when the shard has been idle or unsaved long enough. */
  #maintain(): void {
    const shard = this.#shard;
    if (!shard || this.#crawling) return;
    if (shard.wantsMerge && !this.#merging) {
      this.#merging = true;
      void runSteps(shard.mergeSteps()).finally(() => {
        this.#merging = false;
      });
      return;
    }
    if (this.#merging || !this.#dirtySince) return;
    const now = Date.now();
    if (now - this.#lastChange >= IDLE_PERSIST_MS || now - this.#dirtySince >= MAX_UNSAVED_MS) this.#persist();
  }

  #persist(): void {
    if (!this.#shard) return;
    const meta = { ...this.#meta, cursor: this.#cursor };
    this.#persistedBytes = saveShard(this.brick, { meta, shard: this.#shard, dirs: this.#dirs });
    this.#persistedAt = Date.now();
    this.#dirtySince = 0;
    // The checkpoint follows the saved shard, not the applied records: after a restart the
    // journal must still hold everything from the saved cursor on.
    if (meta.cursor) saveCheckpoint(this.brick, CONSUMER, meta.cursor, { entries: this.#shard.size, summary: `index of ${this.#shard.size} names saved` });
  }
}
