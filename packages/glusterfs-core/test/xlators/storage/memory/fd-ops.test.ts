import { constants as O } from 'node:fs';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { createFd } from '../../../../src/index.js';
import { errnoOf, memoryFixture } from './fixture.js';

const S = suite('xlators/storage/memory/fd-ops');

S('writes past the end zero-fill the gap and reads return what was written', async () => {
  const { top, ctx } = memoryFixture();
  const fd = createFd('/f', O.O_RDWR);
  await top.create(ctx, { path: '/f' }, O.O_RDWR | O.O_CREAT, 0o644, fd);
  await top.write(ctx, fd, Buffer.from('abc'), 0);
  const iatt = await top.write(ctx, fd, Buffer.from('xyz'), 10);
  assert.is(iatt.size, 13);
  assert.equal(await top.read(ctx, fd, 100, 0), Buffer.from('abc\0\0\0\0\0\0\0xyz'));
  assert.equal(await top.read(ctx, fd, 4, 11), Buffer.from('yz'));
  assert.is((await top.read(ctx, fd, 4, 50)).length, 0);
});

S('truncate shrinks and regrows with zeros', async () => {
  const { top, ctx } = memoryFixture();
  const fd = createFd('/f', O.O_RDWR);
  await top.create(ctx, { path: '/f' }, O.O_RDWR, 0o644, fd);
  await top.write(ctx, fd, Buffer.from('hello world'), 0);
  await top.truncate(ctx, { path: '/f' }, 2);
  await top.ftruncate(ctx, fd, 6);
  assert.equal(await top.read(ctx, fd, 100, 0), Buffer.from('he\0\0\0\0'));
});

S('O_APPEND writes land at the end and O_TRUNC empties on open', async () => {
  const { top, ctx } = memoryFixture();
  const fd = createFd('/f', O.O_WRONLY);
  await top.create(ctx, { path: '/f' }, O.O_WRONLY, 0o644, fd);
  await top.write(ctx, fd, Buffer.from('12345'), 0);
  const ap = createFd('/f', O.O_WRONLY | O.O_APPEND);
  await top.open(ctx, { path: '/f' }, O.O_WRONLY | O.O_APPEND, ap);
  assert.is((await top.write(ctx, ap, Buffer.from('67'), 0)).size, 7);
  const tr = createFd('/f', O.O_WRONLY | O.O_TRUNC);
  await top.open(ctx, { path: '/f' }, O.O_WRONLY | O.O_TRUNC, tr);
  assert.is((await top.fstat(ctx, tr)).size, 0);
});

S('access modes are enforced on the fd, as Linux does', async () => {
  const { top, ctx } = memoryFixture();
  await top.create(ctx, { path: '/f' }, O.O_WRONLY, 0o644, createFd('/f', 1));
  const ro = createFd('/f', O.O_RDONLY);
  await top.open(ctx, { path: '/f' }, O.O_RDONLY, ro);
  const wo = createFd('/f', O.O_WRONLY);
  await top.open(ctx, { path: '/f' }, O.O_WRONLY, wo);
  assert.is(await errnoOf(top.write(ctx, ro, Buffer.from('x'), 0)), 'EBADF');
  assert.is(await errnoOf(top.read(ctx, wo, 1, 0)), 'EBADF');
  assert.is(await errnoOf(top.ftruncate(ctx, ro, 0)), 'EINVAL');
  assert.is(await errnoOf(top.read(ctx, createFd('/f', 0), 1, 0)), 'EBADF');
});

S('an unlinked file stays readable through an open fd', async () => {
  const { top, ctx } = memoryFixture();
  const fd = createFd('/f', O.O_RDWR);
  await top.create(ctx, { path: '/f' }, O.O_RDWR, 0o644, fd);
  await top.write(ctx, fd, Buffer.from('still here'), 0);
  await top.unlink(ctx, { path: '/f' });
  assert.equal(await top.read(ctx, fd, 100, 0), Buffer.from('still here'));
  await top.release(ctx, fd);
  assert.is(await errnoOf(top.fstat(ctx, fd)), 'EBADF');
});

S('the capacity option makes writes fail with ENOSPC and statfs reports usage', async () => {
  const { top, ctx } = memoryFixture({ capacity: 8192 });
  const fd = createFd('/f', O.O_WRONLY);
  await top.create(ctx, { path: '/f' }, O.O_WRONLY, 0o644, fd);
  await top.write(ctx, fd, Buffer.alloc(4096), 0);
  const s = await top.statfs(ctx, { path: '/' });
  assert.is(s.blocks, 2);
  assert.is(s.bfree, 1);
  assert.is(await errnoOf(top.write(ctx, fd, Buffer.alloc(8192), 4096)), 'ENOSPC');
});

S.run();
