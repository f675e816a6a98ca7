import { mkdirSync, rmSync } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import {
  compareCursors, encodeRecord, journalFileName, journalFilesIn, listCheckpointsIn, type NewRecord,
} from '../../../changelog/index.js';
import type { Logger } from '../../../log/index.js';

/** How a {@link JournalWriter} batches, rotates and prunes. */
export interface JournalWriterConfig {
  /** The journal directory (`BRICK/.glusterfs/changelogs`), consumers' checkpoints under `consumers/`. */
  dir: string;
  rolloverMs: number;
  fsyncIntervalMs: number;
  retentionMs: number;
  log: Logger;
}

/**
 * Appends journal records in batches: records wait in memory at most `fsyncIntervalMs`, then
 * one append and one fdatasync write them all, so a burst of creates costs one write, not one
 * per create. Every `rolloverMs` a new file starts (files are only created when a record
 * comes), and files every registered consumer has passed are deleted. Not durable before the
 * batch is written: a brick crash loses at most the last interval's records, as GlusterFS's
 * changelog does with its fsync off.
 */
export class JournalWriter {
  readonly #cfg: JournalWriterConfig;
  #pending: string[] = [];
  #timer: NodeJS.Timeout | undefined;
  #flushing: Promise<void> = Promise.resolve();
  #fh: FileHandle | undefined;
  #file: string | undefined;
  #rollover: NodeJS.Timeout;
  #records = 0;
  #bytes = 0;
  #closed = false;
  /** GFIDs that already have a data record in the current file. */
  readonly dataSeen = new Set<string>();

  constructor(cfg: JournalWriterConfig) {
    this.#cfg = cfg;
    mkdirSync(cfg.dir, { recursive: true, mode: 0o700 });
    this.#rollover = setInterval(() => void this.#rotate(), cfg.rolloverMs);
    this.#rollover.unref();
    this.#prune();
  }

  /** Queues one record; it reaches the disk with the next batch. */
  append(r: NewRecord): void {
    if (this.#closed) return;
    this.#pending.push(encodeRecord(r));
    this.#timer ??= setTimeout(() => {
      this.#timer = undefined;
      void this.flush();
    }, this.#cfg.fsyncIntervalMs);
  }

  /** Writes and syncs every queued record (batches are written one after another, in order). */
  flush(): Promise<void> {
    this.#flushing = this.#flushing.then(() => this.#writeBatch());
    return this.#flushing;
  }

  /** What `volume status` shows: the file being written, records and bytes since start. */
  status(): { file: string | null; records: number; bytes: number } {
    return { file: this.#file ?? null, records: this.#records, bytes: this.#bytes };
  }

  /** Writes what is queued and stops the timers. */
  async close(): Promise<void> {
    clearInterval(this.#rollover);
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = undefined;
    await this.flush();
    this.#closed = true;
    await this.#fh?.close();
    this.#fh = undefined;
  }

  async #writeBatch(): Promise<void> {
    if (this.#pending.length === 0) return;
    const text = this.#pending.join('');
    const n = this.#pending.length;
    this.#pending = [];
    try {
      if (!this.#fh) {
        this.#file = journalFileName(Date.now());
        this.#fh = await open(`${this.#cfg.dir}/${this.#file}`, 'a', 0o600);
      }
      await this.#fh.write(text);
      await this.#fh.datasync();
      this.#records += n;
      this.#bytes += Buffer.byteLength(text);
    } catch (e) {
      // The fop already succeeded; losing its record is logged, not turned into a failure.
      this.#cfg.log.error('journal write failed; records lost', { records: n, error: (e as Error).message });
    }
  }

  /** Ends the current file (the next record starts a new one) and prunes. */
  async #rotate(): Promise<void> {
    await this.flush();
    if (this.#fh) {
      const fh = this.#fh;
      this.#fh = undefined;
      this.#flushing = this.#flushing.then(() => fh.close());
      await this.#flushing;
      this.dataSeen.clear();
    }
    this.#prune();
  }

  /** Deletes files every consumer has passed (none registered: files past retention). Never the current one. */
  #prune(): void {
    try {
      const files = journalFilesIn(this.#cfg.dir);
      const consumers = listCheckpointsIn(this.#cfg.dir);
      let keepFrom: string;
      if (consumers.length > 0) {
        keepFrom = consumers.map((c) => c.checkpoint.cursor).sort(compareCursors)[0]!.file;
      } else {
        if (this.#cfg.retentionMs === 0) return;
        keepFrom = journalFileName(Date.now() - this.#cfg.retentionMs);
      }
      for (const f of files) {
        if (f >= keepFrom || f === this.#file) break;
        rmSync(`${this.#cfg.dir}/${f}`, { force: true });
      }
    } catch (e) {
      this.#cfg.log.warn('journal prune failed', { error: (e as Error).message });
    }
  }
}
