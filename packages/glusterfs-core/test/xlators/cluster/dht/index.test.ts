import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { constants as O } from 'node:fs';
import { S_IFDIR, XATTR, createFd, isFile } from '../../../../src/index.js';
import { hashName } from '../../../../src/xlators/cluster/dht/hash.js';
import { type Layout, checkLayout, childForHash, decodeRange } from '../../../../src/xlators/cluster/dht/layout.js';
import { type DhtFixture, dhtFixture, errnoOf, holders, readFile, writeFile } from './fixture.js';

const S = suite('xlators/cluster/dht');

async function layoutOf(f: DhtFixture, path: string): Promise<Layout> {
  const out: Layout = [];
  for (let i = 0; i < f.names.length; i++) {
    const x = await f.brick(i).getxattr(f.ctx, { path }, XATTR.DHT_LAYOUT);
    out.push(decodeRange(x[XATTR.DHT_LAYOUT]));
  }
  return out;
}

S('2,000 files spread over 4 bricks, each on the brick its name hashes to', async () => {
  const f = dhtFixture();
  await f.top.mkdir(f.ctx, { path: '/data' }, 0o755);
  const per = [0, 0, 0, 0];
  for (let i = 0; i < 2000; i++) await writeFile(f.top, f.ctx, `/data/file-${i}.txt`, `content ${i}`);
  const layout = await layoutOf(f, '/data');
  for (let i = 0; i < 2000; i++) {
    const where = await holders(f, `/data/file-${i}.txt`);
    assert.is(where.length, 1, `file-${i} sits on exactly one brick`);
    assert.is(where[0], childForHash(layout, hashName(`file-${i}.txt`)));
    per[where[0]]++;
  }
  for (const n of per) assert.ok(n >= 300 && n <= 700, `share ${n}/2000 within 15–35 %: ${per}`);
  assert.is(await readFile(f.top, f.ctx, '/data/file-1234.txt'), 'content 1234');
});

S('the root and every directory carry layouts covering 2^32 exactly, with the same commit hash', async () => {
  const f = dhtFixture();
  await f.top.lookup(f.ctx, { path: '/' }, []);
  await f.top.mkdir(f.ctx, { path: '/a' }, 0o755);
  await f.top.mkdir(f.ctx, { path: '/a/b' }, 0o700);
  for (const p of ['/', '/a', '/a/b']) {
    const l = await layoutOf(f, p);
    assert.equal(checkLayout(l), { holes: 0, overlaps: 0, missing: [] }, p);
    assert.is(new Set(l.map((r) => r!.commit)).size, 1);
    assert.ok(l[0]!.commit !== 0, 'committed');
  }
});

S('mkdir creates the directory on every brick with one GFID and the caller\'s GFID when given', async () => {
  const f = dhtFixture();
  const g = 'abcdef01-2345-6789-abcd-ef0123456789';
  const iatt = await f.top.mkdir(f.ctx, { path: '/d', gfid: g }, 0o750);
  assert.is(iatt.gfid, g);
  for (let i = 0; i < 4; i++) {
    const r = await f.brick(i).lookup(f.ctx, { path: '/d' }, []);
    assert.is(r.iatt.gfid, g);
    assert.is(r.iatt.mode, S_IFDIR | 0o750);
  }
  assert.is(await errnoOf(f.top.mkdir(f.ctx, { path: '/d' }, 0o750)), 'EEXIST');
});

S('lookup of a missing name is ENOENT and of a file returns its attributes', async () => {
  const f = dhtFixture();
  assert.is(await errnoOf(f.top.lookup(f.ctx, { path: '/nope' }, [])), 'ENOENT');
  await writeFile(f.top, f.ctx, '/x', 'hello');
  const r = await f.top.lookup(f.ctx, { path: '/x' }, []);
  assert.ok(isFile(r.iatt));
  assert.is(r.iatt.size, 5);
  assert.is(await errnoOf(f.top.lookup(f.ctx, { path: '/x/y' }, [])), 'ENOTDIR');
});

S('files are created with the caller\'s GFID, and O_EXCL on an existing name is EEXIST', async () => {
  const f = dhtFixture();
  const g = '11111111-2222-3333-4444-555555555555';
  const iatt = await f.top.create(f.ctx, { path: '/g', gfid: g }, O.O_WRONLY | O.O_CREAT, 0o600, createFd('/g', 1));
  assert.is(iatt.gfid, g);
  assert.is(await errnoOf(f.top.create(f.ctx, { path: '/g' }, O.O_WRONLY | O.O_CREAT | O.O_EXCL, 0o600, createFd('/g', 1))), 'EEXIST');
});

S('the cluster/distribute alias builds the same translator', async () => {
  const f = dhtFixture({ type: 'cluster/distribute', bricks: 2 });
  await writeFile(f.top, f.ctx, '/a', 'x');
  assert.is(await readFile(f.top, f.ctx, '/a'), 'x');
});

S('statfs sums the bricks', async () => {
  const f = dhtFixture();
  const one = await f.brick(0).statfs(f.ctx, { path: '/' });
  const all = await f.top.statfs(f.ctx, { path: '/' });
  assert.is(all.blocks, one.blocks * 4);
});

S.run();
