import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { constants as O } from 'node:fs';
import { type Gfid, S_IFDIR, XATTR, createCtx, createFd } from '../../../../src/index.js';
import { type Layout, checkLayout, childForHash, decodeRange, encodeRange } from '../../../../src/xlators/cluster/dht/layout.js';
import { hashName } from '../../../../src/xlators/cluster/dht/hash.js';
import { type DhtFixture, dhtFixture, errnoOf, holders, readFile, writeFile } from './fixture.js';

const S = suite('xlators/cluster/dht/self-heal');

async function layoutOf(f: DhtFixture, path: string): Promise<Layout> {
  const out: Layout = [];
  for (let i = 0; i < f.names.length; i++) {
    const x = await f.brick(i).getxattr(f.ctx, { path }, null);
    out.push(x[XATTR.DHT_LAYOUT] ? decodeRange(x[XATTR.DHT_LAYOUT]) : undefined);
  }
  return out;
}

S('two clients looking up a fresh root together write one committed layout', async () => {
  const a = dhtFixture();
  const b = dhtFixture({ shareWith: a });
  await Promise.all([a.top.lookup(a.ctx, { path: '/' }, []), b.top.lookup(b.ctx, { path: '/' }, [])]);
  const l = await layoutOf(a, '/');
  assert.equal(checkLayout(l), { holes: 0, overlaps: 0, missing: [] });
  assert.ok(l.every((r) => r!.commit !== 0));
});

/** Removes /p/q and /p behind dht's back on the brick that is (or is not) q's hashed brick in /p. */
async function dropDirOnBrick(f: DhtFixture, hashed: boolean): Promise<{ gfid: Gfid; victim: number }> {
  const ctx = createCtx({ uid: 1000, gid: 100 });
  await f.top.mkdir(ctx, { path: '/p' }, 0o755);
  await f.top.mkdir(ctx, { path: '/p/q' }, 0o710);
  const home = childForHash(await layoutOf(f, '/p'), hashName('q'))!;
  const victim = hashed ? home : (home + 1) % f.names.length;
  const want = await f.brick(victim === 0 ? 1 : 0).lookup(f.ctx, { path: '/p/q' }, []);
  await f.brick(victim).rmdir(f.ctx, { path: '/p/q' });
  await f.brick(victim).rmdir(f.ctx, { path: '/p' });
  return { gfid: want.iatt.gfid, victim };
}

async function assertHealed(f: DhtFixture, { gfid, victim }: { gfid: Gfid; victim: number }): Promise<void> {
  const got = await f.brick(victim).lookup(f.ctx, { path: '/p/q' }, []);
  assert.is(got.iatt.gfid, gfid);
  assert.is(got.iatt.mode, S_IFDIR | 0o710);
  assert.equal([got.iatt.uid, got.iatt.gid], [1000, 100]);
  assert.equal(checkLayout(await layoutOf(f, '/p/q')), { holes: 0, overlaps: 0, missing: [] });
}

S('lookup recreates a directory missing on a non-hashed brick with the same GFID, mode and owner', async () => {
  const f = dhtFixture();
  const dropped = await dropDirOnBrick(f, false);
  await f.top.lookup(f.ctx, { path: '/p/q' }, []);
  await assertHealed(f, dropped);
});

S('a directory missing on its hashed brick is ENOENT under lookup-optimize (as in GlusterFS), healed without it', async () => {
  const optimized = dhtFixture();
  await dropDirOnBrick(optimized, true);
  assert.is(await errnoOf(optimized.top.lookup(optimized.ctx, { path: '/p/q' }, [])), 'ENOENT');
  const plain = dhtFixture({ dht: { 'lookup-optimize': 'off' } });
  const dropped = await dropDirOnBrick(plain, true);
  await plain.top.lookup(plain.ctx, { path: '/p/q' }, []);
  await assertHealed(plain, dropped);
});

S('a layout range lost on one brick is refilled and stays committed', async () => {
  const f = dhtFixture();
  await f.top.mkdir(f.ctx, { path: '/d' }, 0o755);
  for (let i = 0; i < 50; i++) await writeFile(f.top, f.ctx, `/d/f${i}`, `${i}`);
  const before = await layoutOf(f, '/d');
  await f.brick(1).removexattr(f.ctx, { path: '/d' }, XATTR.DHT_LAYOUT);
  const other = dhtFixture({ shareWith: f });
  await other.top.lookup(other.ctx, { path: '/d' }, []);
  assert.equal(await layoutOf(f, '/d'), before);
  for (let i = 0; i < 50; i++) assert.is(await readFile(other.top, other.ctx, `/d/f${i}`), `${i}`);
});

S('overlapping ranges over existing files are rewritten uncommitted, and every file stays reachable', async () => {
  const f = dhtFixture();
  await f.top.mkdir(f.ctx, { path: '/d' }, 0o755);
  for (let i = 0; i < 60; i++) await writeFile(f.top, f.ctx, `/d/f${i}`, `${i}`);
  // Brick 0 claims the whole space: every other range now overlaps it.
  const r0 = (await layoutOf(f, '/d'))[0]!;
  await f.brick(0).setxattr(f.ctx, { path: '/d' }, { [XATTR.DHT_LAYOUT]: encodeRange({ ...r0, start: 0, stop: 0xffffffff }) }, 0);
  const other = dhtFixture({ shareWith: f });
  await other.top.lookup(other.ctx, { path: '/d' }, []);
  const l = await layoutOf(f, '/d');
  assert.equal(checkLayout(l), { holes: 0, overlaps: 0, missing: [] });
  assert.ok(l.every((r) => r!.commit === 0), 'not trusted for lookup-optimize');
  for (let i = 0; i < 60; i++) assert.is(await readFile(other.top, other.ctx, `/d/f${i}`), `${i}`);
});

S('with lookup-optimize a name missing on its hashed brick is ENOENT without asking the others', async () => {
  const f = dhtFixture();
  await f.top.lookup(f.ctx, { path: '/' }, []);
  await writeFile(f.top, f.ctx, '/stray', 'hidden');
  const [home] = await holders(f, '/stray');
  // Move the file behind dht's back to another brick, with no link file: a misplaced file.
  const away = (home + 1) % 4;
  const fd = createFd('/stray', 1);
  await f.brick(away).create(f.ctx, { path: '/stray' }, O.O_WRONLY | O.O_CREAT, 0o644, fd);
  await f.brick(away).write(f.ctx, fd, Buffer.from('hidden'), 0);
  await f.brick(home).unlink(f.ctx, { path: '/stray' });
  const optimized = dhtFixture({ shareWith: f });
  assert.is(await errnoOf(optimized.top.lookup(optimized.ctx, { path: '/stray' }, [])), 'ENOENT');
  const everywhere = dhtFixture({ shareWith: f, dht: { 'lookup-optimize': 'off' } });
  assert.is(await readFile(everywhere.top, everywhere.ctx, '/stray'), 'hidden');
  // The lookup on every brick left a link file on the hashed brick: now everyone finds it.
  assert.equal((await holders(f, '/stray')).sort(), [home, away].sort());
  assert.is(await readFile(optimized.top, optimized.ctx, '/stray'), 'hidden');
});

S('rsync temp names hash like their final name, so the final rename stays on one brick', async () => {
  const f = dhtFixture();
  for (let i = 0; i < 20; i++) {
    await writeFile(f.top, f.ctx, `/.report-${i}.csv.Ab12Cd`, 'x');
    await f.top.rename(f.ctx, { path: `/.report-${i}.csv.Ab12Cd` }, { path: `/report-${i}.csv` });
    assert.is((await holders(f, `/report-${i}.csv`)).length, 1, 'no link file was needed');
  }
});

S.run();
