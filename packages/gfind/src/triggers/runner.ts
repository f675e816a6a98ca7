import { readFileSync, statSync } from 'node:fs';
import {
  brickTriggersPath, listCheckpoints, removeCheckpoint, type BrickContext, type BrickTriggersFile, type TriggerRecord,
} from 'glusterfs-core';
import { brickLookup } from './brick-lookup.js';
import { parseDefinition } from './definition.js';
import { consumerName, TriggerFollower } from './follower.js';

/** How often the journal is read (records reach it within ~100 ms of the fop). */
export const POLL_MS = 150;
/** How often `triggers.json` is checked for changes. */
export const DEFINITIONS_POLL_MS = 1000;

/** Where the runner's warnings go (the brick's log). */
export type RunnerWarn = (msg: string, fields?: Record<string, unknown>) => void;

/**
 * The trigger runner of one brick: reads the definitions glusterd writes into
 * `BRICK/.glusterfs/triggers.json` (again whenever its mtime changes), runs one
 * {@link TriggerFollower} per trigger, reads the journal every {@link POLL_MS} and starts due
 * deliveries. A trigger removed from the file (also while the brick was down) loses its
 * checkpoint, so the journal stops keeping files for it.
 */
export class TriggerRunner {
  readonly #brick: BrickContext;
  readonly #warn: RunnerWarn;
  readonly #stop = new AbortController();
  readonly #followers = new Map<string, TriggerFollower>();
  #timer: NodeJS.Timeout | undefined;
  #defsStamp = '';
  #defsCheckedAt = 0;
  #brickName: string;
  /** Warnings already given, so a broken file or definition is reported once, not every poll. */
  readonly #warned = new Set<string>();

  constructor(brick: BrickContext, warn: RunnerWarn) {
    this.#brick = brick;
    this.#brickName = brick.path;
    this.#warn = warn;
  }

  /** Starts polling (the first poll at once). */
  start(): void {
    this.#tick();
  }

  /** Stops polling and kills commands in flight (their events stay pending for the next start). */
  stop(): void {
    clearTimeout(this.#timer);
    this.#stop.abort();
    for (const f of this.#followers.values()) f.close(false);
    this.#followers.clear();
  }

  /** Every trigger followed here, with its pending and in-flight counts. */
  status(): ReturnType<TriggerFollower['status']>[] {
    return [...this.#followers.values()].map((f) => f.status());
  }

  #tick(): void {
    if (this.#stop.signal.aborted) return;
    const now = Date.now();
    try {
      if (now - this.#defsCheckedAt >= DEFINITIONS_POLL_MS) {
        this.#defsCheckedAt = now;
        this.#reloadIfChanged();
      }
    } catch (e) {
      this.#warnOnce('cannot read the trigger definitions', { error: (e as Error).message });
    }
    for (const f of this.#followers.values()) {
      try {
        f.poll();
        f.dispatch(now);
      } catch (e) {
        this.#warnOnce('trigger cannot follow the journal', { trigger: f.name, error: (e as Error).message });
      }
    }
    this.#timer = setTimeout(() => this.#tick(), POLL_MS);
  }

  #reloadIfChanged(): void {
    const file = brickTriggersPath(this.#brick.path);
    const st = statSync(file, { throwIfNoEntry: false });
    const stamp = st ? `${st.ino}:${st.mtimeMs}:${st.size}` : 'none';
    if (stamp === this.#defsStamp) return;
    this.#defsStamp = stamp;
    // No file: this brick was not started by glusterd (or never had triggers): nothing to run,
    // and nothing is forgotten either.
    if (!st) return;
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as BrickTriggersFile;
    this.#brickName = parsed.brick || this.#brick.path;
    this.#apply(Array.isArray(parsed.triggers) ? parsed.triggers : []);
  }

  #apply(records: TriggerRecord[]): void {
    const wanted = new Map(records.map((r) => [r.name, r]));
    for (const [name, f] of this.#followers) {
      if (wanted.get(name)?.id === f.id) continue;
      f.close(true);
      this.#followers.delete(name);
    }
    // Triggers removed while this brick was down left checkpoints behind.
    for (const { name } of listCheckpoints(this.#brick.path)) {
      if (name.startsWith('trigger.') && !records.some((r) => consumerName(r.name) === name)) removeCheckpoint(this.#brick.path, name);
    }
    for (const r of records) {
      if (this.#followers.has(r.name)) continue;
      try {
        const def = parseDefinition(r.definition);
        this.#followers.set(r.name, new TriggerFollower(r, def, {
          root: this.#brick.path, volume: this.#brick.volume, brick: this.#brickName, lookup: brickLookup(this.#brick.path),
          stop: this.#stop.signal, warn: this.#warn,
        }));
      } catch (e) {
        this.#warnOnce('trigger not run: its definition is not understood', { trigger: r.name, error: (e as Error).message });
      }
    }
  }

  #warnOnce(msg: string, fields: Record<string, unknown>): void {
    const key = msg + JSON.stringify(fields);
    if (this.#warned.has(key)) return;
    this.#warned.add(key);
    this.#warn(msg, fields);
  }
}
