import { constants as O } from 'node:fs';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { createFd } from '../../../../src/index.js';
import { blockDigests } from '../../../../src/fop/index.js';
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

S('rchecksum digests the range block by block, clipped at end of file', async () => {
  const { top, ctx } = memoryFixture();
  const data = Buffer.from(Array.from({ length: 10_000 }, (_, i) => (i * 31) & 255));
  const fd = createFd('/f', O.O_RDWR);
  await top.create(ctx, { path: '/f' }, O.O_RDWR, 0o644, fd);
  await top.write(ctx, fd, data, 0);
  assert.equal(await top.rchecksum(ctx, fd, 0, 1 << 20, 4096), blockDigests(data, 4096));
  assert.equal(await top.rchecksum(ctx, fd, 5, 5000, 1000), blockDigests(data.subarray(5, 5005), 1000));
  assert.is((await top.rchecksum(ctx, fd, 9_999, 4096, 4096)).length, 16);
  assert.is((await top.rchecksum(ctx, fd, 10_000, 4096, 4096)).length, 0);
  await top.mkdir(ctx, { path: '/d' }, 0o755);
  const dfd = createFd('/d', O.O_RDONLY);
  await top.opendir(ctx, { path: '/d' }, dfd);
  const wfd = createFd('/f', O.O_WRONLY);
  await top.open(ctx, { path: '/f' }, O.O_WRONLY, wfd);
  const cases: [string, Promise<unknown>, string][] = [
    ['over 64 MiB', top.rchecksum(ctx, fd, 0, (64 << 20) + 1, 1 << 20), 'EINVAL'],
    ['block size 0', top.rchecksum(ctx, fd, 0, 10, 0), 'EINVAL'],
    ['a directory', top.rchecksum(ctx, dfd, 0, 10, 10), 'EISDIR'],
    ['write-only', top.rchecksum(ctx, wfd, 0, 10, 10), 'EBADF'],
    ['never opened', top.rchecksum(ctx, createFd('/f', 0), 0, 10, 10), 'EBADF'],
  ];
  for (const [what, p, want] of cases) assert.is(await errnoOf(p), want, what);
});

S.run();
