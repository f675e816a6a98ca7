import { existsSync, lstatSync, mkdirSync, readlinkSync, realpathSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { ROOT_GFID, XATTR, createCtx, createFd, gfidFromBuffer, handlePath } from '../../../../src/index.js';
import { errnoOf, posixFixture, type PosixFixture } from './fixture.js';

const require = createRequire(import.meta.url);
const { getAttributeSync, listAttributesSync } = require('@napi-rs/xattr') as typeof import('@napi-rs/xattr');

const S = suite<{ f: PosixFixture }>('xlators/storage/posix/entry-ops');
S.before.each((c) => { c.f = posixFixture(); });
S.after.each(async (c) => { await c.f.done(); });

const G1 = '11111111-2222-3333-4444-555555555555';
const G2 = '66666666-7777-8888-9999-aaaaaaaaaaaa';

function diskGfid(f: PosixFixture, p: string): string {
  return gfidFromBuffer(getAttributeSync(f.at(p), XATTR.GFID)!);
}

S('the brick root carries the root gfid and its handle points at the brick', ({ f }) => {
  assert.is(diskGfid(f, '/'), ROOT_GFID);
  const h = f.at('/' + handlePath(ROOT_GFID));
  assert.is(readlinkSync(h), '../../..');
  assert.is(realpathSync(h), realpathSync(f.dir));
});

S('create, mkdir and symlink give every entry a gfid and a handle', async ({ f }) => {
  const { top, ctx } = f;
  const file = await top.create(ctx, { path: '/f', gfid: G1 }, 0o102, 0o644, createFd('/f', 2));
  const dir = await top.mkdir(ctx, { path: '/d', gfid: G2 }, 0o755);
  const link = await top.symlink(ctx, '../outside/target', { path: '/d/s' });
  assert.is(file.gfid, G1);
  assert.is(dir.gfid, G2);
  assert.is(diskGfid(f, '/f'), G1);
  assert.is(diskGfid(f, '/d'), G2);
  assert.is(diskGfid(f, '/d/s'), link.gfid);
  // Files and symlinks: hard links; the handle shares the inode.
  assert.is(lstatSync(f.at('/' + handlePath(G1))).ino, lstatSync(f.at('/f')).ino);
  assert.is(lstatSync(f.at('/' + handlePath(link.gfid))).ino, lstatSync(f.at('/d/s')).ino);
  assert.is(file.nlink, 1, 'the handle link is not counted');
  // Directories: relative symlink through the parent's handle.
  const dh = f.at('/' + handlePath(G2));
  assert.is(readlinkSync(dh), `../../00/00/${ROOT_GFID}/d`);
  assert.is(realpathSync(dh), realpathSync(f.at('/d')));
  assert.is(readlinkSync(f.at('/d/s')), '../outside/target', 'symlink target stored as given');
});

S('gfid2path records parent gfid and name, one per hard link', async ({ f }) => {
  const { top, ctx } = f;
  await top.mkdir(ctx, { path: '/d', gfid: G2 }, 0o755);
  const it = await top.create(ctx, { path: '/d/a' }, 0o1, 0o644, createFd('/d/a', 1));
  await top.link(ctx, { path: '/d/a' }, { path: '/b' });
  const values = listAttributesSync(f.at('/b'))
    .filter((n) => n.startsWith(XATTR.GFID2PATH_PREFIX))
    .map((n) => getAttributeSync(f.at('/b'), n)!.toString())
    .sort();
  assert.equal(values, [`${ROOT_GFID}/b`, `${G2}/a`].sort());
  await top.unlink(ctx, { path: '/d/a' });
  assert.ok(existsSync(f.at('/' + handlePath(it.gfid))), 'handle stays while a name remains');
  const left = listAttributesSync(f.at('/b')).filter((n) => n.startsWith(XATTR.GFID2PATH_PREFIX));
  assert.is(left.length, 1);
  await top.unlink(ctx, { path: '/b' });
  assert.not.ok(existsSync(f.at('/' + handlePath(it.gfid))), 'handle goes with the last name');
});

S('rmdir removes the directory handle; rmdir of a non-empty dir is ENOTEMPTY', async ({ f }) => {
  const { top, ctx } = f;
  await top.mkdir(ctx, { path: '/d', gfid: G2 }, 0o755);
  await top.mkdir(ctx, { path: '/d/e' }, 0o755);
  assert.is(await errnoOf(top.rmdir(ctx, { path: '/d' })), 'ENOTEMPTY');
  await top.rmdir(ctx, { path: '/d/e' });
  await top.rmdir(ctx, { path: '/d' });
  assert.not.ok(lstatSync(f.at('/' + handlePath(G2)), { throwIfNoEntry: false }));
});

S('errnos of the create family and of removal', async ({ f }) => {
  const { top, ctx } = f;
  await top.mkdir(ctx, { path: '/d' }, 0o755);
  await top.create(ctx, { path: '/d/f' }, 0o1, 0o644, createFd('/d/f', 1));
  const cases: [string, () => Promise<unknown>, string][] = [
    ['mkdir with a missing parent', () => top.mkdir(ctx, { path: '/no/x' }, 0o755), 'ENOENT'],
    ['mkdir of an existing name', () => top.mkdir(ctx, { path: '/d' }, 0o755), 'EEXIST'],
    ['mkdir of /', () => top.mkdir(ctx, { path: '/' }, 0o755), 'EEXIST'],
    ['mkdir below a file', () => top.mkdir(ctx, { path: '/d/f/x' }, 0o755), 'ENOTDIR'],
    ['create O_EXCL on an existing file', () => top.create(ctx, { path: '/d/f' }, 0o301, 0o644, createFd('/d/f', 1)), 'EEXIST'],
    ['symlink over an existing name', () => top.symlink(ctx, 'x', { path: '/d/f' }), 'EEXIST'],
    ['link to an existing name', () => top.link(ctx, { path: '/d/f' }, { path: '/d' }), 'EEXIST'],
    ['link of a directory', () => top.link(ctx, { path: '/d' }, { path: '/d2' }), 'EPERM'],
    ['unlink of a directory', () => top.unlink(ctx, { path: '/d' }), 'EISDIR'],
    ['unlink of a missing name', () => top.unlink(ctx, { path: '/d/none' }), 'ENOENT'],
    ['rmdir of a file', () => top.rmdir(ctx, { path: '/d/f' }), 'ENOTDIR'],
    ['rmdir of /', () => top.rmdir(ctx, { path: '/' }), 'EBUSY'],
    ['mkdir with a gfid a live entry owns', async () => {
      const g = (await top.stat(ctx, { path: '/d' })).gfid;
      return top.mkdir(ctx, { path: '/other', gfid: g }, 0o755);
    }, 'EEXIST'],
    ['create with a malformed gfid', () => top.create(ctx, { path: '/g', gfid: 'nope' }, 0o1, 0o644, createFd('/g', 1)), 'EINVAL'],
  ];
  for (const [what, run, want] of cases) assert.is(await errnoOf(run()), want, what);
  assert.not.ok(existsSync(f.at('/g')), 'a refused create leaves nothing behind');
  assert.not.ok(existsSync(f.at('/other')));
});

S('create without O_EXCL opens an existing file and O_TRUNC empties it', async ({ f }) => {
  const { top, ctx } = f;
  const fd = createFd('/f', 2);
  const a = await top.create(ctx, { path: '/f' }, 0o2, 0o644, fd);
  await top.write(ctx, fd, Buffer.from('hello'), 0);
  await top.release(ctx, fd);
  const b = await top.create(ctx, { path: '/f' }, 0o2, 0o600, createFd('/f', 2));
  assert.is(b.gfid, a.gfid);
  assert.is(b.size, 5);
  const c = await top.create(ctx, { path: '/f' }, 0o1002, 0o600, createFd('/f', 2));
  assert.is(c.size, 0);
});

S('new entries belong to the caller and carry the exact mode asked for', async ({ f }) => {
  const user = createCtx({ uid: 1234, gid: 567 });
  const file = await f.top.create(user, { path: '/u' }, 0o1, 0o666, createFd('/u', 1));
  const dir = await f.top.mkdir(user, { path: '/ud' }, 0o777);
  const link = await f.top.symlink(user, 'u', { path: '/ul' });
  for (const [iatt, p] of [[file, '/u'], [dir, '/ud'], [link, '/ul']] as const) {
    const st = lstatSync(f.at(p));
    assert.equal([iatt.uid, iatt.gid, st.uid, st.gid], [1234, 567, 1234, 567], p);
  }
  assert.is(file.mode & 0o7777, 0o666, 'umask does not apply on the brick');
  assert.is(statSync(f.at('/ud')).mode & 0o7777, 0o777);
});

S('lookup gives an entry made behind the volume\'s back a gfid and a handle', async ({ f }) => {
  mkdirSync(f.at('/raw'));
  writeFileSync(f.at('/raw/file'), 'x');
  const r = await f.top.lookup(f.ctx, { path: '/raw/file', gfid: G1 }, []);
  assert.is(r.iatt.gfid, G1, 'loc.gfid is used to heal');
  assert.is(diskGfid(f, '/raw/file'), G1);
  const dirGfid = diskGfid(f, '/raw');
  assert.ok(dirGfid, 'the parent was healed too');
  assert.is(readlinkSync(f.at('/' + handlePath(dirGfid))), `../../00/00/${ROOT_GFID}/raw`);
  assert.is(lstatSync(f.at('/' + handlePath(G1))).ino, lstatSync(f.at('/raw/file')).ino);
  const again = await f.top.lookup(f.ctx, { path: '/raw/file' }, [XATTR.GFID, 'user.none']);
  assert.is(again.iatt.gfid, G1);
  assert.equal(Object.keys(again.xattrs), [XATTR.GFID]);
});

S('lookup of a missing name is ENOENT', async ({ f }) => {
  assert.is(await errnoOf(f.top.lookup(f.ctx, { path: '/missing' }, [])), 'ENOENT');
  assert.is(await errnoOf(f.top.lookup(f.ctx, { path: '/missing/deeper' }, [])), 'ENOENT');
});

S.run();
