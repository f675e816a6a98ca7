import { writeFileSync } from 'node:fs';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { createFd } from '../../../../src/index.js';
import { blockDigests } from '../../../../src/fop/index.js';
import { memoryFixture } from '../memory/fixture.js';
import { errnoOf, posixFixture, type PosixFixture } from './fixture.js';

const S = suite<{ f: PosixFixture }>('xlators/storage/posix/checksum');
S.before.each((c) => { c.f = posixFixture(); });
S.after.each(async (c) => { await c.f.done(); });

const MiB = 1 << 20;
// Bytes that differ from block to block, so a misplaced block boundary changes the digests.
const content = Buffer.alloc(10 * MiB + 12345);
for (let i = 0; i + 4 <= content.length; i += 4) content.writeUInt32LE(Math.imul(i, 2654435761) >>> 0, i);

async function openFile(f: PosixFixture, path: string, data: Buffer) {
  writeFileSync(f.at(path), data);
  await f.top.lookup(f.ctx, { path }, []);
  const fd = createFd(path, 0);
  await f.top.open(f.ctx, { path }, 0, fd);
  return fd;
}

S('digests cover the range block by block, across read windows, clipped at end of file', async ({ f }) => {
  const fd = await openFile(f, '/f', content);
  const cases: [string, number, number, number][] = [
    ['whole file in 128 KiB blocks', 0, 12 * MiB, 128 << 10],
    ['blocks that straddle the 4 MiB windows', 0, 11 * MiB, 3 * MiB + 1],
    ['an inner range at an odd offset', 4097, 5 * MiB, 64 << 10],
    ['one block larger than the rest of the file', 9 * MiB, 4 * MiB, 8 * MiB],
    ['a range ending before EOF', 100, 1000, 300],
  ];
  for (const [what, offset, length, bs] of cases) {
    const want = blockDigests(content.subarray(offset, Math.min(offset + length, content.length)), bs);
    assert.equal(await f.top.rchecksum(f.ctx, fd, offset, length, bs), want, what);
  }
  assert.is((await f.top.rchecksum(f.ctx, fd, content.length, 4096, 1024)).length, 0, 'starting at EOF: no blocks');
  assert.is((await f.top.rchecksum(f.ctx, fd, content.length + 5, 4096, 1024)).length, 0, 'past EOF: no blocks');
  assert.is((await f.top.rchecksum(f.ctx, fd, content.length - 1, 4096, 1024)).length, 16, 'one byte left: one block');
});

S('storage/memory gives the same digests for the same bytes', async ({ f }) => {
  const fd = await openFile(f, '/f', content.subarray(0, 3 * MiB + 7));
  const m = memoryFixture();
  const mfd = createFd('/f', 2);
  await m.top.create(m.ctx, { path: '/f' }, 2, 0o644, mfd);
  await m.top.write(m.ctx, mfd, content.subarray(0, 3 * MiB + 7), 0);
  for (const [offset, length, bs] of [[0, 4 * MiB, 128 << 10], [77, MiB, 1000], [3 * MiB, MiB, 4096]] as const) {
    assert.equal(await f.top.rchecksum(f.ctx, fd, offset, length, bs), await m.top.rchecksum(m.ctx, mfd, offset, length, bs));
  }
});

S('a large range lets other work run between windows', async ({ f }) => {
  const fd = await openFile(f, '/f', content);
  let turns = 0;
  let done = false;
  const spin = () => { if (!done) { turns++; setImmediate(spin); } };
  setImmediate(spin);
  await f.top.rchecksum(f.ctx, fd, 0, content.length, 128 << 10);
  done = true;
  assert.ok(turns >= 2, `the event loop turned ${turns} times during 10 MiB`);
});

S('errnos: bad range, directory, write-only or unknown fd', async ({ f }) => {
  const { top, ctx } = f;
  const fd = await openFile(f, '/f', Buffer.from('abc'));
  await top.mkdir(ctx, { path: '/d' }, 0o755);
  const dfd = createFd('/d', 0);
  await top.opendir(ctx, { path: '/d' }, dfd);
  const wfd = createFd('/f', 1);
  await top.open(ctx, { path: '/f' }, 1, wfd);
  const cases: [string, Promise<unknown>, string][] = [
    ['over 64 MiB', top.rchecksum(ctx, fd, 0, 64 * MiB + 1, MiB), 'EINVAL'],
    ['block size 0', top.rchecksum(ctx, fd, 0, 10, 0), 'EINVAL'],
    ['negative offset', top.rchecksum(ctx, fd, -1, 10, 10), 'EINVAL'],
    ['a directory', top.rchecksum(ctx, dfd, 0, 10, 10), 'EISDIR'],
    ['write-only', top.rchecksum(ctx, wfd, 0, 10, 10), 'EBADF'],
    ['never opened', top.rchecksum(ctx, createFd('/f', 0), 0, 10, 10), 'EBADF'],
    ['exactly 64 MiB', top.rchecksum(ctx, fd, 0, 64 * MiB, MiB), 'ok'],
  ];
  for (const [what, p, want] of cases) assert.is(await errnoOf(p), want, what);
});

S.run();
