import { constants as O } from 'node:fs';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { type CallCtx, type Subvol, createFd } from '../../../../src/index.js';
import { errnoOf, memoryFixture } from './fixture.js';

const S = suite('xlators/storage/memory/dir-ops');

async function listAll(top: Subvol, ctx: CallCtx, path: string, page: number, between?: (names: string[]) => Promise<void>) {
  const fd = createFd(path, 0, true);
  await top.opendir(ctx, { path }, fd);
  const names: string[] = [];
  let off = 0;
  for (;;) {
    const p = await top.readdir(ctx, fd, off, page);
    names.push(...p.entries.map((e) => e.name));
    if (p.entries.length) off = p.entries.at(-1)!.off;
    if (between) await between(names);
    if (p.eof) break;
  }
  await top.releasedir(ctx, fd);
  return names;
}

S('readdir pages through every entry once, with attributes', async () => {
  const { top, ctx } = memoryFixture();
  for (let i = 0; i < 500; i++) await top.create(ctx, { path: `/f${i}` }, O.O_WRONLY, 0o644, createFd('', 1));
  const names = await listAll(top, ctx, '/', 7);
  assert.is(names.length, 500);
  assert.is(new Set(names).size, 500);
});

S('cookies stay valid while other names come and go', async () => {
  const { top, ctx } = memoryFixture();
  for (let i = 0; i < 300; i++) await top.create(ctx, { path: `/f${i}` }, O.O_WRONLY, 0o644, createFd('', 1));
  let removed = 0;
  const names = await listAll(top, ctx, '/', 10, async (seen) => {
    // Remove names already listed and add new ones: the rest must still come exactly once.
    if (removed < 200) {
      await top.unlink(ctx, { path: `/${seen[removed]}` });
      removed++;
      await top.create(ctx, { path: `/new${removed}` }, O.O_WRONLY, 0o644, createFd('', 1));
    }
  });
  const original = names.filter((n) => n.startsWith('f'));
  assert.is(original.length, 300);
  assert.is(new Set(names).size, names.length);
});

S('readdir rejects a file fd and a released fd', async () => {
  const { top, ctx } = memoryFixture();
  const fd = createFd('/f', 1);
  await top.create(ctx, { path: '/f' }, O.O_WRONLY, 0o644, fd);
  assert.is(await errnoOf(top.readdir(ctx, fd, 0, 10)), 'ENOTDIR');
  assert.is(await errnoOf(top.opendir(ctx, { path: '/f' }, createFd('/f', 0, true))), 'ENOTDIR');
  const d = createFd('/', 0, true);
  await top.opendir(ctx, { path: '/' }, d);
  await top.releasedir(ctx, d);
  assert.is(await errnoOf(top.readdir(ctx, d, 0, 10)), 'EBADF');
});

S.run();
