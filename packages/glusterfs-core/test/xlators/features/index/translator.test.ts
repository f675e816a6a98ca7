import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import {
  type CallCtx, type Graph, type Subvol, buildGraph, createCtx, createFd, parseVolfile, resolveXlator, silentLogger,
} from '../../../../src/index.js';
import { VXATTR } from '../../../../src/format/index.js';
import { errnoOf } from '../../storage/memory/fixture.js';

const S = suite('xlators/features/index/translator');

/** features/index over features/locks over storage/memory, as a brick stacks them. */
function brick(options: Record<string, string> = {}): { graph: Graph; top: Subvol; ctx: CallCtx } {
  const text = JSON.stringify({
    volume: 't',
    top: 't-index',
    nodes: [
      { name: 't-index', type: 'features/index', options, children: ['t-locks'] },
      { name: 't-locks', type: 'features/locks', children: ['t-mem'] },
      { name: 't-mem', type: 'storage/memory' },
    ],
  });
  const graph = buildGraph(parseVolfile(text), resolveXlator, silentLogger());
  return { graph, top: graph.top, ctx: createCtx() };
}

const be32 = (...n: number[]) => {
  const b = Buffer.alloc(4 * n.length);
  n.forEach((v, i) => b.writeInt32BE(v, 4 * i));
  return b;
};
const ROOT = { path: '/' };
const C0 = 'trusted.afr.t-client-0';
const C1 = 'trusted.afr.t-client-1';

async function indexed(top: Subvol, ctx: CallCtx): Promise<{ list: string[]; count: number }> {
  const list = (await top.getxattr(ctx, ROOT, VXATTR.INDEX_XATTROP))[VXATTR.INDEX_XATTROP]!;
  const count = (await top.getxattr(ctx, ROOT, VXATTR.INDEX_COUNT))[VXATTR.INDEX_COUNT]!;
  return { list: JSON.parse(list.toString('utf8')) as string[], count: Number(count.toString('utf8')) };
}

async function file(top: Subvol, ctx: CallCtx, path: string): Promise<string> {
  return (await top.create(ctx, { path }, 1, 0o644, createFd(path, 1))).gfid;
}

S('a nonzero trusted.afr counter indexes the GFID; all zeros again drop it', async () => {
  const { top, ctx } = brick();
  const f = await file(top, ctx, '/f');
  const g = await file(top, ctx, '/g');
  assert.equal(await indexed(top, ctx), { list: [], count: 0 });
  // Without loc.gfid the translator asks the child for it.
  await top.xattrop(ctx, { path: '/f' }, 'add32', { [C0]: be32(0, 0, 0), [C1]: be32(1, 0, 0) });
  await top.xattrop(ctx, { path: '/g', gfid: g }, 'add32', { 'trusted.afr.dirty': be32(0, 1, 0) });
  assert.equal(await indexed(top, ctx), { list: [f, g].sort(), count: 2 });
  await top.xattrop(ctx, { path: '/f', gfid: f }, 'add32', { [C0]: be32(0, 0, 0), [C1]: be32(-1, 0, 0) });
  assert.equal(await indexed(top, ctx), { list: [g], count: 1 });
  const zeros = await top.xattrop(ctx, { path: '/g' }, 'add32', { 'trusted.afr.dirty': be32(0, 0, 0) });
  assert.equal(zeros['trusted.afr.dirty'], be32(0, 1, 0), 'the answer is passed on as is');
  assert.equal((await indexed(top, ctx)).list, [g], 'a read-only xattrop that sees a pending count keeps it');
});

S('xattrops without trusted.afr keys and failed ones leave the index alone', async () => {
  const { top, ctx } = brick();
  const f = await file(top, ctx, '/f');
  await top.xattrop(ctx, { path: '/f' }, 'add32', { 'trusted.other': be32(5) });
  assert.is(await errnoOf(top.xattrop(ctx, { path: '/none' }, 'add32', { [C0]: be32(1) })), 'ENOENT');
  assert.is(await errnoOf(top.xattrop(ctx, { path: '/none', gfid: f }, 'add32', { [C0]: be32(1) })), 'ENOENT');
  assert.equal(await indexed(top, ctx), { list: [], count: 0 });
});

S('removexattr glusterfs.index.xattrop.<gfid> purges an entry; other names pass through', async () => {
  const { top, ctx } = brick();
  const f = await file(top, ctx, '/f');
  await top.xattrop(ctx, { path: '/f' }, 'add32', { [C0]: be32(1) });
  await top.setxattr(ctx, ROOT, { 'user.k': Buffer.from('v') }, 0);
  const cases: [string, () => Promise<unknown>, string][] = [
    ['purge', () => top.removexattr(ctx, ROOT, VXATTR.INDEX_PURGE_PREFIX + f), 'ok'],
    ['purge again', () => top.removexattr(ctx, ROOT, VXATTR.INDEX_PURGE_PREFIX + f), 'ok'],
    ['purge a malformed GFID', () => top.removexattr(ctx, ROOT, VXATTR.INDEX_PURGE_PREFIX + '../x'), 'EINVAL'],
    ['a real xattr', () => top.removexattr(ctx, ROOT, 'user.k'), 'ok'],
    ['a missing xattr', () => top.removexattr(ctx, ROOT, 'user.k'), 'ENODATA'],
    ['the index names below /', () => top.getxattr(ctx, { path: '/f' }, VXATTR.INDEX_COUNT), 'ENODATA'],
  ];
  for (const [what, run, want] of cases) assert.is(await errnoOf(run()), want, what);
  assert.equal(await indexed(top, ctx), { list: [], count: 0 });
  assert.ok(!(VXATTR.INDEX_COUNT in (await top.getxattr(ctx, ROOT, null))), 'listing all xattrs shows no virtual ones');
});

S('with index-base the index is one empty file per GFID and survives a restart', async () => {
  const base = mkdtempSync(join(tmpdir(), 'index-base-'));
  try {
    const one = brick({ 'index-base': join(base, 'indices') });
    const f = await file(one.top, one.ctx, '/f');
    const g = await file(one.top, one.ctx, '/g');
    await one.top.xattrop(one.ctx, { path: '/f' }, 'add32', { [C0]: be32(1) });
    await one.top.xattrop(one.ctx, { path: '/g' }, 'add32', { [C0]: be32(2) });
    await one.top.xattrop(one.ctx, { path: '/g' }, 'add32', { [C0]: be32(-2) });
    assert.equal(readdirSync(join(base, 'indices', 'xattrop')), [f]);
    await one.graph.close();
    const two = brick({ 'index-base': join(base, 'indices') });
    assert.equal(await indexed(two.top, two.ctx), { list: [f], count: 1 });
    await two.top.removexattr(two.ctx, ROOT, VXATTR.INDEX_PURGE_PREFIX + f);
    assert.not.ok(existsSync(join(base, 'indices', 'xattrop', f)));
    await two.graph.close();
    assert.throws(() => brick({ 'index-base': 'relative/dir' }), /absolute/);
  } finally {
    rmSync(base, { recursive: true, force: true });
  }
});

S.run();
