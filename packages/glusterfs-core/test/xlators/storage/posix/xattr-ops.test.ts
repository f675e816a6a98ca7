import { hostname } from 'node:os';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { PATHINFO_XATTR, XATTR, createFd } from '../../../../src/index.js';
import { errnoOf, posixFixture, type PosixFixture } from './fixture.js';

const S = suite<{ f: PosixFixture }>('xlators/storage/posix/xattr-ops');
S.before.each(async (c) => {
  c.f = posixFixture();
  await c.f.top.create(c.f.ctx, { path: '/f' }, 0o1, 0o644, createFd('/f', 1));
});
S.after.each(async (c) => { await c.f.done(); });

const be32 = (...n: number[]) => {
  const b = Buffer.alloc(4 * n.length);
  n.forEach((v, i) => b.writeInt32BE(v, 4 * i));
  return b;
};

S('xattrop is atomic under 1,000 concurrent adds', async ({ f }) => {
  const key = 'trusted.afr.t-client-0';
  const ops = Array.from({ length: 1000 }, (_, i) => f.top.xattrop(f.ctx, { path: '/f' }, 'add32', { [key]: be32(1, i % 2, -1) }));
  await Promise.all(ops);
  const v = (await f.top.getxattr(f.ctx, { path: '/f' }, key))[key]!;
  assert.equal([v.readInt32BE(0), v.readInt32BE(4), v.readInt32BE(8)], [1000, 500, -1000]);
});

S('xattrop returns the new values; a missing xattr counts as zeros; zeros only read', async ({ f }) => {
  const { top, ctx } = f;
  const r1 = await top.xattrop(ctx, { path: '/f' }, 'add32', { 'trusted.a': be32(2, 3, 0) });
  assert.equal(r1['trusted.a'], be32(2, 3, 0));
  const r2 = await top.xattrop(ctx, { path: '/f' }, 'add32', { 'trusted.a': be32(-2, 1, 0), 'trusted.b': be32(0, 0, 0) });
  assert.equal(r2['trusted.a'], be32(0, 4, 0));
  assert.equal(r2['trusted.b'], be32(0, 0, 0));
  assert.is(await errnoOf(top.getxattr(ctx, { path: '/f' }, 'trusted.b')), 'ENODATA', 'an all-zero delta writes nothing');
  const big = Buffer.alloc(8);
  big.writeBigInt64BE(2n ** 40n);
  const r3 = await top.xattrop(ctx, { path: '/f' }, 'add64', { 'trusted.c': big });
  const r4 = await top.xattrop(ctx, { path: '/f' }, 'add64', { 'trusted.c': big });
  assert.is(r3['trusted.c']!.readBigInt64BE(0), 2n ** 40n);
  assert.is(r4['trusted.c']!.readBigInt64BE(0), 2n ** 41n);
  assert.is(await errnoOf(top.xattrop(ctx, { path: '/f' }, 'add32', { 'trusted.d': Buffer.alloc(3) })), 'EINVAL');
  assert.is(await errnoOf(top.xattrop(ctx, { path: '/none' }, 'add32', { 'trusted.d': Buffer.alloc(4) })), 'ENOENT');
});

S('setxattr flags: 0 sets, 1 creates only, 2 replaces only', async ({ f }) => {
  const { top, ctx } = f;
  const l = { path: '/f' };
  const v = (s: string) => ({ 'user.k': Buffer.from(s) });
  const cases: [string, () => Promise<unknown>, string][] = [
    ['replace-only of a missing xattr', () => top.setxattr(ctx, l, v('a'), 2), 'ENODATA'],
    ['create-only of a missing xattr', () => top.setxattr(ctx, l, v('b'), 1), 'ok'],
    ['create-only of an existing xattr', () => top.setxattr(ctx, l, v('c'), 1), 'EEXIST'],
    ['replace-only of an existing xattr', () => top.setxattr(ctx, l, v('d'), 2), 'ok'],
    ['plain set', () => top.setxattr(ctx, l, v('e'), 0), 'ok'],
    ['changing the gfid', () => top.setxattr(ctx, l, { [XATTR.GFID]: Buffer.alloc(16) }, 0), 'EPERM'],
    ['removing the gfid', () => top.removexattr(ctx, l, XATTR.GFID), 'EPERM'],
    ['on a missing file', () => top.setxattr(ctx, { path: '/none' }, v('x'), 0), 'ENOENT'],
  ];
  for (const [what, run, want] of cases) assert.is(await errnoOf(run()), want, what);
  assert.equal((await top.getxattr(ctx, l, 'user.k'))['user.k'], Buffer.from('e'));
});

S('getxattr lists every xattr, including the trusted ones; removexattr', async ({ f }) => {
  const { top, ctx } = f;
  await top.setxattr(ctx, { path: '/f' }, { 'user.a': Buffer.from('1'), 'trusted.b': Buffer.from('2') }, 0);
  const all = await top.getxattr(ctx, { path: '/f' }, null);
  for (const k of ['user.a', 'trusted.b', XATTR.GFID]) assert.ok(k in all, k);
  assert.ok(Object.keys(all).some((k) => k.startsWith(XATTR.GFID2PATH_PREFIX)));
  await top.removexattr(ctx, { path: '/f' }, 'user.a');
  assert.is(await errnoOf(top.removexattr(ctx, { path: '/f' }, 'user.a')), 'ENODATA');
  assert.is(await errnoOf(top.getxattr(ctx, { path: '/f' }, 'user.a')), 'ENODATA');
  assert.is(await errnoOf(top.getxattr(ctx, { path: '/none' }, 'user.a')), 'ENOENT');
  assert.is(await errnoOf(top.getxattr(ctx, { path: '/none' }, null)), 'ENOENT');
});

S('virtual pathinfo names brick-host and the entry under the brick directory; ENOENT when missing', async ({ f }) => {
  const pathinfo = async (g: PosixFixture, path: string) => (await g.top.getxattr(g.ctx, { path }, PATHINFO_XATTR))[PATHINFO_XATTR]!.toString();
  assert.is(await pathinfo(f, '/f'), `<POSIX(${f.dir}):${hostname()}:${f.dir}/f>`, 'the host defaults to the host name');
  const g = posixFixture({ 'brick-host': '127.0.0.2' });
  try {
    await g.top.mkdir(g.ctx, { path: '/d' }, 0o755);
    assert.is(await pathinfo(g, '/d'), `<POSIX(${g.dir}):127.0.0.2:${g.dir}/d>`);
    assert.is(await pathinfo(g, '/'), `<POSIX(${g.dir}):127.0.0.2:${g.dir}>`);
    assert.is(await errnoOf(pathinfo(g, '/d/nope')), 'ENOENT');
    assert.is(await errnoOf(pathinfo(g, '/.glusterfs')), 'ENOENT');
  } finally {
    await g.done();
  }
});

S.run();
