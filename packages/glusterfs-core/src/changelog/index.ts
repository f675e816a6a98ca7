export type { JournalCursor, JournalEntryName, JournalKind, JournalOp, JournalRecord } from './types.js';
export { encodeRecord, parseRecord, journalFileName, journalFileStart, kindOf, type NewRecord } from './format.js';
export {
  journalDir, journalFiles, readJournal, journalHead, cursorAt, compareCursors, type JournalBatch, type ReadJournalOptions,
} from './reader.js';
export { loadCheckpoint, saveCheckpoint, removeCheckpoint, listCheckpoints, type JournalCheckpoint } from './checkpoints.js';
export { gfidPath } from './gfid-path.js';
