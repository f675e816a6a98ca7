import { execFileSync } from 'node:child_process';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { createFd, isSymlink } from '../../../../src/index.js';
import { errnoOf, posixFixture, type PosixFixture } from './fixture.js';

const S = suite<{ f: PosixFixture }>('xlators/storage/posix/inode-read');
S.before.each((c) => { c.f = posixFixture({ 'sync-io-max': 1024 }); });
S.after.each(async (c) => { await c.f.done(); });

S('read returns the bytes asked for, short at end of file, empty past it', async ({ f }) => {
  const { top, ctx } = f;
  const w = createFd('/f', 1);
  await top.create(ctx, { path: '/f' }, 0o1, 0o644, w);
  const data = Buffer.from(Array.from({ length: 5000 }, (_, i) => i % 251));
  await top.write(ctx, w, data, 0);
  await top.release(ctx, w);
  const fd = createFd('/f', 0);
  await top.open(ctx, { path: '/f' }, 0, fd);
  assert.equal(await top.read(ctx, fd, 100, 10), data.subarray(10, 110), 'small (sync) read');
  assert.equal(await top.read(ctx, fd, 4000, 900), data.subarray(900, 4900), 'large (pool) read');
  assert.equal(await top.read(ctx, fd, 4096, 4000), data.subarray(4000), 'short at EOF');
  assert.is((await top.read(ctx, fd, 10, 6000)).length, 0);
  assert.is(await errnoOf(top.read(ctx, fd, -1, 0)), 'EINVAL');
  assert.is((await top.fstat(ctx, fd)).size, 5000);
  await top.release(ctx, fd);
  assert.is(await errnoOf(top.read(ctx, fd, 1, 0)), 'EBADF');
});

S('open errnos: missing, directory, non-regular file', async ({ f }) => {
  const { top, ctx } = f;
  await top.mkdir(ctx, { path: '/d' }, 0o755);
  execFileSync('mkfifo', [f.at('/fifo')]);
  assert.is(await errnoOf(top.open(ctx, { path: '/none' }, 0, createFd('/none', 0))), 'ENOENT');
  assert.is(await errnoOf(top.open(ctx, { path: '/d' }, 0, createFd('/d', 0))), 'EISDIR');
  assert.is(await errnoOf(top.open(ctx, { path: '/d' }, 2, createFd('/d', 2))), 'EISDIR');
  assert.is(await errnoOf(top.open(ctx, { path: '/fifo' }, 0, createFd('/fifo', 0))), 'EINVAL', 'no hang on a FIFO');
});

S('stat, readlink and statfs', async ({ f }) => {
  const { top, ctx } = f;
  const s = await top.symlink(ctx, '/etc/passwd', { path: '/ln' });
  const st = await top.stat(ctx, { path: '/ln' });
  assert.ok(isSymlink(st));
  assert.is(st.gfid, s.gfid);
  assert.is(await top.readlink(ctx, { path: '/ln' }), '/etc/passwd');
  await top.mkdir(ctx, { path: '/d' }, 0o755);
  assert.is(await errnoOf(top.readlink(ctx, { path: '/d' })), 'EINVAL');
  const fs = await top.statfs(ctx, { path: '/' });
  assert.ok(fs.blocks > 0 && fs.bsize > 0 && fs.files > 0 && fs.namemax === 255);
  const root = await top.stat(ctx, { path: '/' });
  assert.is(root.gfid, '00000000-0000-0000-0000-000000000001');
});

S.run();
