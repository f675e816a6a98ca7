import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { du } from '../../src/tasks/du.js';
import type { BrickContext } from '../../src/tasks/types.js';

const test = suite('tasks/du');
let root = '';
let brick: BrickContext;

test.before(() => {
  root = mkdtempSync(join(tmpdir(), 'du-brick-'));
  brick = { path: root, volume: 'v', subvolume: 'v-client-0' };
  mkdirSync(join(root, '.glusterfs/ab/cd'), { recursive: true });
  writeFileSync(join(root, '.glusterfs/ab/cd/handle'), Buffer.alloc(5000));
  mkdirSync(join(root, 'a/b/c'), { recursive: true });
  mkdirSync(join(root, 'empty'));
  writeFileSync(join(root, 'top.txt'), Buffer.alloc(10));
  writeFileSync(join(root, 'a/one'), Buffer.alloc(100));
  writeFileSync(join(root, 'a/b/two'), Buffer.alloc(200));
  writeFileSync(join(root, 'a/b/c/three'), Buffer.alloc(300));
  // A DHT link file: zero bytes, mode ---------T; its data is counted on another brick.
  writeFileSync(join(root, 'a/linked'), '');
  chmodSync(join(root, 'a/linked'), 0o1000);
  // A zero-byte file with other mode bits is a real (empty) file.
  writeFileSync(join(root, 'a/zero'), '');
  symlinkSync('/etc', join(root, 'a/outside'));
  symlinkSync('/etc', join(root, 'escape'));
  // A nested `.glusterfs` is an ordinary user directory; only the brick root's is skipped.
  mkdirSync(join(root, 'a/.glusterfs'));
  writeFileSync(join(root, 'a/.glusterfs/user'), Buffer.alloc(7));
});

test.after(() => rmSync(root, { recursive: true, force: true }));

const run = (args: unknown) => du.run(args, brick, () => undefined);

test('summary of the root skips .glusterfs, link files and symlinks', async () => {
  assert.equal(await run({ path: '/', summary: true }), { bytes: 617, files: 6, dirs: 6 });
});

test('summary of a subdirectory counts the directory itself', async () => {
  assert.equal(await run({ path: '/a/b', summary: true }), { bytes: 500, files: 2, dirs: 2 });
});

test('per-child totals list each immediate child once', async () => {
  assert.equal(await run({ path: '/', summary: false }), { a: 607, empty: 0, 'top.txt': 10, escape: 0 });
  assert.equal(await run({ path: '/a', summary: false }), { b: 500, one: 100, zero: 0, outside: 0, '.glusterfs': 7 });
});

test('a file path reports the file; a link file reports nothing', async () => {
  assert.equal(await run({ path: '/a/one', summary: true }), { bytes: 100, files: 1, dirs: 0 });
  assert.equal(await run({ path: '/a/one', summary: false }), { one: 100 });
  assert.equal(await run({ path: '/a/linked', summary: true }), { bytes: 0, files: 0, dirs: 0 });
  assert.equal(await run({ path: '/a/linked', summary: false }), {});
});

test('a path missing on this brick contributes zero', async () => {
  assert.equal(await run({ path: '/nope/deeper', summary: true }), { bytes: 0, files: 0, dirs: 0 });
  assert.equal(await run({ path: '/top.txt/x', summary: false }), {});
  assert.equal(await run({ path: '/.glusterfs', summary: true }), { bytes: 0, files: 0, dirs: 0 });
});

test('.. cannot climb out of the brick and symlinks never lead outside it', async () => {
  assert.equal(await run({ path: '/../../a/b', summary: true }), { bytes: 500, files: 2, dirs: 2 });
  try {
    await run({ path: '/escape', summary: true });
    assert.unreachable('walked outside the brick');
  } catch (e) {
    assert.is((e as { code?: string }).code, 'EPERM');
  }
});

test('bad arguments are EINVAL', async () => {
  try {
    await run({ summary: true });
    assert.unreachable();
  } catch (e) {
    assert.is((e as { code?: string }).code, 'EINVAL');
  }
});

test.run();
