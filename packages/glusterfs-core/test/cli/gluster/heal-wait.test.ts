import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { crawlMarks, formatHealProgress, fullCrawlsDone, tallyHealInfo } from '../../../src/cli/gluster/heal-wait.js';
import type { BrickHealInfo } from '../../../src/heal/index.js';
import type { CrawlStats } from '../../../src/shd/index.js';

const crawl = (o: Partial<CrawlStats>): CrawlStats => ({
  kind: 'index', startedAt: 1, endedAt: 2, scanned: 0, healed: 0, splitBrain: 0, failed: 0, busy: 0, bytesMoved: 0,
  total: 0, done: 0, ...o,
});
const entry = (path: string) => ({ gfid: '00000000-0000-0000-0000-000000000001', path, splitBrain: false });
const BRICKS: BrickHealInfo[] = [
  { brick: 'h1:/b1', up: true, entries: [entry('/a'), entry('/b')] },
  { brick: 'h2:/b2', up: false, entries: [] },
];

test('heal --wait tallies pending entries over live bricks and names the bricks it waits for', () => {
  const t = tallyHealInfo(BRICKS);
  assert.equal(t, { pending: 2, down: ['h2:/b2'] });
  assert.is(formatHealProgress(t, 12_400), 'heal: 2 entries pending · waiting for 1 brick to come up (h2:/b2) · 12 s');
  assert.is(formatHealProgress({ pending: 1, down: [] }, 0), 'heal: 1 entry pending · 0 s');
});

test('heal full --wait waits for a full crawl newer than what each daemon had run before', () => {
  const before = [
    { host: 'h1', statistics: { volume: 'gv0', host: 'h1', crawls: [crawl({ startedAt: 100 })], current: crawl({ startedAt: 200, endedAt: null }) } },
    { host: 'h2', statistics: { volume: 'gv0', host: 'h2', crawls: [], current: null } },
  ];
  const marks = crawlMarks(before);
  assert.equal([...marks], [['h1', 200], ['h2', 0]]);
  const h2Done = { host: 'h2', statistics: { volume: 'gv0', host: 'h2', crawls: [crawl({ kind: 'full', startedAt: 5 })], current: null } };
  const cases: [string, Parameters<typeof fullCrawlsDone>[0], boolean][] = [
    ['only an old full crawl on h1', [{ host: 'h1', statistics: { volume: 'gv0', host: 'h1', crawls: [crawl({ kind: 'full', startedAt: 150 })], current: null } }, h2Done], false],
    ['the full crawl still runs on h1', [{ host: 'h1', statistics: { volume: 'gv0', host: 'h1', crawls: [], current: crawl({ kind: 'full', startedAt: 300, endedAt: null }) } }, h2Done], false],
    ['h1 does not answer', [{ host: 'h1', error: 'down' }, h2Done], false],
    ['both finished a new full crawl', [{ host: 'h1', statistics: { volume: 'gv0', host: 'h1', crawls: [crawl({ kind: 'full', startedAt: 300, endedAt: 400 })], current: crawl({ startedAt: 410, endedAt: null }) } }, h2Done], true],
  ];
  for (const [what, hosts, done] of cases) assert.is(fullCrawlsDone(hosts, marks), done, what);
});

test.run();
