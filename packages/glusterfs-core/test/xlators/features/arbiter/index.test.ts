import { constants as O } from 'node:fs';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import {
  type Fops, buildGraph, createCtx, createFd, parseVolfile, resolveXlator, silentLogger,
} from '../../../../src/index.js';
import { errnoOf } from '../../storage/memory/fixture.js';

const S = suite('xlators/features/arbiter');

function brick() {
  const text = JSON.stringify({
    volume: 't',
    top: 't-arbiter',
    nodes: [
      { name: 't-arbiter', type: 'features/arbiter', children: ['t-mem'] },
      // A tiny brick: a data write that reached it would fail with ENOSPC.
      { name: 't-mem', type: 'storage/memory', options: { capacity: 16 } },
    ],
  });
  const graph = buildGraph(parseVolfile(text), resolveXlator, silentLogger());
  return { top: graph.top, mem: graph.xlators.get('t-mem')!.fops as Fops, ctx: createCtx() };
}

S('writes and truncates keep no data and answer the current attributes', async () => {
  const { top, ctx } = brick();
  const fd = createFd('/f', O.O_RDWR);
  const created = await top.create(ctx, { path: '/f' }, O.O_RDWR | O.O_CREAT, 0o640, fd);
  const w = await top.write(ctx, fd, Buffer.alloc(1 << 20, 1), 4096);
  assert.is(w.size, 0);
  assert.is(w.gfid, created.gfid);
  assert.is((await top.ftruncate(ctx, fd, 100)).size, 0);
  assert.is((await top.truncate(ctx, { path: '/f' }, 100)).size, 0);
  assert.is((await top.stat(ctx, { path: '/f' })).size, 0);
  assert.is(await errnoOf(top.write(ctx, createFd('/f', O.O_RDWR), Buffer.from('x'), 0)), 'EBADF', 'an fd not open below');
});

S('read and rchecksum are ENOTSUP: an arbiter is never a data source', async () => {
  const { top, ctx } = brick();
  const fd = createFd('/f', O.O_RDWR);
  await top.create(ctx, { path: '/f' }, O.O_RDWR | O.O_CREAT, 0o640, fd);
  assert.is(await errnoOf(top.read(ctx, fd, 10, 0)), 'ENOTSUP');
  assert.is(await errnoOf(top.rchecksum(ctx, fd, 0, 10, 10)), 'ENOTSUP');
});

S('names, metadata and replication counters pass through', async () => {
  const { top, mem, ctx } = brick();
  await top.mkdir(ctx, { path: '/d' }, 0o755);
  await top.create(ctx, { path: '/d/f' }, O.O_WRONLY | O.O_CREAT, 0o600, createFd('/d/f', O.O_WRONLY));
  await top.setattr(ctx, { path: '/d/f' }, { mode: 0o644, uid: 7 });
  await top.setxattr(ctx, { path: '/d/f' }, { 'user.k': Buffer.from('v') }, 0);
  await top.xattrop(ctx, { path: '/d/f' }, 'add32', { 'trusted.afr.t-client-0': Buffer.from([0, 0, 0, 1]) });
  await top.rename(ctx, { path: '/d/f' }, { path: '/d/g' });
  const st = await mem.stat(ctx, { path: '/d/g' });
  assert.is(st.mode & 0o7777, 0o644);
  assert.is(st.uid, 7);
  const xa = await mem.getxattr(ctx, { path: '/d/g' }, null);
  assert.equal(xa['user.k'], Buffer.from('v'));
  assert.equal(xa['trusted.afr.t-client-0'], Buffer.from([0, 0, 0, 1]));
});

S.run();
