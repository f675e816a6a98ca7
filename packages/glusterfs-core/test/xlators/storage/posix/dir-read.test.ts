import { writeFileSync } from 'node:fs';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { createFd, isDir, isFile } from '../../../../src/index.js';
import { errnoOf, posixFixture, type PosixFixture } from './fixture.js';

const S = suite<{ f: PosixFixture }>('xlators/storage/posix/dir-read');
S.before.each((c) => { c.f = posixFixture(); });
S.after.each(async (c) => { await c.f.done(); });

S('paging through 5,000 entries returns each exactly once, with attributes', async ({ f }) => {
  const { top, ctx } = f;
  await top.mkdir(ctx, { path: '/big' }, 0o755);
  const want = new Set<string>();
  for (let i = 0; i < 5000; i++) {
    const name = `f${i}`;
    want.add(name);
    await top.create(ctx, { path: `/big/${name}` }, 0o1, 0o644, createFd(`/big/${name}`, 1));
  }
  const fd = createFd('/big', 0, true);
  await top.opendir(ctx, { path: '/big' }, fd);
  // Changes made while paging must not cause repeats.
  await top.create(ctx, { path: '/big/late' }, 0o1, 0o644, createFd('/big/late', 1));
  const seen = new Map<string, number>();
  let off = 0;
  let pages = 0;
  for (;;) {
    const page = await top.readdir(ctx, fd, off, 333);
    pages++;
    for (const e of page.entries) {
      seen.set(e.name, (seen.get(e.name) ?? 0) + 1);
      assert.ok(isFile(e.iatt) && e.iatt.gfid.length === 36, e.name);
      off = e.off;
    }
    if (page.eof) break;
    if (pages === 3) await top.unlink(ctx, { path: '/big/f4999' });
  }
  await top.releasedir(ctx, fd);
  assert.is(seen.size, 4999, 'every name of the snapshot once, minus the one removed meanwhile');
  for (const [name, n] of seen) assert.is(n, 1, name);
  assert.not.ok(seen.has('late'));
});

S('cookies resume anywhere and eof is set on the last page', async ({ f }) => {
  const { top, ctx } = f;
  for (const n of ['a', 'b', 'c']) await top.mkdir(ctx, { path: '/' + n }, 0o755);
  const fd = createFd('/', 0, true);
  await top.opendir(ctx, { path: '/' }, fd);
  const all = await top.readdir(ctx, fd, 0, 10);
  assert.is(all.entries.length, 3);
  assert.ok(all.eof);
  assert.ok(all.entries.every((e) => isDir(e.iatt)));
  const rest = await top.readdir(ctx, fd, all.entries[0]!.off, 1);
  assert.equal(rest.entries.map((e) => e.name), [all.entries[1]!.name]);
  assert.not.ok(rest.eof);
  const end = await top.readdir(ctx, fd, all.entries[2]!.off, 10);
  assert.equal(end, { entries: [], eof: true });
  await top.releasedir(ctx, fd);
  assert.is(await errnoOf(top.readdir(ctx, fd, 0, 10)), 'EBADF');
});

S('an open directory keeps listing after it is renamed', async ({ f }) => {
  const { top, ctx } = f;
  await top.mkdir(ctx, { path: '/d' }, 0o755);
  await top.create(ctx, { path: '/d/x' }, 0o1, 0o644, createFd('/d/x', 1));
  const fd = createFd('/d', 0, true);
  await top.opendir(ctx, { path: '/d' }, fd);
  await top.rename(ctx, { path: '/d' }, { path: '/e' });
  const page = await top.readdir(ctx, fd, 0, 10);
  assert.equal(page.entries.map((e) => e.name), ['x']);
  await top.releasedir(ctx, fd);
});

S('readdir gives entries made behind the volume\'s back a gfid', async ({ f }) => {
  const { top, ctx } = f;
  const d = await top.mkdir(ctx, { path: '/d' }, 0o755);
  writeFileSync(f.at('/d/raw'), 'x');
  const fd = createFd('/d', 0, true);
  await top.opendir(ctx, { path: '/d' }, fd);
  assert.is(fd.gfid, d.gfid);
  const [e] = (await top.readdir(ctx, fd, 0, 10)).entries;
  await top.releasedir(ctx, fd);
  assert.is((await top.stat(ctx, { path: '/d/raw' })).gfid, e!.iatt.gfid);
});

S('opendir errnos', async ({ f }) => {
  const { top, ctx } = f;
  await top.create(ctx, { path: '/f' }, 0o1, 0o644, createFd('/f', 1));
  assert.is(await errnoOf(top.opendir(ctx, { path: '/f' }, createFd('/f', 0, true))), 'ENOTDIR');
  assert.is(await errnoOf(top.opendir(ctx, { path: '/none' }, createFd('/none', 0, true))), 'ENOENT');
});

S.run();
