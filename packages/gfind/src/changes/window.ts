import { cursorAt, journalFiles, readJournal, type JournalRecord } from 'glusterfs-core';

/** The records of one brick's journal in a time window, and how far back the journal reaches. */
export interface JournalWindow {
  /** Records with `start < ts <= end`, in journal order. */
  records: JournalRecord[];
  /** Start (ms) of the oldest journal file the brick keeps, or null when it has none. */
  journalStart: number | null;
}

const BATCH = 10_000;

/**
 * Reads the records of `brick`'s journal recorded after `start` and up to `end` (ms since the
 * epoch, the brick's clock). Self-heal's records are kept: on the brick that answers they are
 * how it learned of changes made while it was down, and a feed that must not miss changes
 * takes a repeat over a loss.
 */
export function readWindow(brick: string, start: number, end: number): JournalWindow {
  const files = journalFiles(brick);
  const first = files[0];
  const journalStart = first === undefined ? null : Number(first.slice(first.indexOf('.') + 1));
  const records: JournalRecord[] = [];
  let cursor = cursorAt(brick, start + 1);
  for (;;) {
    const batch = readJournal(brick, cursor, { limit: BATCH });
    // Read to the head rather than stop at the first record past the end: the end is a moment
    // ago, and a clock stepped back leaves later records with earlier times.
    for (const r of batch.records) if (r.ts > start && r.ts <= end) records.push(r);
    if (batch.records.length === 0) return { records, journalStart };
    cursor = batch.next;
  }
}
