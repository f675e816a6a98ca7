import { cursorAt, FsError, listCheckpoints, loadCheckpoint, removeCheckpoint, saveCheckpoint } from 'glusterfs-core';

/** A session as one brick keeps it. */
export interface SessionPoint {
  session: string;
  /** The end of the last committed window, ms since the epoch (the next window starts after it). */
  time: number;
}

const NAME_RE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const PREFIX = 'changes.';

/** EINVAL unless `name` is a session name: 1–64 of `A-Z a-z 0-9 . _ -`, starting with a letter or digit. */
export function checkSessionName(name: unknown): string {
  if (typeof name !== 'string' || !NAME_RE.test(name)) {
    throw new FsError('EINVAL', `invalid session name '${String(name)}' (1-64 letters, digits, '.', '_', '-')`);
  }
  return name;
}

/**
 * The session's committed time on this brick, or undefined when the brick does not have it.
 * A session is the journal consumer `changes.<session>` (core's checkpoints); its time rides
 * in the checkpoint's data, as the window is a time range valid on every brick of a set.
 */
export function loadSessionPoint(brick: string, session: string): SessionPoint | undefined {
  const cp = loadCheckpoint(brick, PREFIX + checkSessionName(session));
  return pointOf(session, cp?.data);
}

/**
 * Stores the session's time on this brick: the checkpoint's cursor is just before the first
 * record after `time`, which registers the consumer so the journal keeps what the next window
 * needs (core prunes only files every consumer has passed).
 */
export function saveSessionPoint(brick: string, session: string, time: number): void {
  saveCheckpoint(brick, PREFIX + checkSessionName(session), cursorAt(brick, time + 1), { time });
}

/** Forgets the session on this brick (its journal is no longer kept for it); true when it had it. */
export function removeSessionPoint(brick: string, session: string): boolean {
  const had = loadSessionPoint(brick, session) !== undefined;
  removeCheckpoint(brick, PREFIX + checkSessionName(session));
  return had;
}

/** Every session this brick has, by name. */
export function listSessionPoints(brick: string): SessionPoint[] {
  return listCheckpoints(brick)
    .filter((c) => c.name.startsWith(PREFIX) && NAME_RE.test(c.name.slice(PREFIX.length)))
    .map((c) => pointOf(c.name.slice(PREFIX.length), c.checkpoint.data))
    .filter((p): p is SessionPoint => p !== undefined)
    .sort((a, b) => (a.session < b.session ? -1 : a.session > b.session ? 1 : 0));
}

function pointOf(session: string, data: unknown): SessionPoint | undefined {
  const time = (data as { time?: unknown } | undefined)?.time;
  return typeof time === 'number' && Number.isFinite(time) ? { session, time } : undefined;
}
