import type { Volume } from 'glusterfs-core';
import { everyLiveBrick, onePerSet } from './bricks.js';
import type { PointsResult, ReadResult } from './handlers.js';
import { mergeChanges } from './merge.js';
import type { Change } from './types.js';

/**
 * How long ago the window ends. Bricks write their journal in batches (`changelog.fsync-interval`,
 * 100 ms by default), so a change of the last moment may not be on disk yet: it is left for the
 * next window rather than lost behind a committed end.
 */
export const SETTLE_MS = 1000;

/** What `gfind changes` was asked. */
export interface FeedRequest {
  session?: string;
  /** Window start (ms), overriding the session's point. */
  since?: number;
  commit: boolean;
  /** The current time (ms; tests pin it). */
  now?: number;
}

/** What one `gfind changes` run found. */
export interface FeedOutcome {
  changes: Change[];
  /** The window `(start, end]` in ms; start is null when a session was created (no window yet). */
  start: number | null;
  end: number;
  /** The session did not exist and was created, starting at `end` (then `now`). */
  created: boolean;
  committed: boolean;
  /** Bricks that were down (their session point did not move). */
  down: string[];
  /** Changes whose directory could not be resolved (left out). */
  unresolved: number;
  /** Bricks whose journal may not reach back to the window's start, with the journal's start (ms). */
  uncovered: { subvolume: string; journalStart: number }[];
}

/**
 * One run of the change feed: the window is `(start, end]` with `end` a moment ago and `start`
 * the `since` asked for, else the session's point (the latest any live brick has: a brick that
 * was down missed later commits). Each replica set's window is read on its live brick that has
 * been up longest (so a brick that came back and was healed is not asked for changes it only
 * has as heal copies). A session that does not exist is created at `now` with no output,
 * unless `since` gives its first window. With `commit` the session's point moves to
 * `end` on every live brick; without it the next run sees the same window again. ENOTCONN
 * when a whole replica set is down.
 */
export async function runFeed(vol: Volume, req: FeedRequest): Promise<FeedOutcome> {
  const now = req.now ?? Date.now();
  let end = now - SETTLE_MS;
  const { answers, down } = await everyLiveBrick<PointsResult>(vol, 'gfind.changes.points', { session: req.session });
  let start = req.since;
  if (req.session !== undefined && start === undefined) {
    const times = answers.flatMap((a) => a.result.points.map((p) => p.time));
    if (times.length === 0) {
      // Nothing is delivered, so nothing can be lost behind a point at `now`: what the bricks
      // recorded before it, even if not on disk yet, happened before the session began.
      await commitSession(vol, req.session, now);
      return { changes: [], start: null, end: now, created: true, committed: true, down, unresolved: 0, uncovered: [] };
    }
    start = Math.max(...times);
  }
  if (start === undefined) throw new Error('runFeed needs a session or a start time');
  // A point committed by a brick whose clock runs ahead must not make the window run backwards.
  end = Math.max(end, start);
  const longestUp = [...answers].sort((a, b) => a.result.startedAt - b.result.startedAt).map((a) => a.subvolume);
  const read = await onePerSet<ReadResult>(vol, 'gfind.changes.read', { start, end, session: req.session }, longestUp);
  const changes = mergeChanges(read.map((a) => a.chunks.flat() as Change[]));
  const unresolved = read.reduce((n, a) => n + a.result.unresolved, 0);
  const uncovered = read.filter((a) => !a.result.covered)
    .map((a) => ({ subvolume: a.subvolume, journalStart: a.result.journalStart ?? start }));
  const committedDown = req.commit && req.session !== undefined ? await commitSession(vol, req.session, end) : down;
  return { changes, start, end, created: false, committed: req.commit, down: committedDown, unresolved, uncovered };
}

/** Moves (or creates) the session's point to `time` on every live brick; returns the bricks that were down. */
export async function commitSession(vol: Volume, session: string, time: number): Promise<string[]> {
  return (await everyLiveBrick<null>(vol, 'gfind.changes.commit', { session, time })).down;
}

/** A session as the volume's live bricks know it. */
export interface SessionSummary {
  session: string;
  /** The latest point any live brick has (ms). */
  time: number;
  /** Live bricks that have it. */
  bricks: number;
}

/** Every session any live brick has, by name. */
export async function listSessions(vol: Volume): Promise<{ sessions: SessionSummary[]; down: string[] }> {
  const { answers, down } = await everyLiveBrick<PointsResult>(vol, 'gfind.changes.points', {});
  const by = new Map<string, SessionSummary>();
  for (const p of answers.flatMap((a) => a.result.points)) {
    const s = by.get(p.session);
    if (s) Object.assign(s, { time: Math.max(s.time, p.time), bricks: s.bricks + 1 });
    else by.set(p.session, { session: p.session, time: p.time, bricks: 1 });
  }
  return { sessions: [...by.values()].sort((a, b) => (a.session < b.session ? -1 : 1)), down };
}

/** Forgets a session on every live brick: how many had it, and the bricks that were down (they keep it). */
export async function deleteSession(vol: Volume, session: string): Promise<{ removed: number; down: string[] }> {
  const { answers, down } = await everyLiveBrick<boolean>(vol, 'gfind.changes.delete', { session });
  return { removed: answers.filter((a) => a.result).length, down };
}
