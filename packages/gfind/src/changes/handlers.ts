import { FsError, gfidPath, type BrickContext, type TaskHandler } from 'glusterfs-core';
import { coalesceRecords } from './coalesce.js';
import { describeChanges } from './describe.js';
import { resolveChanges } from './resolve.js';
import {
  checkSessionName, listSessionPoints, loadSessionPoint, removeSessionPoint, saveSessionPoint, type SessionPoint,
} from './session-store.js';
import { readWindow } from './window.js';

/** Arguments of `gfind.changes.read`: the window `(start, end]` in ms, and the session it is for (if any). */
export interface ReadArgs {
  start: number;
  end: number;
  session?: string;
}

/** Final result of `gfind.changes.read` (the changes themselves arrive as chunks of `Change[]`). */
export interface ReadResult {
  /** Journal records in the window. */
  records: number;
  /** Changes left out because their directory could not be found. */
  unresolved: number;
  /** Start of the oldest journal file kept (ms), or null when the brick has none. */
  journalStart: number | null;
  /** False when the journal may not reach back to `start` (changes before `journalStart` are unknown). */
  covered: boolean;
}

/** Changes per chunk: a window of a million changes crosses as many frames, not one. */
const CHUNK = 5000;

/**
 * `gfind.changes.read`: this brick's changes in the window, coalesced per GFID and resolved to
 * volume paths (see coalesceRecords, resolveChanges), streamed as chunks of `Change[]` in time
 * order; returns a {@link ReadResult}. EINVAL for bad arguments.
 */
const read: TaskHandler = {
  name: 'gfind.changes.read',
  async run(args: unknown, brick: BrickContext, emit: (chunk: unknown) => void): Promise<ReadResult> {
    const { start, end, session } = readArgs(args);
    const window = readWindow(brick.path, start, end);
    const named = coalesceRecords(window.records);
    const { changes, unresolved } = resolveChanges(named, window.records, (g) => gfidPath(brick.path, g));
    const kept = describeChanges(brick.path, changes);
    for (let i = 0; i < kept.length; i += CHUNK) emit(kept.slice(i, i + CHUNK));
    const point = session === undefined ? undefined : loadSessionPoint(brick.path, session);
    const covered = window.journalStart === null || window.journalStart <= start || (point !== undefined && point.time <= start);
    return { records: window.records.length, unresolved, journalStart: window.journalStart, covered };
  },
};

/** What `gfind.changes.points` answers. */
export interface PointsResult {
  /** This brick's sessions (or the one asked for). */
  points: SessionPoint[];
  /**
   * When this brick's process started (ms, brick clock). The client reads each replica set's
   * window from the brick up longest: it recorded every change of the window itself, where a
   * brick that came back later has them only as self-heal's copies, made after they happened.
   */
  startedAt: number;
}

/** `gfind.changes.points` `{session?}`: this brick's sessions, or the one named (see {@link PointsResult}). EINVAL. */
const points: TaskHandler = {
  name: 'gfind.changes.points',
  async run(args: unknown, brick: BrickContext): Promise<PointsResult> {
    const session = (args as { session?: unknown } | null)?.session;
    const startedAt = Math.round(Date.now() - process.uptime() * 1000);
    if (session === undefined) return { points: listSessionPoints(brick.path), startedAt };
    const p = loadSessionPoint(brick.path, checkSessionName(session));
    return { points: p ? [p] : [], startedAt };
  },
};

/**
 * `gfind.changes.commit` `{session, time}`: moves (or creates) the session's point on this
 * brick to `time`, registering it as a journal consumer. Returns null. EINVAL.
 */
const commit: TaskHandler = {
  name: 'gfind.changes.commit',
  async run(args: unknown, brick: BrickContext): Promise<null> {
    const a = args as { session?: unknown; time?: unknown } | null;
    if (typeof a?.time !== 'number' || !Number.isFinite(a.time)) throw new FsError('EINVAL', 'commit needs {session, time}');
    saveSessionPoint(brick.path, checkSessionName(a.session), a.time);
    return null;
  },
};

/** `gfind.changes.delete` `{session}`: forgets the session on this brick; returns whether it had it. */
const remove: TaskHandler = {
  name: 'gfind.changes.delete',
  async run(args: unknown, brick: BrickContext): Promise<boolean> {
    return removeSessionPoint(brick.path, checkSessionName((args as { session?: unknown } | null)?.session));
  },
};

function readArgs(args: unknown): ReadArgs {
  const a = args as Partial<ReadArgs> | null;
  const ok = (n: unknown): n is number => typeof n === 'number' && Number.isFinite(n);
  if (!a || !ok(a.start) || !ok(a.end) || a.start > a.end) throw new FsError('EINVAL', 'read needs {start, end} with start <= end');
  return { start: a.start, end: a.end, ...(a.session === undefined ? {} : { session: checkSessionName(a.session) }) };
}

/** The brick task handlers of `gfind changes` (loaded by the brick's task service). */
export const handlers: TaskHandler[] = [read, points, commit, remove];
