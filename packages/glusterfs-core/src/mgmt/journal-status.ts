import { statSync } from 'node:fs';
import {
  compareCursors, journalDir, journalFiles, journalFileStart, listCheckpoints, readJournal, type JournalCursor,
} from '../changelog/index.js';
import type { BrickJournalStatus } from './types.js';

/** Records counted behind a consumer before its lag is shown as "at least". */
const LAG_CAP = 100_000;

/**
 * The change journal of a brick on this server as `volume status` shows it: on or off, its
 * files and bytes, the newest record's time, and each registered consumer (glocate's index,
 * triggers, change-feed sessions) with how many records it has not consumed yet. Never throws:
 * a brick whose journal cannot be read reports the reason.
 */
export function journalStatusOf(brick: string, enabled: boolean): BrickJournalStatus {
  try {
    const files = journalFiles(brick);
    let bytes = 0;
    for (const f of files) bytes += statSync(`${journalDir(brick)}/${f}`, { throwIfNoEntry: false })?.size ?? 0;
    const last = files[files.length - 1];
    const consumers = listCheckpoints(brick).map(({ name, checkpoint }) => ({
      name, updated: checkpoint.updated, ...lagOf(brick, checkpoint.cursor), ...summaryOf(checkpoint.data),
    }));
    return {
      enabled, files: files.length, bytes, newestFileStart: last ? journalFileStart(last) : null, consumers,
    };
  } catch (e) {
    return { enabled, files: 0, bytes: 0, newestFileStart: null, consumers: [], error: (e as Error).message };
  }
}

function lagOf(brick: string, from: JournalCursor): { behind: number; atLeast: boolean } {
  let behind = 0;
  let cursor = from;
  while (behind < LAG_CAP) {
    const b = readJournal(brick, cursor, { limit: LAG_CAP - behind });
    behind += b.records.length;
    if (b.records.length === 0 || compareCursors(b.next, cursor) === 0) return { behind, atLeast: false };
    cursor = b.next;
  }
  return { behind, atLeast: true };
}

/** A consumer's own one-line state, when it keeps one as `data.summary` (e.g. glocate's names indexed). */
function summaryOf(data: unknown): { summary?: string } {
  const summary = (data as { summary?: unknown } | undefined)?.summary;
  return typeof summary === 'string' ? { summary: summary.slice(0, 200) } : {};
}
