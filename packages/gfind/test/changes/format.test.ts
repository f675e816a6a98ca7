import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { formatChange, quotePath, unquotePath } from '../../src/changes/format.js';

const QUOTED: [string, string][] = [
  ['/plain/name.txt', '/plain/name.txt'],
  ['/a b', '/a%20b'],
  ['/line\nbreak', '/line%0Abreak'],
  ['/100%', '/100%25'],
  ['/%20 literally', '/%2520%20literally'],
  ['/tab\tand ünïcode', '/tab\tand%20ünïcode'],
];

for (const [path, quoted] of QUOTED) {
  test(`${JSON.stringify(path)} quotes as glusterfind does and back`, () => {
    assert.is(quotePath(path), quoted);
    assert.is(unquotePath(quoted), path);
  });
}

test('lines are OP PATH [NEWPATH]; --json objects carry the GFID and type', () => {
  const gfid = '6f1c0d1e-0000-4000-8000-000000000001';
  assert.is(formatChange({ op: 'RENAME', path: '/a b', newPath: '/c', gfid, ts: 1, seq: 0 }, false), 'RENAME /a%20b /c');
  assert.is(formatChange({ op: 'NEW', path: '/n', gfid, type: 'd', ts: 1, seq: 0 }, false), 'NEW /n');
  assert.equal(JSON.parse(formatChange({ op: 'RENAME', path: '/a b', newPath: '/c', gfid, type: 'f', ts: 1, seq: 0 }, true)),
    { op: 'RENAME', path: '/a b', newPath: '/c', gfid, type: 'f' });
  assert.equal(JSON.parse(formatChange({ op: 'DELETE', path: '/x', gfid, ts: 1, seq: 0 }, true)), { op: 'DELETE', path: '/x', gfid });
});

test.run();
