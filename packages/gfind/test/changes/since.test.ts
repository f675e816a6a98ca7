import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseSince } from '../../src/changes/since.js';

const NOW = Date.UTC(2025, 0, 15, 12, 0, 0);
const GOOD: [string, number][] = [
  ['1736942400', Date.UTC(2025, 0, 15, 12, 0, 0)],
  ['@1736942399.5', Date.UTC(2025, 0, 15, 11, 59, 59, 500)],
  ['90s', NOW - 90_000],
  ['15m', NOW - 15 * 60_000],
  ['2h', NOW - 2 * 3_600_000],
  ['1d', NOW - 86_400_000],
  ['1w', NOW - 7 * 86_400_000],
  ['2025-01-15T11:00:00Z', Date.UTC(2025, 0, 15, 11)],
  ['2025-01-14', Date.UTC(2025, 0, 14)],
  ['2025-01-14 10:30', new Date(2025, 0, 14, 10, 30).getTime()],
];
for (const [text, ms] of GOOD) test(`--since ${text}`, () => assert.is(parseSince(text, NOW), ms));

for (const bad of ['yesterday', '15 minutes', '-5m', '', '2026-01-01']) {
  test(`--since '${bad}' is EINVAL`, () => {
    try {
      parseSince(bad, NOW);
      assert.unreachable('accepted');
    } catch (e) {
      assert.is((e as { code?: string }).code, 'EINVAL');
    }
  });
}

test.run();
