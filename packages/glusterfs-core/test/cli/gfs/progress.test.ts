import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { formatProgress } from '../../../src/cli/gfs/progress.js';

const CASES: [string, number, number, number, string][] = [
  ['put', 0, 0, 0, 'put: 0 files, 0 B · 0 files/s, 0 B/s'],
  ['put', 1234, 5 * 2 ** 20, 2000, 'put: 1,234 files, 5.0 MiB · 617 files/s, 2.5 MiB/s'],
  ['get', 20000, 3 * 2 ** 30, 10000, 'get: 20,000 files, 3.0 GiB · 2,000 files/s, 307.2 MiB/s'],
];

test('progress lines show files, bytes and their rates', () => {
  for (const [verb, files, bytes, ms, want] of CASES) assert.is(formatProgress(verb, files, bytes, ms), want);
});

test.run();
