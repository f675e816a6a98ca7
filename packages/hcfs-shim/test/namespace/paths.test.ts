import { FsError } from 'glusterfs-core';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ancestorsOf, baseName, childPath, isReserved, isWithin, normalizePath, parentOf } from '../../src/namespace/paths.js';

const NORMAL: [string, string][] = [
  ['/', '/'],
  ['/a/b', '/a/b'],
  ['hdfs://nn:8020/a/b', '/a/b'],
  ['hdfs://nn:8020', '/'],
  ['hdfs://nn:8020/', '/'],
  ['webhdfs://host/x', '/x'],
  ['HDFS://Host.example:9000/x/', '/x'],
  ['//a///b//', '/a/b'],
  ['/a/./b/.', '/a/b'],
  ['/./', '/'],
  ['/a/b/', '/a/b'],
  ['/a..b/..c/c..', '/a..b/..c/c..'],
  ['/é/日本', '/é/日本'],
];

test('normalizePath strips scheme and authority, repeated and trailing slashes, and "."', () => {
  for (const [raw, want] of NORMAL) assert.is(normalizePath(raw), want, raw);
});

const INVALID = ['/a/../b', '/..', '..', 'a/b', '', 'relative', '/a/b\0c', '/\0', 'hdfs://nn:8020/a/../b', './a'];

test('normalizePath refuses "..", NUL and relative paths with EINVAL', () => {
  for (const raw of INVALID) {
    try {
      normalizePath(raw);
      assert.unreachable(JSON.stringify(raw));
    } catch (e) {
      assert.instance(e, FsError, JSON.stringify(raw));
      assert.is((e as FsError).code, 'EINVAL', JSON.stringify(raw));
    }
  }
});

test('parentOf and baseName', () => {
  const cases: [string, string, string][] = [
    ['/', '/', ''], ['/a', '/', 'a'], ['/a/b', '/a', 'b'], ['/a/b/c', '/a/b', 'c'],
  ];
  for (const [p, parent, base] of cases) {
    assert.is(parentOf(p), parent, p);
    assert.is(baseName(p), base, p);
  }
});

test('childPath joins without doubling the root slash', () => {
  assert.is(childPath('/', 'a'), '/a');
  assert.is(childPath('/a', 'b'), '/a/b');
});

test('ancestorsOf lists proper ancestors from the root down', () => {
  assert.equal(ancestorsOf('/'), []);
  assert.equal(ancestorsOf('/a'), ['/']);
  assert.equal(ancestorsOf('/a/b/c'), ['/', '/a', '/a/b']);
});

test('isWithin is prefix-by-component, not by string', () => {
  const cases: [string, string, boolean][] = [
    ['/a', '/a', true], ['/a/b', '/a', true], ['/a/b/c', '/a', true], ['/ab', '/a', false],
    ['/a', '/a/b', false], ['/x', '/', true], ['/', '/', true], ['/', '/a', false],
  ];
  for (const [p, anc, want] of cases) assert.is(isWithin(p, anc), want, `${p} within ${anc}`);
});

test('isReserved covers /.reserved and below only', () => {
  assert.ok(isReserved('/.reserved'));
  assert.ok(isReserved('/.reserved/hcfs/users/x'));
  assert.not.ok(isReserved('/.reservedx'));
  assert.not.ok(isReserved('/a/.reserved'));
});

test.run();
