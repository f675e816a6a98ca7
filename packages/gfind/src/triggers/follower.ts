import {
  cursorAt, loadCheckpoint, readJournal, removeCheckpoint, saveCheckpoint, type JournalCursor, type TriggerRecord,
} from 'glusterfs-core';
import { retryDelayMs } from './backoff.js';
import type { TriggerDefinition } from './definition.js';
import { deliver, type Delivery } from './deliver.js';
import type { Firing } from './env.js';
import { describeRecord, eventOfOp, type BrickEvent, type BrickLookup } from './events.js';
import { compileGlob } from './glob.js';
import { appendAttempt, type AttemptOutcome } from './log.js';

/** An event read from the journal and not yet delivered (or given up). */
export interface PendingEvent extends BrickEvent {
  /** The journal position just after its record: unique on the brick. */
  key: string;
  /** Failed attempts so far. */
  attempts: number;
  /** Not to be tried before this time, ms since the epoch. */
  nextAt: number;
}

/** What a follower keeps beside its journal cursor, in its checkpoint (atomically with it). */
interface SavedState {
  /** The trigger definition's id: a new one (removed and added again) starts over. */
  id: string;
  pending: PendingEvent[];
}

/** Where a follower runs. */
export interface FollowerContext {
  root: string;
  volume: string;
  /** `host:/path`. */
  brick: string;
  lookup: BrickLookup;
  /** Aborted when the brick stops: commands in flight are killed. */
  stop: AbortSignal;
  warn(msg: string, fields?: Record<string, unknown>): void;
}

/** At most this many events of one trigger wait on a brick; reading the journal pauses until some are done. */
export const PENDING_WINDOW = 256;
/** Events of one trigger delivered at once (events of one file always one after another). */
export const CONCURRENCY = 4;

/** The journal consumer name of trigger `name`. */
export function consumerName(name: string): string {
  return `trigger.${name}`;
}

/**
 * One trigger on one brick: follows the brick's change journal from its own checkpoint
 * (`trigger.<NAME>`), keeps the matching events it has read but not yet delivered in that
 * checkpoint too (one atomic file: cursor and pending events move together), and delivers
 * them with retries.
 *
 * Delivery is at least once: an event leaves the pending list, and the checkpoint is saved,
 * right after its delivery succeeded or its last attempt failed, so after a crash of the brick
 * (or of glusterd, which restarts it) exactly the events without a recorded outcome run again.
 * An event that failed `attempts` times is given up (logged as `gave-up`); retries wait 1 s,
 * 2 s, 4 s, … (up to `--retry-max`) in between and do not hold back other files' events.
 */
export class TriggerFollower {
  readonly name: string;
  readonly id: string;
  readonly #def: TriggerDefinition;
  readonly #match: ((path: string) => boolean) | undefined;
  readonly #ctx: FollowerContext;
  #cursor: JournalCursor;
  #pending: PendingEvent[];
  readonly #inflight = new Set<string>();
  #closed = false;

  constructor(record: TriggerRecord, def: TriggerDefinition, ctx: FollowerContext) {
    this.name = record.name;
    this.id = record.id;
    this.#def = def;
    this.#match = def.match === undefined ? undefined : compileGlob(def.match);
    this.#ctx = ctx;
    const saved = loadCheckpoint(ctx.root, consumerName(record.name));
    const data = saved?.data as SavedState | undefined;
    if (saved && data?.id === record.id && Array.isArray(data.pending)) {
      this.#cursor = saved.cursor;
      this.#pending = data.pending;
    } else {
      // New here (or redefined): events from the moment it was defined on.
      this.#cursor = cursorAt(ctx.root, record.created);
      this.#pending = [];
      this.#save();
    }
  }

  /** Reads new journal records into the pending list (while there is room); the number of events added. */
  poll(): number {
    const room = PENDING_WINDOW - this.#pending.length;
    if (this.#closed || room <= 0) return 0;
    const batch = readJournal(this.#ctx.root, this.#cursor, { limit: room });
    if (batch.gap) this.#ctx.warn('journal files were pruned before this trigger read them; their events are lost', { trigger: this.name });
    let added = 0;
    for (const r of batch.records) {
      if (eventOfOp(r.op) !== this.#def.on) continue;
      const ev = describeRecord(r, this.#ctx.lookup);
      if (!ev || !this.#matches(ev)) continue;
      this.#pending.push({ ...ev, key: `${r.next.file}:${r.next.offset}`, attempts: 0, nextAt: 0 });
      added++;
    }
    if (batch.records.length || batch.gap) {
      this.#cursor = batch.next;
      this.#save();
    }
    return added;
  }

  /** Starts the deliveries that are due, up to {@link CONCURRENCY}, in journal order per file. */
  dispatch(now = Date.now()): void {
    const busyFiles = new Set<string>();
    for (const p of this.#pending) {
      if (this.#closed || this.#inflight.size >= CONCURRENCY) return;
      const blocked = busyFiles.has(p.gfid);
      busyFiles.add(p.gfid);
      if (blocked || this.#inflight.has(p.key) || p.nextAt > now) continue;
      this.#inflight.add(p.key);
      const started = Date.now();
      void deliver(this.#def, this.#firing(p), this.#ctx.stop).then((d) => this.#finish(p, d, started)).catch((e: Error) => {
        // The outcome could not be saved: the event stays pending in memory and on disk.
        this.#inflight.delete(p.key);
        this.#ctx.warn('cannot save the trigger checkpoint', { trigger: this.name, error: e.message });
      });
    }
  }

  /** Pending and in-flight counts, and the journal position (the `gtrigger.status` task). */
  status(): { name: string; pending: number; inflight: number; cursor: JournalCursor } {
    return { name: this.name, pending: this.#pending.length, inflight: this.#inflight.size, cursor: this.#cursor };
  }

  /**
   * Stops following. `forget` (the trigger was removed) also drops its checkpoint, so the
   * journal no longer keeps files for it; otherwise the state stays for the next start.
   */
  close(forget: boolean): void {
    this.#closed = true;
    if (forget) removeCheckpoint(this.#ctx.root, consumerName(this.name));
  }

  #matches(ev: BrickEvent): boolean {
    if (!this.#match) return true;
    // A rename fires when either name matches: a file renamed into or out of the pattern.
    return this.#match(ev.path) || (ev.oldPath !== undefined && this.#match(ev.oldPath));
  }

  #firing(p: PendingEvent): Firing {
    const { key: _k, attempts: _a, nextAt: _n, ...ev } = p;
    return { ...ev, trigger: this.name, volume: this.#ctx.volume, brick: this.#ctx.brick, brickRoot: this.#ctx.root };
  }

  #finish(p: PendingEvent, d: Delivery, started: number): void {
    // Stopped meanwhile (the brick is going down, or the trigger was removed): no outcome is
    // recorded, so a later start tries the event again.
    if (this.#closed || this.#ctx.stop.aborted) return;
    this.#inflight.delete(p.key);
    const attempt = p.attempts + 1;
    let outcome: AttemptOutcome = 'ok';
    if (!d.ok) outcome = attempt >= this.#def.attempts ? 'gave-up' : 'failed';
    if (outcome === 'failed') {
      p.attempts = attempt;
      p.nextAt = Date.now() + retryDelayMs(attempt, this.#def.retryMaxSec * 1000);
    } else {
      this.#pending = this.#pending.filter((q) => q !== p);
    }
    // The outcome is on disk before anything else runs: a delivered event is never fired again.
    this.#save();
    try {
      const { ok: _ok, ...result } = d;
      appendAttempt(this.#ctx.root, {
        time: started, trigger: this.name, brick: this.#ctx.brick, event: p.event, path: p.path,
        ...(p.oldPath !== undefined ? { oldPath: p.oldPath } : {}), gfid: p.gfid, eventTs: p.ts, attempt, outcome,
        ...result, ...(outcome === 'failed' ? { retryAt: p.nextAt } : {}),
      });
    } catch (e) {
      this.#ctx.warn('cannot append to the trigger log', { trigger: this.name, error: (e as Error).message });
    }
    this.dispatch();
  }

  #save(): void {
    const data: SavedState = { id: this.id, pending: this.#pending };
    saveCheckpoint(this.#ctx.root, consumerName(this.name), this.#cursor, data);
  }
}
