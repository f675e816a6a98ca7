import { constants as O } from 'node:fs';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { S_IFREG, XATTR, createFd, gfidFromBuffer } from '../../../../src/index.js';
import { errnoOf, memoryFixture } from './fixture.js';

const S = suite('xlators/storage/memory/inode-ops');

function i32(...v: number[]) {
  const b = Buffer.alloc(4 * v.length);
  v.forEach((x, i) => b.writeInt32BE(x, i * 4));
  return b;
}

S('xattrop add32 adds element-wise from zero, wraps, and goes negative', async () => {
  const { top, ctx } = memoryFixture();
  await top.create(ctx, { path: '/f' }, O.O_WRONLY, 0o644, createFd('/f', 1));
  const k = 'trusted.afr.v-client-1';
  assert.equal((await top.xattrop(ctx, { path: '/f' }, 'add32', { [k]: i32(1, 0, 2) }))[k], i32(1, 0, 2));
  assert.equal((await top.xattrop(ctx, { path: '/f' }, 'add32', { [k]: i32(-3, 0x7fffffff, 0) }))[k], i32(-2, 0x7fffffff, 2));
  assert.equal((await top.xattrop(ctx, { path: '/f' }, 'add32', { [k]: i32(0, 1, 0) }))[k], i32(-2, -0x80000000, 2));
  assert.equal((await top.getxattr(ctx, { path: '/f' }, k))[k], i32(-2, -0x80000000, 2));
  assert.is(await errnoOf(top.xattrop(ctx, { path: '/f' }, 'add32', { [k]: Buffer.alloc(3) })), 'EINVAL');
});

S('xattrop add64 adds 64-bit big-endian counters', async () => {
  const { top, ctx } = memoryFixture();
  await top.mkdir(ctx, { path: '/d' }, 0o755);
  const v = (n: bigint) => { const b = Buffer.alloc(8); b.writeBigInt64BE(n); return b; };
  await top.xattrop(ctx, { path: '/d' }, 'add64', { q: v(2n ** 40n) });
  assert.equal((await top.xattrop(ctx, { path: '/d' }, 'add64', { q: v(-1n) })).q, v(2n ** 40n - 1n));
});

S('setxattr honours create-only and replace-only flags; removexattr needs the name', async () => {
  const { top, ctx } = memoryFixture();
  const loc = { path: '/' };
  await top.setxattr(ctx, loc, { 'user.a': Buffer.from('1') }, 1);
  assert.is(await errnoOf(top.setxattr(ctx, loc, { 'user.a': Buffer.from('2') }, 1)), 'EEXIST');
  assert.is(await errnoOf(top.setxattr(ctx, loc, { 'user.b': Buffer.from('2') }, 2)), 'ENODATA');
  await top.setxattr(ctx, loc, { 'user.a': Buffer.from('3') }, 2);
  assert.equal((await top.getxattr(ctx, loc, 'user.a'))['user.a'], Buffer.from('3'));
  await top.removexattr(ctx, loc, 'user.a');
  assert.is(await errnoOf(top.removexattr(ctx, loc, 'user.a')), 'ENODATA');
  assert.is(await errnoOf(top.getxattr(ctx, loc, 'user.a')), 'ENODATA');
});

S('lookup returns the asked xattrs that exist, the GFID among them', async () => {
  const { top, ctx } = memoryFixture();
  const g = '12345678-1234-1234-1234-123456789abc';
  await top.create(ctx, { path: '/f', gfid: g }, O.O_WRONLY, 0o640, createFd('/f', 1));
  await top.setxattr(ctx, { path: '/f' }, { 'user.x': Buffer.from('y') }, 0);
  const r = await top.lookup(ctx, { path: '/f' }, [XATTR.GFID, 'user.x', 'user.none']);
  assert.is(gfidFromBuffer(r.xattrs[XATTR.GFID]), g);
  assert.equal(Object.keys(r.xattrs).sort(), [XATTR.GFID, 'user.x']);
  assert.is(r.iatt.mode, S_IFREG | 0o640);
});

S('setattr changes permission bits, owner and times but never the file type', async () => {
  const { top, ctx } = memoryFixture();
  await top.create(ctx, { path: '/f' }, O.O_WRONLY, 0o644, createFd('/f', 1));
  const a = await top.setattr(ctx, { path: '/f' }, { mode: 0o100700 | 0o1000, uid: 7, gid: 8, mtimeMs: 1000 });
  assert.is(a.mode, S_IFREG | 0o1700);
  assert.equal([a.uid, a.gid, a.mtimeMs], [7, 8, 1000]);
});

S.run();
