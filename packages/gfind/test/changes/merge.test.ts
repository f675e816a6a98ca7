import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { formatChange } from '../../src/changes/format.js';
import { mergeChanges } from '../../src/changes/merge.js';
import type { Change } from '../../src/changes/types.js';

const c = (op: Change['op'], gfid: string, ts: number, path: string, newPath?: string): Change =>
  ({ op, gfid, ts, seq: 0, path, ...(newPath ? { newPath } : {}) });

test('a directory every replica set reports is printed once, at its earliest time', () => {
  const set1 = [c('NEW', 'D', 10, '/d'), c('NEW', 'F', 12, '/d/f')];
  const set2 = [c('NEW', 'D', 9, '/d'), c('RENAME', 'E', 11, '/e', '/e2')];
  const set3 = [c('RENAME', 'E', 11, '/e', '/e2'), c('NEW', 'D', 10, '/d')];
  assert.equal(mergeChanges([set1, set2, set3]).map((x) => `${x.ts} ${formatChange(x, false)}`),
    ['9 NEW /d', '11 RENAME /e /e2', '12 NEW /d/f']);
});

test("a link file's removal on one set gives way to the data file's RENAME on another", () => {
  const data = [c('RENAME', 'F', 5, '/b', '/c')];
  const link = [c('DELETE', 'F', 5, '/b')];
  assert.equal(mergeChanges([data, link]).map((x) => formatChange(x, false)), ['RENAME /b /c']);
});

test('a delete and a create at one name by different inodes both stay', () => {
  assert.equal(mergeChanges([[c('DELETE', 'F', 1, '/a')], [c('NEW', 'G', 2, '/a')]]).map((x) => formatChange(x, false)),
    ['DELETE /a', 'NEW /a']);
});

test.run();
