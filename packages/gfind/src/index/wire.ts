import type { JournalCursor } from 'glusterfs-core';
import type { PatternSpec } from './pattern.js';

/** Arguments of the `glocate.query` brick task. */
export interface QueryArgs {
  patterns: PatternSpec[];
  /** -A: every pattern must match (default: any). */
  all: boolean;
  /** At most this many matches per brick. */
  limit?: number;
  /** -c: stream directory names only (they repeat across bricks); count the rest. */
  countOnly?: boolean;
}

/** A batch of matches streamed by `glocate.query`, in code-unit order within the brick. */
export interface QueryChunk {
  paths: string[];
  /** 1 where the path is a directory. */
  dirs: number[];
}

/** The final answer of `glocate.query` on one brick. */
export interface QueryResult {
  /** Matches found (directories included). */
  matches: number;
  /** Matches that are not directories. */
  files: number;
  /** Names in the shard. */
  entries: number;
  /** Time spent on the brick, ms. */
  ms: number;
}

/** One brick's index state, as `glocate.status` reports it. */
export interface IndexStatus {
  /** `loading` the saved shard, `building` the first one, `ready` (answering), `failed`. */
  state: 'loading' | 'building' | 'ready' | 'failed';
  entries: number;
  dirs: number;
  files: number;
  /** A crawl is running (a first build, or `--update` while the old shard answers). */
  crawling: boolean;
  /** Its progress. */
  crawl: { entries: number; dirsRead: number; dirsQueued: number; startedAt: number } | null;
  /** Full crawls over the life of this brick's shard. */
  crawls: number;
  /** Full crawls since the brick (its resident task thread) started. */
  crawlsSinceStart: number;
  /** Why the last crawl ran, or how the shard was loaded. */
  crawlReason: string;
  /** `following` the change journal, or `off` (the index is as of its last crawl). */
  journal: 'following' | 'off';
  cursor: JournalCursor | null;
  /** Journal records applied since start. */
  applied: number;
  /** How far behind the journal the index is, ms (0 when caught up). */
  lagMs: number;
  /** How long changes have waited to be saved, ms. */
  unsavedMs: number;
  persistedAt: number;
  persistedBytes: number;
  memoryBytes: number;
  error: string;
}
