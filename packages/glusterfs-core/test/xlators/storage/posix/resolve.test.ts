import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { type CallCtx, type Subvol, createFd } from '../../../../src/index.js';
import { errnoOf, posixFixture, type PosixFixture } from './fixture.js';

const require = createRequire(import.meta.url);
const { listAttributesSync } = require('@napi-rs/xattr') as typeof import('@napi-rs/xattr');

const S = suite<{ f: PosixFixture; out: string }>('xlators/storage/posix/resolve');
S.before.each((c) => {
  c.f = posixFixture();
  c.out = mkdtempSync(join(tmpdir(), 'posix-outside-'));
  writeFileSync(join(c.out, 'secret'), 'outside data');
});
S.after.each(async (c) => {
  await c.f.done();
  rmSync(c.out, { recursive: true, force: true });
});

/** Every fop that takes a path, aimed at `p` (a path that must never leave the brick). */
function everyFop(top: Subvol, ctx: CallCtx, p: string): [string, () => Promise<unknown>][] {
  const l = { path: p };
  return [
    ['lookup', () => top.lookup(ctx, l, [])],
    ['stat', () => top.stat(ctx, l)],
    ['setattr', () => top.setattr(ctx, l, { mode: 0o777, uid: 42 })],
    ['truncate', () => top.truncate(ctx, l, 0)],
    ['open', () => top.open(ctx, l, 2, createFd(p, 2))],
    ['create', () => top.create(ctx, { path: p + '-new' }, 0o102, 0o644, createFd(p, 2))],
    ['create over', () => top.create(ctx, l, 0o1102, 0o644, createFd(p, 2))],
    ['opendir', () => top.opendir(ctx, { path: p.slice(0, p.lastIndexOf('/')) || '/' }, createFd(p, 0, true))],
    ['mkdir', () => top.mkdir(ctx, { path: p + '-dir' }, 0o755)],
    ['rmdir', () => top.rmdir(ctx, l)],
    ['unlink', () => top.unlink(ctx, l)],
    ['rename from', () => top.rename(ctx, l, { path: '/moved' })],
    ['rename to', () => top.rename(ctx, { path: '/inside' }, { path: p + '-r' })],
    ['link from', () => top.link(ctx, l, { path: '/linked' })],
    ['link to', () => top.link(ctx, { path: '/inside' }, { path: p + '-l' })],
    ['symlink', () => top.symlink(ctx, 'x', { path: p + '-s' })],
    ['readlink', () => top.readlink(ctx, l)],
    ['getxattr', () => top.getxattr(ctx, l, null)],
    ['setxattr', () => top.setxattr(ctx, l, { 'trusted.x': Buffer.from('1') }, 0)],
    ['removexattr', () => top.removexattr(ctx, l, 'trusted.x')],
    ['xattrop', () => top.xattrop(ctx, l, 'add32', { 'trusted.n': Buffer.from([0, 0, 0, 1]) })],
    ['statfs', () => top.statfs(ctx, l)],
  ];
}

function snapshot(dir: string): string {
  return JSON.stringify(readdirSync(dir).sort().map((n) => {
    const st = statSync(join(dir, n));
    return [n, st.mode, st.uid, st.size, st.mtimeMs, listAttributesSync(join(dir, n))];
  })) + readFileSync(join(dir, 'secret'), 'utf8');
}

S('a symlinked intermediate directory pointing outside the brick is never followed', async ({ f, out }) => {
  await f.top.create(f.ctx, { path: '/inside' }, 1, 0o644, createFd('/inside', 1));
  symlinkSync(out, f.at('/evil'));
  const before = snapshot(out);
  for (const [fop, run] of everyFop(f.top, f.ctx, '/evil/secret')) {
    const code = await errnoOf(run());
    assert.ok(code === 'ENOTDIR', `${fop} through /evil gave ${code}`);
  }
  assert.is(snapshot(out), before, 'nothing outside the brick changed');
});

S('the absolute symlink trick: a symlink made through the volume to / is stored, never followed', async ({ f, out }) => {
  await f.top.create(f.ctx, { path: '/inside' }, 1, 0o644, createFd('/inside', 1));
  await f.top.symlink(f.ctx, out, { path: '/abs' });
  await f.top.symlink(f.ctx, '/', { path: '/slash' });
  assert.is(await f.top.readlink(f.ctx, { path: '/abs' }), out);
  const before = snapshot(out);
  for (const p of ['/abs/secret', '/slash' + out + '/secret']) {
    for (const [fop, run] of everyFop(f.top, f.ctx, p)) {
      assert.is(await errnoOf(run()), 'ENOTDIR', `${fop} on ${p}`);
    }
  }
  assert.is(snapshot(out), before);
});

S('a final symlink is acted on itself, never on its target', async ({ f, out }) => {
  await f.top.symlink(f.ctx, join(out, 'secret'), { path: '/ln' });
  const before = snapshot(out);
  const ctx = f.ctx;
  const cases: [string, () => Promise<unknown>, string][] = [
    ['open', () => f.top.open(ctx, { path: '/ln' }, 2, createFd('/ln', 2)), 'ELOOP'],
    ['create', () => f.top.create(ctx, { path: '/ln' }, 0o1102, 0o644, createFd('/ln', 2)), 'ELOOP'],
    ['truncate', () => f.top.truncate(ctx, { path: '/ln' }, 0), 'ELOOP'],
    ['opendir', () => f.top.opendir(ctx, { path: '/ln' }, createFd('/ln', 0, true)), 'ENOTDIR'],
    ['setattr', () => f.top.setattr(ctx, { path: '/ln' }, { mode: 0o777, mtimeMs: 0 }), 'ok'],
    ['setxattr', () => f.top.setxattr(ctx, { path: '/ln' }, { 'trusted.x': Buffer.from('1') }, 0), 'ok'],
    ['xattrop', () => f.top.xattrop(ctx, { path: '/ln' }, 'add32', { 'trusted.n': Buffer.alloc(4, 1) }), 'ok'],
    ['unlink', () => f.top.unlink(ctx, { path: '/ln' }), 'ok'],
  ];
  for (const [fop, run, want] of cases) assert.is(await errnoOf(run()), want, fop);
  assert.is(snapshot(out), before);
});

S('a symlink to a directory inside the brick is not followed either', async ({ f }) => {
  await f.top.mkdir(f.ctx, { path: '/d' }, 0o755);
  await f.top.symlink(f.ctx, 'd', { path: '/alias' });
  assert.is(await errnoOf(f.top.lookup(f.ctx, { path: '/alias/x' }, [])), 'ENOTDIR');
  assert.is(await errnoOf(f.top.mkdir(f.ctx, { path: '/alias/x' }, 0o755)), 'ENOTDIR');
});

S('.glusterfs is invisible and untouchable', async ({ f }) => {
  const { top, ctx } = f;
  assert.is(await errnoOf(top.lookup(ctx, { path: '/.glusterfs' }, [])), 'ENOENT');
  assert.is(await errnoOf(top.stat(ctx, { path: '/.glusterfs/00/00' })), 'ENOENT');
  assert.is(await errnoOf(top.mkdir(ctx, { path: '/.glusterfs/x' }, 0o755)), 'EPERM');
  assert.is(await errnoOf(top.rmdir(ctx, { path: '/.glusterfs' })), 'EPERM');
  assert.is(await errnoOf(top.rename(ctx, { path: '/.glusterfs' }, { path: '/g' })), 'EPERM');
  const fd = createFd('/', 0, true);
  await top.opendir(ctx, { path: '/' }, fd);
  const page = await top.readdir(ctx, fd, 0, 100);
  assert.equal(page.entries.map((e) => e.name), []);
  await top.releasedir(ctx, fd);
  // Deeper directories may use the name freely.
  await top.mkdir(ctx, { path: '/d' }, 0o755);
  await top.mkdir(ctx, { path: '/d/.glusterfs' }, 0o755);
});

S('paths that are not normalized are EINVAL', async ({ f }) => {
  for (const p of ['a', '/a/../b', '/a/./b', '//a', '/a/', '/a\0b', '']) {
    assert.is(await errnoOf(f.top.stat(f.ctx, { path: p })), 'EINVAL', JSON.stringify(p));
  }
});

S.run();
