import { createHash } from 'node:crypto';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { type HealInfoReply, type HealResult, SOURCE_BRICK_XDATA, VXATTR } from '../../../../src/format/index.js';
import { createCtx } from '../../../../src/index.js';
import { errnoOf } from '../../storage/memory/fixture.js';
import { type AfrFixture, afrFixture, patchFile, readFile, writeFile } from './fixture.js';

const S = suite('xlators/cluster/afr');
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

async function vx<T>(f: AfrFixture, name: string, path = '/', xdata: Record<string, unknown> = {}): Promise<T> {
  const r = await f.top.getxattr(createCtx({ xdata }), { path }, name);
  return JSON.parse(r[name].toString('utf8')) as T;
}

async function healAll(f: AfrFixture): Promise<HealResult[]> {
  const idx = await vx<{ children: { gfids: string[] }[] }>(f, VXATTR.HEAL_INDEX);
  const gfids = [...new Set(idx.children.flatMap((c) => c.gfids))];
  const out: HealResult[] = [];
  for (const g of gfids) out.push(await vx<HealResult>(f, `${VXATTR.HEAL_RUN}.${g}`));
  return out;
}

async function pendingCount(f: AfrFixture): Promise<number> {
  const info = await vx<HealInfoReply>(f, VXATTR.HEAL_INFO);
  return info.children.reduce((n, c) => n + c.entries.length, 0);
}

S('a file written through replicate is identical on every brick', async () => {
  const f = afrFixture({ replica: 3 });
  await f.top.mkdir(f.ctx, { path: '/d' }, 0o755);
  await writeFile(f.top, f.ctx, '/d/a', 'hello replicas');
  for (let i = 0; i < 3; i++) assert.is((await readFile(f.brick(i), f.ctx, '/d/a')).toString(), 'hello replicas');
  const g = await Promise.all([0, 1, 2].map(async (i) => (await f.brick(i).stat(f.ctx, { path: '/d/a' })).gfid));
  assert.ok(g.every((x) => x === g[0]), 'one GFID on every replica');
  assert.is(await pendingCount(f), 0);
});

S('writes while a brick is down blame it, and a heal copies them back and drains the index', async () => {
  const f = afrFixture({ replica: 2 , afr: { 'quorum-type': 'none' } });
  await writeFile(f.top, f.ctx, '/a', 'v1');
  f.down(1);
  await writeFile(f.top, f.ctx, '/a', 'version two');
  await writeFile(f.top, f.ctx, '/new', 'created while down');
  await f.top.mkdir(f.ctx, { path: '/dir' }, 0o700);
  await writeFile(f.top, f.ctx, '/dir/inner', 'deep');
  assert.is((await readFile(f.brick(1), f.ctx, '/a')).toString(), 'v1', 'the down brick missed the write');
  f.up(1);
  assert.ok((await pendingCount(f)) > 0);
  const results = await healAll(f);
  assert.ok(results.every((r) => !r.splitBrain), JSON.stringify(results));
  for (const p of ['/a', '/new', '/dir/inner']) {
    assert.is(sha(await readFile(f.brick(1), f.ctx, p)), sha(await readFile(f.brick(0), f.ctx, p)), p);
  }
  assert.is((await f.brick(1).stat(f.ctx, { path: '/dir' })).mode & 0o777, 0o700);
  assert.is(await pendingCount(f), 0);
});

S('a file deleted while a brick was down does not come back after heal', async () => {
  const f = afrFixture({ afr: { 'quorum-type': 'none' } });
  await writeFile(f.top, f.ctx, '/gone', 'x');
  await writeFile(f.top, f.ctx, '/kept', 'y');
  f.down(0);
  await f.top.unlink(f.ctx, { path: '/gone' });
  f.up(0);
  assert.is(await errnoOf(f.top.lookup(f.ctx, { path: '/gone' }, [])), 'ENOENT', 'the parent marks hide the stale copy');
  await healAll(f);
  assert.is(await errnoOf(f.brick(0).stat(f.ctx, { path: '/gone' })), 'ENOENT');
  assert.is((await readFile(f.top, f.ctx, '/kept')).toString(), 'y');
  assert.is(await pendingCount(f), 0);
});

S('with quorum auto on replica 2, losing the first brick refuses writes but reads go on', async () => {
  const f = afrFixture();
  await writeFile(f.top, f.ctx, '/r', 'readable');
  f.down(0);
  assert.is(await errnoOf(writeFile(f.top, f.ctx, '/w', 'no')), 'EROFS');
  assert.is((await readFile(f.top, f.ctx, '/r')).toString(), 'readable');
  f.up(0);
  f.down(1);
  await writeFile(f.top, f.ctx, '/w', 'the first brick breaks the tie');
});

// Quorum off, /sb written on each brick while the other is down: the copies blame each other.
async function splitBrain(onZero: string, onOne: string): Promise<AfrFixture> {
  const f = afrFixture({ afr: { 'quorum-type': 'none' } });
  await writeFile(f.top, f.ctx, '/sb', 'base');
  f.down(1);
  await writeFile(f.top, f.ctx, '/sb', onZero);
  f.up(1);
  f.down(0);
  await writeFile(f.top, f.ctx, '/sb', onOne);
  f.up(0);
  return f;
}

S('a split-brain fails reads with EIO, is listed, and bigger-file picks the larger copy', async () => {
  const f = await splitBrain('written on brick zero, longer', 'brick one');
  assert.is(await errnoOf(readFile(f.top, f.ctx, '/sb')), 'EIO');
  const info = await vx<HealInfoReply>(f, VXATTR.HEAL_INFO);
  assert.ok(info.children.every((c) => c.entries.some((e) => e.path === '/sb' && e.splitBrain)));
  const r = await vx<HealResult>(f, `${VXATTR.HEAL_SPLIT_BRAIN_PREFIX}bigger-file`, '/sb');
  assert.is(r.splitBrain, null);
  assert.is((await readFile(f.top, f.ctx, '/sb')).toString(), 'written on brick zero, longer');
  assert.is((await readFile(f.brick(1), f.ctx, '/sb')).toString(), 'written on brick zero, longer');
  // The root's names were changed on both sides too (create opens through it); they merge.
  await healAll(f);
  assert.is(await pendingCount(f), 0);
});

S('source-brick resolution copies from the named brick', async () => {
  const f = await splitBrain('zero zero zero', 'one');
  await vx<HealResult>(f, `${VXATTR.HEAL_SPLIT_BRAIN_PREFIX}source-brick`, '/sb', { [SOURCE_BRICK_XDATA]: f.names[1] });
  assert.is((await readFile(f.top, f.ctx, '/sb')).toString(), 'one');
  assert.is((await readFile(f.brick(0), f.ctx, '/sb')).toString(), 'one');
});

S('granular heal moves only the blocks that changed', async () => {
  const f = afrFixture({ afr: { 'quorum-type': 'none', 'self-heal-block-size': 65536 } });
  const big = Buffer.alloc(4 << 20, 7);
  await writeFile(f.top, f.ctx, '/big', big);
  f.down(1);
  await patchFile(f.top, f.ctx, '/big', Buffer.alloc(100000, 9), 1 << 20);
  f.up(1);
  const [r] = await healAll(f);
  assert.ok(r.bytesMoved > 0 && r.bytesMoved <= 3 * 65536, `moved ${r.bytesMoved}`);
  assert.is(sha(await readFile(f.brick(1), f.ctx, '/big')), sha(await readFile(f.brick(0), f.ctx, '/big')));
});

S('the arbiter keeps names and metadata with no data', async () => {
  const f = afrFixture({ replica: 3, arbiter: true });
  await writeFile(f.top, f.ctx, '/data', 'payload bytes');
  await f.top.setattr(f.ctx, { path: '/data' }, { mode: 0o600 });
  const st = await f.brick(2).stat(f.ctx, { path: '/data' });
  assert.is(st.size, 0);
  assert.is(st.mode & 0o777, 0o600);
  assert.is((await f.top.stat(f.ctx, { path: '/data' })).size, 13);
  assert.is((await readFile(f.top, f.ctx, '/data')).toString(), 'payload bytes');
});

S.run();
