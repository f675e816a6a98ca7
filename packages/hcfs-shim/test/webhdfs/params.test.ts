import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { FsError } from 'glusterfs-core';
import {
  boolParam, longParam, normalizeHdfsPath, octalParam, parseRequestTarget, requiredParam, xattrFlagParam,
} from '../../src/webhdfs/params.js';

const q = (s: string) => parseRequestTarget('/webhdfs/v1/x?' + s)!.query;

function raisesEinval(fn: () => unknown): void {
  try {
    fn();
  } catch (e) {
    assert.ok(e instanceof FsError && e.code === 'EINVAL', String(e));
    return;
  }
  assert.unreachable('expected EINVAL');
}

const TARGETS: [string, string | undefined][] = [
  ['/webhdfs/v1', '/'],
  ['/webhdfs/v1/', '/'],
  ['/webhdfs/v1/a/b/?op=X', '/a/b'],
  ['/webhdfs/v1//a//b', '/a/b'],
  ['/webhdfs/v1/sp%20ace/%C3%A9', '/sp ace/é'],
  ['/webhdfs/v1x/a', undefined],
  ['/other/a', undefined],
];

test('request paths are decoded and normalised; other URLs are not WebHDFS', () => {
  for (const [url, path] of TARGETS) assert.is(parseRequestTarget(url)?.path, path, url);
});

test('dot components, bad escapes and relative destinations are EINVAL', () => {
  for (const url of ['/webhdfs/v1/a/../b', '/webhdfs/v1/./a', '/webhdfs/v1/%E0%A4%A']) raisesEinval(() => parseRequestTarget(url));
  raisesEinval(() => normalizeHdfsPath('a/b'));
  assert.is(normalizeHdfsPath('/a/b/'), '/a/b');
});

test('parameter names are matched case-insensitively, values kept as sent', () => {
  const query = q('OP=liststatus_batch&startAfter=Name&User.Name=bob&xattr.name=user.a&xattr.name=user.b');
  assert.is(query.get('op'), 'liststatus_batch');
  assert.is(query.get('startafter'), 'Name');
  assert.is(query.get('user.name'), 'bob');
  assert.equal(query.getAll('xattr.name'), ['user.a', 'user.b']);
});

test('booleans, longs and octal permissions parse with defaults and bounds', () => {
  assert.is(boolParam(q('overwrite=TRUE'), 'overwrite', false), true);
  assert.is(boolParam(q(''), 'overwrite', false), false);
  raisesEinval(() => boolParam(q('overwrite=yes'), 'overwrite', false));
  assert.is(longParam(q('offset=123'), 'offset', 0, 0), 123);
  assert.is(longParam(q('modificationtime=-1'), 'modificationtime', 0, -1), -1);
  raisesEinval(() => longParam(q('offset=-1'), 'offset', 0, 0));
  raisesEinval(() => longParam(q('offset=1e3'), 'offset', 0, 0));
  raisesEinval(() => longParam(q('offset=99999999999999999999'), 'offset', 0, 0));
  assert.is(octalParam(q('permission=755'), 'permission', 0), 0o755);
  assert.is(octalParam(q('permission=1777'), 'permission', 0), 0o1777);
  assert.is(octalParam(q(''), 'permission', 0o644), 0o644);
  for (const p of ['888', '2777', '12345', 'rwx']) raisesEinval(() => octalParam(q('permission=' + p), 'permission', 0));
  raisesEinval(() => requiredParam(q(''), 'destination'));
});

test('SETXATTR flag is CREATE, REPLACE or both', () => {
  assert.is(xattrFlagParam(q('flag=CREATE')), 1);
  assert.is(xattrFlagParam(q('flag=replace')), 2);
  assert.is(xattrFlagParam(q('flag=CREATE,REPLACE')), 3);
  assert.is(xattrFlagParam(q('')), 3);
  raisesEinval(() => xattrFlagParam(q('flag=UPSERT')));
});

test.run();
