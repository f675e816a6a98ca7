import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { S_IFREG, S_ISVTX, XATTR } from '../../../../src/index.js';
import { type DhtFixture, dhtFixture, errnoOf, holders, listDir, readFile, writeFile } from './fixture.js';

const S = suite('xlators/cluster/dht/rename');

/** A name in `/` whose file lands on a brick other than `not` (and on `on` when given). */
async function nameOn(f: DhtFixture, prefix: string, pred: (brick: number) => boolean): Promise<{ name: string; brick: number }> {
  for (let i = 0; i < 1000; i++) {
    const name = `${prefix}-${i}`;
    await writeFile(f.top, f.ctx, `/${name}`);
    const [brick] = await holders(f, `/${name}`);
    await f.top.unlink(f.ctx, { path: `/${name}` });
    if (pred(brick)) return { name, brick };
  }
  throw new Error('no such name');
}

async function linkfileOn(f: DhtFixture, brick: number, path: string) {
  const r = await f.brick(brick).lookup(f.ctx, { path }, [XATTR.DHT_LINKTO]);
  return { iatt: r.iatt, to: r.xattrs[XATTR.DHT_LINKTO]?.toString() };
}

S('a rename to a name hashing elsewhere keeps the data and leaves a link file', async () => {
  const f = dhtFixture();
  await writeFile(f.top, f.ctx, '/src', 'payload');
  const [data] = await holders(f, '/src');
  const dst = await nameOn(f, 'dst', (b) => b !== data);
  const gfid = (await f.top.lookup(f.ctx, { path: '/src' }, [])).iatt.gfid;
  await f.top.rename(f.ctx, { path: '/src' }, { path: `/${dst.name}` });
  assert.equal((await holders(f, `/${dst.name}`)).sort(), [data, dst.brick].sort());
  const link = await linkfileOn(f, dst.brick, `/${dst.name}`);
  assert.is(link.iatt.mode, S_IFREG | S_ISVTX);
  assert.is(link.iatt.size, 0);
  assert.is(link.iatt.gfid, gfid);
  assert.is(link.to, `${f.names[data]}\0`);
  assert.is(await readFile(f.top, f.ctx, `/${dst.name}`), 'payload');
  assert.is((await f.top.lookup(f.ctx, { path: `/${dst.name}` }, [])).iatt.size, 7);
  assert.is(await errnoOf(f.top.lookup(f.ctx, { path: '/src' }, [])), 'ENOENT');
  assert.equal(await listDir(f.top, f.ctx, '/'), [dst.name]);
});

S('a second client (fresh caches) finds the renamed file through the link file', async () => {
  const f = dhtFixture();
  await writeFile(f.top, f.ctx, '/a', 'x1');
  const [data] = await holders(f, '/a');
  const dst = await nameOn(f, 'b', (b) => b !== data);
  await f.top.rename(f.ctx, { path: '/a' }, { path: `/${dst.name}` });
  const other = dhtFixture({ shareWith: f });
  assert.is(await readFile(other.top, other.ctx, `/${dst.name}`), 'x1');
  assert.is(await errnoOf(other.top.lookup(other.ctx, { path: '/a' }, [])), 'ENOENT');
});

S('renaming again onto a name of the data brick removes the old link file', async () => {
  const f = dhtFixture();
  await writeFile(f.top, f.ctx, '/s', 'v');
  const [data] = await holders(f, '/s');
  const away = await nameOn(f, 'away', (b) => b !== data);
  const home = await nameOn(f, 'home', (b) => b === data);
  await f.top.rename(f.ctx, { path: '/s' }, { path: `/${away.name}` });
  await f.top.rename(f.ctx, { path: `/${away.name}` }, { path: `/${home.name}` });
  assert.equal(await holders(f, `/${away.name}`), []);
  assert.equal(await holders(f, `/${home.name}`), [data]);
  assert.is(await readFile(f.top, f.ctx, `/${home.name}`), 'v');
});

S('renaming between two link-file names moves the link file, never the data', async () => {
  const f = dhtFixture();
  await writeFile(f.top, f.ctx, '/s', 'v');
  const [data] = await holders(f, '/s');
  const one = await nameOn(f, 'one', (b) => b !== data);
  const two = await nameOn(f, 'two', (b) => b !== data && b !== one.brick);
  await f.top.rename(f.ctx, { path: '/s' }, { path: `/${one.name}` });
  await f.top.rename(f.ctx, { path: `/${one.name}` }, { path: `/${two.name}` });
  assert.equal(await holders(f, `/${one.name}`), []);
  assert.equal((await holders(f, `/${two.name}`)).sort(), [data, two.brick].sort());
  assert.is(await readFile(f.top, f.ctx, `/${two.name}`), 'v');
});

S('renaming onto an existing file replaces it, removing its data from its own brick', async () => {
  const f = dhtFixture();
  await writeFile(f.top, f.ctx, '/src', 'new');
  const [data] = await holders(f, '/src');
  const victim = await nameOn(f, 'victim', (b) => b !== data);
  await writeFile(f.top, f.ctx, `/${victim.name}`, 'old');
  await f.top.rename(f.ctx, { path: '/src' }, { path: `/${victim.name}` });
  assert.is(await readFile(f.top, f.ctx, `/${victim.name}`), 'new');
  const on = await holders(f, `/${victim.name}`);
  assert.equal(on.sort(), [data, victim.brick].sort());
  assert.is((await linkfileOn(f, victim.brick, `/${victim.name}`)).iatt.mode, S_IFREG | S_ISVTX);
  assert.equal(await listDir(f.top, f.ctx, '/'), [victim.name]);
});

S('renaming a file onto a directory is EISDIR and a missing source is ENOENT', async () => {
  const f = dhtFixture();
  await writeFile(f.top, f.ctx, '/f', '');
  await f.top.mkdir(f.ctx, { path: '/d' }, 0o755);
  assert.is(await errnoOf(f.top.rename(f.ctx, { path: '/f' }, { path: '/d' })), 'EISDIR');
  assert.is(await errnoOf(f.top.rename(f.ctx, { path: '/none' }, { path: '/x' })), 'ENOENT');
  assert.is(await errnoOf(f.top.rename(f.ctx, { path: '/d' }, { path: '/f' })), 'ENOTDIR');
  assert.is(await errnoOf(f.top.rename(f.ctx, { path: '/d' }, { path: '/d/e' })), 'EINVAL');
});

S('unlink of a renamed file removes both the data and the link file', async () => {
  const f = dhtFixture();
  await writeFile(f.top, f.ctx, '/s', 'v');
  const [data] = await holders(f, '/s');
  const away = await nameOn(f, 'away', (b) => b !== data);
  await f.top.rename(f.ctx, { path: '/s' }, { path: `/${away.name}` });
  await f.top.unlink(f.ctx, { path: `/${away.name}` });
  assert.equal(await holders(f, `/${away.name}`), []);
});

S('a hard link hashing elsewhere shares the inode and leaves a link file', async () => {
  const f = dhtFixture();
  await writeFile(f.top, f.ctx, '/s', 'shared');
  const [data] = await holders(f, '/s');
  const other = await nameOn(f, 'hl', (b) => b !== data);
  const iatt = await f.top.link(f.ctx, { path: '/s' }, { path: `/${other.name}` });
  assert.is(iatt.nlink, 2);
  assert.equal((await holders(f, `/${other.name}`)).sort(), [data, other.brick].sort());
  assert.is(await readFile(f.top, f.ctx, `/${other.name}`), 'shared');
  assert.is(await errnoOf(f.top.link(f.ctx, { path: '/s' }, { path: `/${other.name}` })), 'EEXIST');
  await f.top.unlink(f.ctx, { path: '/s' });
  assert.is(await readFile(f.top, f.ctx, `/${other.name}`), 'shared');
});

S('a directory rename happens on every brick and keeps its contents reachable', async () => {
  const f = dhtFixture();
  await f.top.mkdir(f.ctx, { path: '/d' }, 0o755);
  for (let i = 0; i < 40; i++) await writeFile(f.top, f.ctx, `/d/f${i}`, `${i}`);
  await f.top.rename(f.ctx, { path: '/d' }, { path: '/e' });
  assert.equal(await holders(f, '/d'), []);
  assert.equal(await holders(f, '/e'), [0, 1, 2, 3]);
  for (let i = 0; i < 40; i++) assert.is(await readFile(f.top, f.ctx, `/e/f${i}`), `${i}`);
  assert.is((await listDir(f.top, f.ctx, '/e')).length, 40);
});

S.run();
