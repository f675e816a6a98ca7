import type { JournalRecord } from 'glusterfs-core';
import { TRIGGER_EVENTS, type TriggerEvent } from './definition.js';

/** The fields of a change-journal record that decide whether and how a trigger fires. */
export type JournalRecordLike = Pick<JournalRecord, 'op' | 'gfid' | 'ts' | 'entry' | 'to' | 'primary' | 'heal' | 'dhtLink'>;

/** An event of a brick's journal, resolved to volume paths, as a trigger sees it. */
export interface BrickEvent {
  event: TriggerEvent;
  /** The volume path (for a rename, the new one). */
  path: string;
  /** Renames: the old volume path. */
  oldPath?: string;
  gfid: string;
  /** When the brick recorded it, ms since the epoch. */
  ts: number;
}

/** What {@link describeRecord} needs to know about the brick now. */
export interface BrickLookup {
  /** The volume path of a GFID on this brick now, or null (glusterfs-core's `gfidPath`). */
  pathOf(gfid: string): string | null;
  /** True when the GFID is a directory on this brick. */
  isDirectory(gfid: string): boolean;
}

const EVENT_OF_OP = new Map<string, TriggerEvent>(
  Object.entries(TRIGGER_EVENTS).flatMap(([event, ops]) => ops.map((op) => [op, event as TriggerEvent])),
);
/** The event a journal operation stands for, if any. */
export function eventOfOp(op: string): TriggerEvent | undefined {
  return EVENT_OF_OP.get(op);
}


/**
 * The trigger event a journal record stands for, or null when no trigger fires on it: a record
 * this brick did not see first for its replica set (`primary` false: its peer fires), one made
 * by self-heal, an operation no event covers, one on a DHT link file (distribute's zero-byte
 * pointer to the set holding the data), a directory rename, or a name whose directory is gone
 * from the brick.
 * A close-write fires with the path the file has now; null when it has none any more.
 */
export function describeRecord(rec: JournalRecordLike, brick: BrickLookup): BrickEvent | null {
  if (!rec.primary || rec.heal || rec.dhtLink) return null;
  const event = EVENT_OF_OP.get(rec.op);
  if (!event) return null;
  const base = { event, gfid: rec.gfid, ts: rec.ts };
  if (event === 'close-write') {
    const path = brick.pathOf(rec.gfid);
    return path === null ? null : { ...base, path };
  }
  const path = rec.entry && nameIn(brick, rec.entry);
  if (!path) return null;
  if (event !== 'rename') return { ...base, path };
  if (brick.isDirectory(rec.gfid)) return null;
  const to = rec.to && nameIn(brick, rec.to);
  return to ? { ...base, path: to, oldPath: path } : null;
}

function nameIn(brick: BrickLookup, e: { pargfid: string; name: string }): string | null {
  const dir = brick.pathOf(e.pargfid);
  if (dir === null) return null;
  return dir === '/' ? `/${e.name}` : `${dir}/${e.name}`;
}

