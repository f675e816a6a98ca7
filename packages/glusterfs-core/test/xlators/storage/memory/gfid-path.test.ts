import { constants as O } from 'node:fs';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { ROOT_GFID, createFd } from '../../../../src/index.js';
import { VXATTR } from '../../../../src/format/index.js';
import { errnoOf, memoryFixture } from './fixture.js';

const S = suite('xlators/storage/memory/gfid-path');

S('getxattr glusterfs.gfid-path.<gfid> on / answers the volume path of that GFID', async () => {
  const { top, ctx } = memoryFixture();
  const get = async (gfid: string) => {
    const key = VXATTR.GFID_PATH_PREFIX + gfid;
    return (await top.getxattr(ctx, { path: '/' }, key))[key]!.toString('utf8');
  };
  const a = await top.mkdir(ctx, { path: '/a' }, 0o755);
  const b = await top.mkdir(ctx, { path: '/a/b' }, 0o755);
  const f = await top.create(ctx, { path: '/a/b/f ü' }, O.O_WRONLY, 0o644, createFd('/a/b/f ü', O.O_WRONLY));
  assert.is(await get(ROOT_GFID), '/');
  assert.is(await get(a.gfid), '/a');
  assert.is(await get(f.gfid), '/a/b/f ü');
  await top.rename(ctx, { path: '/a' }, { path: '/x' });
  assert.is(await get(b.gfid), '/x/b');
  await top.link(ctx, { path: '/x/b/f ü' }, { path: '/h' });
  await top.unlink(ctx, { path: '/x/b/f ü' });
  assert.is(await get(f.gfid), '/h');
  await top.unlink(ctx, { path: '/h' });
  const cases: [string, string, string][] = [
    ['last name unlinked', f.gfid, 'ENOENT'],
    ['never here', '12345678-1234-1234-1234-123456789abc', 'ENOENT'],
    ['not a GFID', 'nonsense', 'EINVAL'],
  ];
  for (const [what, gfid, want] of cases) {
    assert.is(await errnoOf(top.getxattr(ctx, { path: '/' }, VXATTR.GFID_PATH_PREFIX + gfid)), want, what);
  }
  assert.is(await errnoOf(top.getxattr(ctx, { path: '/x' }, VXATTR.GFID_PATH_PREFIX + b.gfid)), 'ENODATA', 'only on /');
});

S.run();
