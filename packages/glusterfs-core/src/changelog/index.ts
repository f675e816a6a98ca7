export type { JournalCursor, JournalEntryName, JournalKind, JournalOp, JournalRecord } from './types.js';
export { encodeRecord, parseRecord, journalFileName, journalFileStart, kindOf, type NewRecord } from './format.js';
export {
  journalDir, journalFiles, journalFilesIn, readJournal, journalHead, cursorAt, compareCursors, type JournalBatch, type ReadJournalOptions,
} from './reader.js';
export { loadCheckpoint, saveCheckpoint, removeCheckpoint, listCheckpoints, listCheckpointsIn, type JournalCheckpoint } from './checkpoints.js';
export { gfidPath } from './gfid-path.js';
