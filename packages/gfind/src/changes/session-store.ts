import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FsError } from 'glusterfs-core';

/** A session as one brick keeps it. */
export interface SessionPoint {
  session: string;
  /** The end of the last committed window, ms since the epoch (the next window starts after it). */
  time: number;
}

const NAME_RE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/** EINVAL unless `name` is a session name: 1–64 of `A-Z a-z 0-9 . _ -`, not starting with `.`, `_` or `-`. */
export function checkSessionName(name: unknown): string {
  if (typeof name !== 'string' || !NAME_RE.test(name)) {
    throw new FsError('EINVAL', `invalid session name '${String(name)}' (1-64 letters, digits, '.', '_', '-')`);
  }
  return name;
}

/** The journal consumer a session registers on each brick (so the journal is kept for it). */
export function consumerName(session: string): string {
  return 'changes.' + session;
}

/** Where a brick keeps its sessions' times (brick metadata, next to the journal, never in the volume). */
function sessionDir(brick: string): string {
  return join(brick, '.glusterfs', 'gfind', 'changes');
}

/** The session's committed time on this brick, or undefined when the brick does not have it. */
export function loadSessionPoint(brick: string, session: string): SessionPoint | undefined {
  let text: string;
  try {
    text = readFileSync(join(sessionDir(brick), checkSessionName(session) + '.json'), 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw FsError.from(e);
  }
  const time = (JSON.parse(text) as { time?: unknown }).time;
  if (typeof time !== 'number') throw new FsError('EIO', `session ${session}: unreadable point on this brick`);
  return { session, time };
}

/** Stores the session's committed time on this brick, atomically (write then rename). */
export function saveSessionPoint(brick: string, session: string, time: number): void {
  const dir = sessionDir(brick);
  const file = join(dir, checkSessionName(session) + '.json');
  try {
    mkdirSync(dir, { recursive: true });
    writeFileSync(file + '.tmp', JSON.stringify({ time, updated: Date.now() }) + '\n');
    renameSync(file + '.tmp', file);
  } catch (e) {
    throw FsError.from(e);
  }
}

/** Forgets the session on this brick; true when it had it. */
export function removeSessionPoint(brick: string, session: string): boolean {
  const file = join(sessionDir(brick), checkSessionName(session) + '.json');
  const had = loadSessionPoint(brick, session) !== undefined;
  rmSync(file, { force: true });
  return had;
}

/** Every session this brick has, by name. */
export function listSessionPoints(brick: string): SessionPoint[] {
  let names: string[];
  try {
    names = readdirSync(sessionDir(brick));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw FsError.from(e);
  }
  return names
    .filter((n) => n.endsWith('.json') && NAME_RE.test(n.slice(0, -5)))
    .map((n) => loadSessionPoint(brick, n.slice(0, -5)))
    .filter((p): p is SessionPoint => p !== undefined)
    .sort((a, b) => a.session.localeCompare(b.session));
}
