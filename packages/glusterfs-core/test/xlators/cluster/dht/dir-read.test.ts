import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { createFd, isDir } from '../../../../src/index.js';
import { dhtFixture, errnoOf, holders, listDir, writeFile } from './fixture.js';

const S = suite('xlators/cluster/dht/dir-read');

S('readdir of 5,000 entries across 4 bricks returns each name exactly once', async () => {
  const f = dhtFixture();
  await f.top.mkdir(f.ctx, { path: '/big' }, 0o755);
  const want = new Set<string>();
  for (let i = 0; i < 4950; i++) {
    await writeFile(f.top, f.ctx, `/big/f${i}`);
    want.add(`f${i}`);
  }
  for (let i = 0; i < 50; i++) {
    await f.top.mkdir(f.ctx, { path: `/big/d${i}` }, 0o755);
    want.add(`d${i}`);
  }
  for (const page of [1000, 97, 1]) {
    const names = await listDir(f.top, f.ctx, '/big', page);
    assert.is(names.length, 5000, `page ${page}`);
    assert.equal(new Set(names), want);
  }
});

S('cookies are stateless: a listing resumes on a fresh fd', async () => {
  const f = dhtFixture();
  for (let i = 0; i < 300; i++) await writeFile(f.top, f.ctx, `/n${i}`);
  const names = await listDir(f.top, f.ctx, '/', 13, true);
  assert.is(names.length, 300);
  assert.is(new Set(names).size, 300);
});

S('link files are hidden and directories are listed once, with their attributes', async () => {
  const f = dhtFixture();
  await f.top.mkdir(f.ctx, { path: '/d' }, 0o755);
  await writeFile(f.top, f.ctx, '/a', 'x');
  const [data] = await holders(f, '/a');
  let target = '';
  for (let i = 0; !target; i++) {
    await writeFile(f.top, f.ctx, `/t${i}`);
    if ((await holders(f, `/t${i}`))[0] !== data) target = `t${i}`;
    await f.top.unlink(f.ctx, { path: `/t${i}` });
  }
  await f.top.rename(f.ctx, { path: '/a' }, { path: `/${target}` });
  const fd = createFd('/', 0, true);
  await f.top.opendir(f.ctx, { path: '/' }, fd);
  const page = await f.top.readdir(f.ctx, fd, 0, 100);
  assert.ok(page.eof);
  assert.equal(page.entries.map((e) => e.name).sort(), ['d', target]);
  assert.ok(isDir(page.entries.find((e) => e.name === 'd')!.iatt));
  assert.is(page.entries.find((e) => e.name === target)!.iatt.size, 1);
});

S('readdir on a file fd or an unopened fd is refused', async () => {
  const f = dhtFixture();
  await writeFile(f.top, f.ctx, '/a');
  assert.is(await errnoOf(f.top.opendir(f.ctx, { path: '/a' }, createFd('/a', 0, true))), 'ENOTDIR');
  assert.is(await errnoOf(f.top.readdir(f.ctx, createFd('/', 0, true), 0, 10)), 'EBADF');
});

S.run();
