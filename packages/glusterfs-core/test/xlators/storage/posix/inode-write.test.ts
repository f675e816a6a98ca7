import { readFileSync, statSync } from 'node:fs';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { createFd } from '../../../../src/index.js';
import { errnoOf, posixFixture, type PosixFixture } from './fixture.js';

const S = suite<{ f: PosixFixture }>('xlators/storage/posix/inode-write');
S.before.each((c) => { c.f = posixFixture({ 'sync-io-max': 4096 }); });
S.after.each(async (c) => { await c.f.done(); });

S('write stores all bytes at the offset and returns the attributes after it', async ({ f }) => {
  const { top, ctx } = f;
  const fd = createFd('/f', 2);
  await top.create(ctx, { path: '/f' }, 0o2, 0o644, fd);
  const small = await top.write(ctx, fd, Buffer.from('hello'), 10);
  assert.is(small.size, 15);
  const big = Buffer.alloc(3 << 20, 0x61); // above sync-io-max: the thread-pool path
  const after = await top.write(ctx, fd, big, 15);
  assert.is(after.size, 15 + big.length);
  assert.is(after.gfid, small.gfid);
  const disk = readFileSync(f.at('/f'));
  assert.equal(disk.subarray(10, 15), Buffer.from('hello'));
  assert.equal(disk.subarray(0, 10), Buffer.alloc(10));
  assert.ok(disk.subarray(15).equals(big));
  await top.fsync(ctx, fd, false);
  await top.fsync(ctx, fd, true);
  await top.flush(ctx, fd);
  await top.release(ctx, fd);
});

S('a release during a running write waits for it before closing', async ({ f }) => {
  const { top, ctx } = f;
  const fd = createFd('/f', 2);
  await top.create(ctx, { path: '/f' }, 0o2, 0o644, fd);
  const w = top.write(ctx, fd, Buffer.alloc(8 << 20, 1), 0);
  await top.release(ctx, fd);
  assert.is((await w).size, 8 << 20);
  assert.is(await errnoOf(top.write(ctx, fd, Buffer.from('x'), 0)), 'EBADF');
});

S('truncate and ftruncate set the size; a directory is EISDIR', async ({ f }) => {
  const { top, ctx } = f;
  const fd = createFd('/f', 2);
  await top.create(ctx, { path: '/f' }, 0o2, 0o644, fd);
  await top.write(ctx, fd, Buffer.alloc(100, 1), 0);
  assert.is((await top.truncate(ctx, { path: '/f' }, 10)).size, 10);
  assert.is((await top.ftruncate(ctx, fd, 5000)).size, 5000);
  assert.is((await top.fstat(ctx, fd)).size, 5000);
  await top.release(ctx, fd);
  await top.mkdir(ctx, { path: '/d' }, 0o755);
  assert.is(await errnoOf(top.truncate(ctx, { path: '/d' }, 0)), 'EISDIR');
  assert.is(await errnoOf(top.truncate(ctx, { path: '/none' }, 0)), 'ENOENT');
  assert.is(await errnoOf(top.truncate(ctx, { path: '/f' }, -1)), 'EINVAL');
});

S('setattr changes mode, owner and times, leaving unset fields alone', async ({ f }) => {
  const { top, ctx } = f;
  await top.create(ctx, { path: '/f' }, 0o1, 0o644, createFd('/f', 1));
  const before = statSync(f.at('/f'));
  const a = await top.setattr(ctx, { path: '/f' }, { mode: 0o4750, uid: 7, gid: 8 });
  assert.is(a.mode & 0o7777, 0o4750, 'mode applied after chown, so setuid survives');
  assert.equal([a.uid, a.gid], [7, 8]);
  const b = await top.setattr(ctx, { path: '/f' }, { mtimeMs: 1_000_000 });
  assert.is(b.mtimeMs, 1_000_000);
  assert.is(Math.round(b.atimeMs), Math.round(before.atimeMs));
  assert.is(await errnoOf(top.setattr(ctx, { path: '/none' }, { mode: 0o600 })), 'ENOENT');
});

S.run();
