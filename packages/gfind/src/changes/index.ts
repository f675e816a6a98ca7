// the change feed behind `gfind changes` (client side; the brick side is handlers.ts)
export { runFeed, commitSession, listSessions, deleteSession, SETTLE_MS, type FeedRequest, type FeedOutcome, type SessionSummary } from './feed.js';
export { formatChange, quotePath, unquotePath } from './format.js';
export { parseSince } from './since.js';
export { checkSessionName, type SessionPoint } from './session-store.js';
export type { Change, ChangeOp, ChangeType } from './types.js';
