import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { formatCtime, formatHealCount, formatHealStatistics, formatLaunched } from '../../../src/cli/gluster/format-heal.js';
import type { BrickHealInfo } from '../../../src/heal/index.js';
import type { CrawlStats } from '../../../src/shd/index.js';

const at = (s: string) => new Date(s).getTime();

test('launching a heal prints GlusterFS\'s two lines, trailing space included', () => {
  assert.is(formatLaunched('gv0', false), 'Launching heal operation to perform index self heal on volume gv0 has been successful \nUse heal info commands to check status.\n');
  assert.is(formatLaunched('gv0', true), 'Launching heal operation to perform full self heal on volume gv0 has been successful \nUse heal info commands to check status.\n');
});

test('crawl times print like C ctime, day of month padded with a space', () => {
  assert.is(formatCtime(at('2014-05-20T19:13:11')), 'Tue May 20 19:13:11 2014');
  assert.is(formatCtime(at('2026-01-05T04:03:02')), 'Mon Jan  5 04:03:02 2026');
});

const crawl = (o: Partial<CrawlStats>): CrawlStats => ({
  kind: 'index', startedAt: at('2014-05-20T19:13:11'), endedAt: at('2014-05-20T19:13:12'), scanned: 12, healed: 10,
  splitBrain: 1, failed: 0, busy: 1, bytesMoved: 4096, total: 12, done: 12, ...o,
});

test('statistics print one GlusterFS-style block per crawl and per daemon, failures said plainly', () => {
  const text = formatHealStatistics('gv0', [
    { host: 'h1', statistics: { volume: 'gv0', host: 'h1', crawls: [crawl({})], current: crawl({ kind: 'full', endedAt: null, done: 3, total: 7 }) } },
    { host: 'h2', statistics: { volume: 'gv0', host: 'h2', crawls: [], current: null } },
    { host: 'h3', error: 'Host h3 is not connected.' },
  ]);
  const RULE = '------------------------------------------------';
  assert.fixture(text, [
    'Gathering crawl statistics on volume gv0 has been successful ', RULE, '',
    'Crawl statistics of the self-heal daemon on h1', '',
    'Starting time of crawl: Tue May 20 19:13:11 2014', '',
    'Ending time of crawl: Tue May 20 19:13:12 2014', '',
    'Type of crawl: INDEX', 'No. of entries healed: 10', 'No. of entries in split-brain: 1', 'No. of heal failed entries: 0',
    'No. of entries skipped while another healer held them: 1', 'No. of entries scanned: 12', 'Bytes moved: 4096',
    'Progress: 12/12 heals done', RULE, '',
    'Crawl statistics of the self-heal daemon on h1', '',
    'Starting time of crawl: Tue May 20 19:13:11 2014', '',
    'Ending time of crawl: Crawl is in progress', '',
    'Type of crawl: FULL', 'No. of entries healed: 10', 'No. of entries in split-brain: 1', 'No. of heal failed entries: 0',
    'No. of entries skipped while another healer held them: 1', 'No. of entries scanned: 12', 'Bytes moved: 4096',
    'Progress: 3/7 heals done', RULE, '',
    'Crawl statistics of the self-heal daemon on h2', '', 'No crawl has run yet.', RULE, '',
    'Crawl statistics of the self-heal daemon on h3', '', 'Failed to get statistics: Host h3 is not connected.', RULE, '',
    '',
  ].join('\n'));
});

const entry = (path: string) => ({ gfid: '00000000-0000-0000-0000-000000000001', path, splitBrain: false });
const BRICKS: BrickHealInfo[] = [
  { brick: 'h1:/b1', up: true, entries: [entry('/a'), entry('/b')] },
  { brick: 'h2:/b2', up: false, entries: [] },
];

test('heal-count prints the entries per brick, "-" for a brick that is down', () => {
  assert.fixture(formatHealCount('gv0', BRICKS), [
    'Gathering count of entries to be healed on volume gv0 has been successful', '',
    'Brick h1:/b1', 'Number of entries: 2', '',
    'Brick h2:/b2', 'Status: Transport endpoint is not connected', 'Number of entries: -', '', '',
  ].join('\n'));
});

test.run();
