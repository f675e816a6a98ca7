import * as fs from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { ROOT_GFID, S_IFDIR, createFd } from '../../../../src/index.js';
import { errnoOf, memoryFixture, type MemoryFixture } from './fixture.js';

const S = suite<{ m: MemoryFixture }>('xlators/storage/memory/entry-ops');
S.before.each(async (c) => {
  c.m = memoryFixture();
  const { top, ctx } = c.m;
  await top.mkdir(ctx, { path: '/d' }, 0o755);
  await top.mkdir(ctx, { path: '/e' }, 0o755);
  for (const p of ['/d/f', '/f']) await top.create(ctx, { path: p }, fs.constants.O_WRONLY, 0o644, createFd(p, 1));
  await top.symlink(ctx, 'f', { path: '/s' });
});

const O = fs.constants;
// [title, what the memory brick does, the same on a real Linux directory]
type Case = [string, (m: MemoryFixture) => Promise<unknown>, (root: string) => unknown];
const CASES: Case[] = [
  ['mkdir over a directory', (m) => m.top.mkdir(m.ctx, { path: '/d' }, 0o755), (r) => fs.mkdirSync(r + '/d')],
  ['mkdir under a missing parent', (m) => m.top.mkdir(m.ctx, { path: '/no/x' }, 0o755), (r) => fs.mkdirSync(r + '/no/x')],
  ['mkdir under a file', (m) => m.top.mkdir(m.ctx, { path: '/f/x' }, 0o755), (r) => fs.mkdirSync(r + '/f/x')],
  ['rmdir of a non-empty directory', (m) => m.top.rmdir(m.ctx, { path: '/d' }), (r) => fs.rmdirSync(r + '/d')],
  ['rmdir of a file', (m) => m.top.rmdir(m.ctx, { path: '/f' }), (r) => fs.rmdirSync(r + '/f')],
  ['rmdir of a missing name', (m) => m.top.rmdir(m.ctx, { path: '/no' }), (r) => fs.rmdirSync(r + '/no')],
  ['unlink of a directory', (m) => m.top.unlink(m.ctx, { path: '/d' }), (r) => fs.unlinkSync(r + '/d')],
  ['unlink of a missing name', (m) => m.top.unlink(m.ctx, { path: '/no' }), (r) => fs.unlinkSync(r + '/no')],
  ['rename of a directory onto a file', (m) => m.top.rename(m.ctx, { path: '/d' }, { path: '/f' }), (r) => fs.renameSync(r + '/d', r + '/f')],
  ['rename of a file onto a directory', (m) => m.top.rename(m.ctx, { path: '/f' }, { path: '/e' }), (r) => fs.renameSync(r + '/f', r + '/e')],
  ['rename onto a non-empty directory', (m) => m.top.rename(m.ctx, { path: '/e' }, { path: '/d' }), (r) => fs.renameSync(r + '/e', r + '/d')],
  ['rename of a directory into itself', (m) => m.top.rename(m.ctx, { path: '/d' }, { path: '/d/x' }), (r) => fs.renameSync(r + '/d', r + '/d/x')],
  ['rename of a missing name', (m) => m.top.rename(m.ctx, { path: '/no' }, { path: '/x' }), (r) => fs.renameSync(r + '/no', r + '/x')],
  ['rename into a missing directory', (m) => m.top.rename(m.ctx, { path: '/f' }, { path: '/no/x' }), (r) => fs.renameSync(r + '/f', r + '/no/x')],
  ['rename of an empty directory onto one', (m) => m.top.rename(m.ctx, { path: '/e' }, { path: '/d/g' }), (r) => fs.renameSync(r + '/e', r + '/d/g')],
  ['link of a directory', (m) => m.top.link(m.ctx, { path: '/d' }, { path: '/x' }), (r) => fs.linkSync(r + '/d', r + '/x')],
  ['link onto an existing name', (m) => m.top.link(m.ctx, { path: '/f' }, { path: '/d' }), (r) => fs.linkSync(r + '/f', r + '/d')],
  ['symlink onto an existing name', (m) => m.top.symlink(m.ctx, 'x', { path: '/f' }), (r) => fs.symlinkSync('x', r + '/f')],
  ['readlink of a file', (m) => m.top.readlink(m.ctx, { path: '/f' }), (r) => fs.readlinkSync(r + '/f')],
  ['truncate of a directory', (m) => m.top.truncate(m.ctx, { path: '/d' }, 0), (r) => fs.truncateSync(r + '/d')],
  ['open of a directory for writing', (m) => m.top.open(m.ctx, { path: '/d' }, O.O_WRONLY, createFd('/d', 1)), (r) => fs.openSync(r + '/d', O.O_WRONLY)],
  ['exclusive create of an existing file', (m) => m.top.create(m.ctx, { path: '/d/f' }, O.O_CREAT | O.O_EXCL | O.O_WRONLY, 0o644, createFd('/d/f', 1)), (r) => fs.openSync(r + '/d/f', O.O_CREAT | O.O_EXCL | O.O_WRONLY)],
  ['read-only create of a directory', (m) => m.top.create(m.ctx, { path: '/d' }, O.O_CREAT | O.O_RDONLY, 0o644, createFd('/d', 0)), (r) => fs.openSync(r + '/d', O.O_CREAT | O.O_RDONLY)],
  ['create under a file', (m) => m.top.create(m.ctx, { path: '/f/x' }, O.O_CREAT | O.O_WRONLY, 0o644, createFd('/f/x', 1)), (r) => fs.openSync(r + '/f/x', O.O_CREAT | O.O_WRONLY)],
  ['stat through a file', (m) => m.top.stat(m.ctx, { path: '/f/x' }), (r) => fs.lstatSync(r + '/f/x')],
  ['a name longer than NAME_MAX', (m) => m.top.mkdir(m.ctx, { path: '/' + 'n'.repeat(256) }, 0o755), (r) => fs.mkdirSync(r + '/' + 'n'.repeat(256))],
];

S('every entry fop fails with the errno Linux gives for the same call', async ({ m }) => {
  for (const [title, mem, linux] of CASES) {
    const root = fs.mkdtempSync(join(tmpdir(), 'memory-errno-'));
    try {
      fs.mkdirSync(root + '/d');
      fs.mkdirSync(root + '/e');
      fs.writeFileSync(root + '/d/f', '');
      fs.writeFileSync(root + '/f', '');
      fs.symlinkSync('f', root + '/s');
      const expected = await errnoOf(Promise.resolve().then(() => linux(root)));
      const fresh = memoryFixture();
      const { top, ctx } = fresh;
      await top.mkdir(ctx, { path: '/d' }, 0o755);
      await top.mkdir(ctx, { path: '/e' }, 0o755);
      for (const p of ['/d/f', '/f']) await top.create(ctx, { path: p }, O.O_WRONLY, 0o644, createFd(p, 1));
      await top.symlink(ctx, 'f', { path: '/s' });
      assert.is(await errnoOf(mem(fresh)), expected, title);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  }
  void m;
});

S('the root is a directory with the root GFID', async ({ m }) => {
  const r = await m.top.lookup(m.ctx, { path: '/' }, []);
  assert.is(r.iatt.gfid, ROOT_GFID);
  assert.is(r.iatt.mode, S_IFDIR | 0o755);
});

S('the create family gives new entries the GFID the caller asks for', async ({ m }) => {
  const g = '12345678-1234-1234-1234-123456789abc';
  const h = '22345678-1234-1234-1234-123456789abc';
  const k = '32345678-1234-1234-1234-123456789abc';
  assert.is((await m.top.mkdir(m.ctx, { path: '/x', gfid: g }, 0o700)).gfid, g);
  assert.is((await m.top.create(m.ctx, { path: '/x/f', gfid: h }, 1, 0o600, createFd('/x/f', 1))).gfid, h);
  assert.is((await m.top.symlink(m.ctx, 't', { path: '/x/s', gfid: k })).gfid, k);
  assert.is(await errnoOf(m.top.mkdir(m.ctx, { path: '/y', gfid: g }, 0o700)), 'EEXIST');
});

S('creating a name with a GFID already present links the same inode', async ({ m }) => {
  const g = '12345678-1234-1234-1234-123456789abc';
  await m.top.create(m.ctx, { path: '/a', gfid: g }, 1, 0o644, createFd('/a', 1));
  const b = await m.top.create(m.ctx, { path: '/d/b', gfid: g }, 1, 0o644, createFd('/d/b', 1));
  assert.is(b.gfid, g);
  assert.is(b.nlink, 2);
});

S('rename replaces a file and keeps the moved inode', async ({ m }) => {
  const { top, ctx } = m;
  const before = await top.stat(ctx, { path: '/d/f' });
  const after = await top.rename(ctx, { path: '/d/f' }, { path: '/f' });
  assert.is(after.gfid, before.gfid);
  assert.is(await errnoOf(top.stat(ctx, { path: '/d/f' })), 'ENOENT');
  assert.is((await top.stat(ctx, { path: '/f' })).gfid, before.gfid);
});

S('directory link counts follow subdirectories', async ({ m }) => {
  const { top, ctx } = m;
  const n0 = (await top.stat(ctx, { path: '/' })).nlink;
  await top.mkdir(ctx, { path: '/z' }, 0o755);
  assert.is((await top.stat(ctx, { path: '/' })).nlink, n0 + 1);
  await top.rename(ctx, { path: '/z' }, { path: '/d/z' });
  assert.is((await top.stat(ctx, { path: '/' })).nlink, n0);
  assert.is((await top.stat(ctx, { path: '/d' })).nlink, 3);
});

S.run();
