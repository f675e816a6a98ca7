import { appendFileSync, mkdirSync, readFileSync, renameSync, statSync } from 'node:fs';
import { FsError } from 'glusterfs-core';
import { checkTriggerName, type TriggerEvent } from './definition.js';
import type { Delivery } from './deliver.js';

/** How an attempt ended: delivered, failed (to be retried), failed for the last time. */
export type AttemptOutcome = 'ok' | 'failed' | 'gave-up';

/** One line of a trigger's log on a brick: one attempt at one event, and how its delivery went. */
export interface AttemptLogEntry extends Omit<Delivery, 'ok'> {
  /** When the attempt started, ms since the epoch. */
  time: number;
  trigger: string;
  /** The brick that recorded the event, `host:/path`. */
  brick: string;
  event: TriggerEvent;
  path: string;
  oldPath?: string;
  gfid: string;
  /** When the brick recorded the event (so the delay to `time` is the trigger's latency). */
  eventTs: number;
  /** 1 for the first attempt at this event. */
  attempt: number;
  outcome: AttemptOutcome;
  /** When the next attempt is due (outcome `failed`), ms since the epoch. */
  retryAt?: number;
}

/** A log grows to this size, then becomes `<NAME>.jsonl.1` (replacing the older one) and starts over. */
export const LOG_ROTATE_BYTES = 1024 * 1024;

/** Where trigger logs live on a brick. */
export function logDir(brickRoot: string): string {
  return `${brickRoot}/.glusterfs/triggers/log`;
}

function logFile(brickRoot: string, trigger: string): string {
  return `${logDir(brickRoot)}/${checkTriggerName(trigger)}.jsonl`;
}

/**
 * Appends one attempt to trigger `trigger`'s log on the brick (one JSON line; the directory is
 * made 0700, the file 0600: outputs may hold what only root should read). The log keeps at
 * most two generations of {@link LOG_ROTATE_BYTES}.
 */
export function appendAttempt(brickRoot: string, entry: AttemptLogEntry): void {
  const file = logFile(brickRoot, entry.trigger);
  try {
    mkdirSync(logDir(brickRoot), { recursive: true, mode: 0o700 });
    const size = statSync(file, { throwIfNoEntry: false })?.size ?? 0;
    if (size >= LOG_ROTATE_BYTES) renameSync(file, `${file}.1`);
    appendFileSync(file, JSON.stringify(entry) + '\n', { mode: 0o600 });
  } catch (e) {
    throw FsError.from(e);
  }
}

/**
 * The last `limit` attempts in trigger `trigger`'s log on the brick (both generations), oldest
 * first; none when it never ran here. A torn last line (a crash mid-append) is skipped. EINVAL
 * for a name that is not a trigger name (it never reaches outside the log directory).
 */
export function readAttempts(brickRoot: string, trigger: string, limit: number): AttemptLogEntry[] {
  const file = logFile(brickRoot, trigger);
  const lines = [...readLines(`${file}.1`), ...readLines(file)];
  const out: AttemptLogEntry[] = [];
  for (const line of lines.slice(-limit)) {
    try {
      out.push(JSON.parse(line) as AttemptLogEntry);
    } catch { /* torn line */ }
  }
  return out;
}

function readLines(file: string): string[] {
  try {
    return readFileSync(file, 'utf8').split('\n').filter((l) => l !== '');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw FsError.from(e);
  }
}
