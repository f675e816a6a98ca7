import { existsSync, lstatSync, readlinkSync, realpathSync } from 'node:fs';
import { createRequire } from 'node:module';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { ROOT_GFID, XATTR, createFd, handlePath } from '../../../../src/index.js';
import { errnoOf, posixFixture, type PosixFixture } from './fixture.js';

const require = createRequire(import.meta.url);
const { getAttributeSync, listAttributesSync } = require('@napi-rs/xattr') as typeof import('@napi-rs/xattr');

const S = suite<{ f: PosixFixture }>('xlators/storage/posix/rename');
S.before.each((c) => { c.f = posixFixture(); });
S.after.each(async (c) => { await c.f.done(); });

async function file(f: PosixFixture, p: string, body = '') {
  const fd = createFd(p, 2);
  const iatt = await f.top.create(f.ctx, { path: p }, 0o102, 0o644, fd);
  if (body) await f.top.write(f.ctx, fd, Buffer.from(body), 0);
  await f.top.release(f.ctx, fd);
  return iatt.gfid;
}

function paths(f: PosixFixture, p: string): string[] {
  return listAttributesSync(f.at(p))
    .filter((n) => n.startsWith(XATTR.GFID2PATH_PREFIX))
    .map((n) => getAttributeSync(f.at(p), n)!.toString());
}

S('renaming a file keeps its gfid and handle and moves its gfid2path record', async ({ f }) => {
  const d = await f.top.mkdir(f.ctx, { path: '/d' }, 0o755);
  const g = await file(f, '/a', 'A');
  const iatt = await f.top.rename(f.ctx, { path: '/a' }, { path: '/d/b' });
  assert.is(iatt.gfid, g);
  assert.not.ok(existsSync(f.at('/a')));
  assert.is(lstatSync(f.at('/' + handlePath(g))).ino, lstatSync(f.at('/d/b')).ino);
  assert.equal(paths(f, '/d/b'), [`${d.gfid}/b`]);
});

S('replacing a file drops the replaced file\'s handle', async ({ f }) => {
  const a = await file(f, '/a', 'A');
  const b = await file(f, '/b', 'B');
  await f.top.rename(f.ctx, { path: '/a' }, { path: '/b' });
  assert.is((await f.top.stat(f.ctx, { path: '/b' })).gfid, a);
  assert.not.ok(existsSync(f.at('/' + handlePath(b))), 'the old /b is gone for good');
  assert.ok(existsSync(f.at('/' + handlePath(a))));
});

S('renaming a directory re-points its handle, and its children stay reachable by handle', async ({ f }) => {
  const d = await f.top.mkdir(f.ctx, { path: '/d' }, 0o755);
  const e = await f.top.mkdir(f.ctx, { path: '/d/e' }, 0o755);
  const p = await f.top.mkdir(f.ctx, { path: '/p' }, 0o755);
  await f.top.rename(f.ctx, { path: '/d' }, { path: '/p/d2' });
  assert.is(readlinkSync(f.at('/' + handlePath(d.gfid))), `../../${p.gfid.slice(0, 2)}/${p.gfid.slice(2, 4)}/${p.gfid}/d2`);
  assert.is(realpathSync(f.at('/' + handlePath(e.gfid))), realpathSync(f.at('/p/d2/e')));
  assert.is(readlinkSync(f.at('/' + handlePath(p.gfid))), `../../00/00/${ROOT_GFID}/p`);
});

S('replacing an empty directory drops its handle', async ({ f }) => {
  const a = await f.top.mkdir(f.ctx, { path: '/a' }, 0o755);
  const b = await f.top.mkdir(f.ctx, { path: '/b' }, 0o755);
  await f.top.rename(f.ctx, { path: '/a' }, { path: '/b' });
  assert.is((await f.top.stat(f.ctx, { path: '/b' })).gfid, a.gfid);
  assert.not.ok(lstatSync(f.at('/' + handlePath(b.gfid)), { throwIfNoEntry: false }));
  assert.is(realpathSync(f.at('/' + handlePath(a.gfid))), realpathSync(f.at('/b')));
});

S('rename between two names of one inode does nothing', async ({ f }) => {
  const g = await file(f, '/a', 'A');
  await f.top.link(f.ctx, { path: '/a' }, { path: '/b' });
  await f.top.rename(f.ctx, { path: '/a' }, { path: '/b' });
  assert.ok(existsSync(f.at('/a')) && existsSync(f.at('/b')));
  assert.is(paths(f, '/a').length, 2);
  assert.ok(existsSync(f.at('/' + handlePath(g))));
});

S('rename errnos follow POSIX', async ({ f }) => {
  const { top, ctx } = f;
  await file(f, '/f');
  await top.mkdir(ctx, { path: '/d' }, 0o755);
  await top.mkdir(ctx, { path: '/full' }, 0o755);
  await file(f, '/full/x');
  await top.mkdir(ctx, { path: '/empty' }, 0o755);
  const cases: [string, string, string][] = [
    ['/missing', '/x', 'ENOENT'],
    ['/f', '/nodir/x', 'ENOENT'],
    ['/d', '/full', 'ENOTEMPTY'],
    ['/d', '/f', 'ENOTDIR'],
    ['/f', '/d', 'EISDIR'],
    ['/d', '/d/sub', 'EINVAL'],
    ['/', '/x', 'EBUSY'],
    ['/f', '/', 'EBUSY'],
    ['/f', '/f/x', 'ENOTDIR'],
  ];
  for (const [from, to, want] of cases) {
    assert.is(await errnoOf(top.rename(ctx, { path: from }, { path: to })), want, `${from} → ${to}`);
  }
  assert.is(await errnoOf(top.rename(ctx, { path: '/d' }, { path: '/empty' })), 'ok');
});

S.run();
