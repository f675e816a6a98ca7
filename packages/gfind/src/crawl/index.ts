export { type CrawlArgs, type CrawlChunk, type CrawlResult, type Prepass, type RecordColumns, type StartPath, RECORD_FIELDS, emptyColumns } from './args.js';
export { runQuery, type QueryOptions, type QueryOutcome, type QuerySink } from './query.js';
export { readAccounts, type Accounts } from './accounts.js';
export { linkFileMarks, type LinkFileMarks } from './link-marks.js';
