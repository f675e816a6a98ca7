import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { HealResult } from '../../src/format/index.js';
import { CRAWL_HISTORY, CrawlHistory, countFailure, countHeal, type HealOutcome } from '../../src/shd/index.js';

const test = suite('shd/stats');

function result(over: Partial<HealResult>): HealResult {
  return {
    gfid: '0b2e8a57-4c36-4a0b-9a7e-3f2d9c1a7b10', path: '/f', healed: [], pending: false, splitBrain: null,
    busy: false, gone: false, bytesMoved: 0, ...over,
  };
}

const CASES: [Partial<HealResult>, HealOutcome, Record<string, number>][] = [
  [{ healed: ['data'], bytesMoved: 4096 }, 'healed', { healed: 1, bytesMoved: 4096 }],
  [{}, 'clean', {}],
  [{ healed: ['entry'], pending: true }, 'pending', {}],
  [{ busy: true }, 'busy', { busy: 1 }],
  [{ splitBrain: 'data', pending: true }, 'split-brain', { splitBrain: 1 }],
  [{ gone: true }, 'gone', {}],
];

test('each heal answer is counted once, under what kept it from healing', () => {
  for (const [over, outcome, counts] of CASES) {
    const s = new CrawlHistory().begin('index', 0);
    assert.is(countHeal(s, result(over)), outcome, outcome);
    const want = { scanned: 0, healed: 0, splitBrain: 0, failed: 0, busy: 0, bytesMoved: 0, total: 0, done: 1, ...counts };
    const { kind: _k, startedAt: _s, endedAt: _e, ...got } = s;
    assert.equal(got, want, outcome);
  }
});

test('a failed heal counts as done and failed', () => {
  const s = new CrawlHistory().begin('full', 0);
  assert.is(countFailure(s), 'failed');
  assert.is(s.failed, 1);
  assert.is(s.done, 1);
});

test('a running crawl is current until it ends, then joins the history', () => {
  const h = new CrawlHistory();
  assert.equal(h.snapshot('gv0', 'h1'), { volume: 'gv0', host: 'h1', current: null, crawls: [] });
  const s = h.begin('index', 1000);
  s.scanned = 3;
  const during = h.snapshot('gv0', 'h1');
  assert.is(during.current?.scanned, 3);
  assert.is(during.current?.endedAt, null);
  h.end(2000);
  const after = h.snapshot('gv0', 'h1');
  assert.is(after.current, null);
  assert.equal(after.crawls.map((c) => [c.kind, c.startedAt, c.endedAt, c.scanned]), [['index', 1000, 2000, 3]]);
});

test('snapshots are copies: later counting does not change them', () => {
  const h = new CrawlHistory();
  const s = h.begin('index', 0);
  const snap = h.snapshot('v', 'h');
  s.healed = 5;
  assert.is(snap.current?.healed, 0);
});

test('only the last CRAWL_HISTORY crawls are kept, oldest first', () => {
  const h = new CrawlHistory();
  for (let i = 0; i < CRAWL_HISTORY + 5; i++) {
    h.begin(i % 2 ? 'full' : 'index', i);
    h.end(i + 0.5);
  }
  const crawls = h.snapshot('v', 'h').crawls;
  assert.is(crawls.length, CRAWL_HISTORY);
  assert.is(crawls[0].startedAt, 5);
  assert.is(crawls.at(-1)!.startedAt, CRAWL_HISTORY + 4);
});

test('beginning a crawl while one is marked running files the old one first', () => {
  const h = new CrawlHistory();
  h.begin('index', 1);
  h.begin('full', 2);
  const snap = h.snapshot('v', 'h');
  assert.equal(snap.crawls.map((c) => [c.kind, c.endedAt]), [['index', 2]]);
  assert.is(snap.current?.kind, 'full');
});

test.run();
