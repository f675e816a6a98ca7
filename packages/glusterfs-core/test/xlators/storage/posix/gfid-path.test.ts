import { mkdirSync, symlinkSync } from 'node:fs';
import { createRequire } from 'node:module';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { ROOT_GFID, XATTR, createFd, handlePath } from '../../../../src/index.js';
import { VXATTR } from '../../../../src/format/index.js';
import { errnoOf, posixFixture, type PosixFixture } from './fixture.js';

const require = createRequire(import.meta.url);
const { setAttributeSync } = require('@napi-rs/xattr') as typeof import('@napi-rs/xattr');

const S = suite<{ f: PosixFixture }>('xlators/storage/posix/gfid-path');
S.after.each(async (c) => { await c.f.done(); });

async function pathOf(f: PosixFixture, gfid: string): Promise<string> {
  const key = VXATTR.GFID_PATH_PREFIX + gfid;
  const r = await f.top.getxattr(f.ctx, { path: '/' }, key);
  assert.equal(Object.keys(r), [key]);
  return r[key]!.toString('utf8');
}

async function tree(f: PosixFixture) {
  const { top, ctx } = f;
  const a = await top.mkdir(ctx, { path: '/a' }, 0o755);
  const b = await top.mkdir(ctx, { path: '/a/b' }, 0o755);
  const file = await top.create(ctx, { path: '/a/b/f ü' }, 1, 0o644, createFd('/a/b/f ü', 1));
  return { a: a.gfid, b: b.gfid, file: file.gfid };
}

S('the root, directories and files map to their volume paths, following renames', async (c) => {
  const f = (c.f = posixFixture());
  const g = await tree(f);
  assert.is(await pathOf(f, ROOT_GFID), '/');
  assert.is(await pathOf(f, g.a), '/a');
  assert.is(await pathOf(f, g.b), '/a/b');
  assert.is(await pathOf(f, g.file), '/a/b/f ü');
  const link = await f.top.symlink(f.ctx, '../../../a', { path: '/a/b/s' });
  assert.is(await pathOf(f, link.gfid), '/a/b/s', 'a symlink entry is named, never followed');
  await f.top.rename(f.ctx, { path: '/a' }, { path: '/x' });
  await f.top.rename(f.ctx, { path: '/x/b/f ü' }, { path: '/x/b/g' });
  assert.is(await pathOf(f, g.b), '/x/b');
  assert.is(await pathOf(f, g.file), '/x/b/g');
});

S('a hard-linked file answers a name that still exists; gone entries are ENOENT', async (c) => {
  const f = (c.f = posixFixture());
  const g = await tree(f);
  await f.top.link(f.ctx, { path: '/a/b/f ü' }, { path: '/h' });
  assert.ok(['/a/b/f ü', '/h'].includes(await pathOf(f, g.file)));
  await f.top.unlink(f.ctx, { path: '/a/b/f ü' });
  assert.is(await pathOf(f, g.file), '/h');
  await f.top.unlink(f.ctx, { path: '/h' });
  await f.top.rmdir(f.ctx, { path: '/a/b' });
  const get = (gfid: string) => errnoOf(f.top.getxattr(f.ctx, { path: '/' }, VXATTR.GFID_PATH_PREFIX + gfid));
  assert.is(await get(g.file), 'ENOENT', 'last name unlinked');
  assert.is(await get(g.b), 'ENOENT', 'directory removed');
  assert.is(await get('12345678-1234-1234-1234-123456789abc'), 'ENOENT', 'never here');
  assert.is(await get('../../../etc'), 'EINVAL', 'not a GFID');
});

S('with gfid2path off a file cannot be found, a directory still can', async (c) => {
  const f = (c.f = posixFixture({ gfid2path: false }));
  const g = await tree(f);
  assert.is(await pathOf(f, g.b), '/a/b');
  assert.is(await errnoOf(pathOf(f, g.file)), 'ENOENT');
});

S('handles and records that lead outside the brick, into .glusterfs or to another entry are ENOENT', async (c) => {
  const f = (c.f = posixFixture());
  const g = await tree(f);
  const plant = (gfid: string, target: string) => {
    const h = f.at('/' + handlePath(gfid));
    mkdirSync(h.slice(0, h.lastIndexOf('/')), { recursive: true });
    symlinkSync(target, h);
  };
  const outside = 'aaaaaaaa-0000-0000-0000-000000000001';
  const internal = 'aaaaaaaa-0000-0000-0000-000000000002';
  const other = 'aaaaaaaa-0000-0000-0000-000000000003';
  const viaRoot = (name: string) => `../../00/00/${ROOT_GFID}/${name}`;
  const escape = 'aaaaaaaa-0000-0000-0000-000000000004';
  const absolute = 'aaaaaaaa-0000-0000-0000-000000000005';
  symlinkSync('/etc', f.at('/lnk'));
  plant(outside, viaRoot('..'));
  plant(internal, viaRoot('.glusterfs'));
  plant(other, viaRoot('a'));
  plant(escape, viaRoot('lnk'));
  plant(absolute, '/etc');
  for (const gfid of [outside, internal, other, escape, absolute]) assert.is(await errnoOf(pathOf(f, gfid)), 'ENOENT', gfid);
  // Forged gfid2path records on the file: a name with a slash, the private directory.
  const h = f.at('/' + handlePath(g.file));
  const records = [`${ROOT_GFID}/a/b/f ü`, `${ROOT_GFID}/.glusterfs`, `${outside}/passwd`, 'nonsense'];
  records.forEach((v, i) => setAttributeSync(h, `${XATTR.GFID2PATH_PREFIX}0000forged${i}`, v));
  assert.is(await pathOf(f, g.file), '/a/b/f ü', 'the genuine record still wins');
});

S.run();
