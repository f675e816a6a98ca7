import { createHash } from 'node:crypto';
import { existsSync, lstatSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { FsError, mountVolume, seededRandom, type Volume } from 'glusterfs-core';
import { startCluster, type TestCluster } from '../support/cluster.js';
import { brickDataFiles, brickXattrs, gfidFromHex, isLinkFile, layoutRange } from '../support/brick-inspect.js';

// A real 4-brick distribute volume: glusterd + 4 glusterfsd processes started by gcluster,
// driven through the client API, and checked on the bricks themselves with getfattr.
const SEED = Number(process.env.TEST_SEED ?? Date.now() % 100000);
const t = suite<{ cluster: TestCluster; vol: Volume }>('e2e: distribute volume');

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

async function code(p: Promise<unknown>): Promise<string> {
  try { await p; return 'ok'; } catch (e) { return e instanceof FsError ? e.code : String(e); }
}

t.before(async (ctx) => {
  ctx.cluster = await startCluster({ bricks: 4 });
  ctx.vol = await mountVolume(ctx.cluster.volumeSpec);
});
t.after(async (ctx) => {
  await ctx.vol?.unmount();
  await ctx.cluster?.stop();
});

t('2,000 files of random sizes read back byte-identical and spread 15–35% per brick', async ({ cluster, vol }) => {
  const rand = seededRandom(SEED);
  await vol.mkdir('/data/a/b', { recursive: true });
  const hashes = new Map<string, string>();
  const names = Array.from({ length: 2000 }, (_, i) => `/data/${i % 3 === 0 ? 'a/b/' : ''}file-${i}-${Math.floor(rand() * 1e6)}.bin`);
  let next = 0;
  await Promise.all(Array.from({ length: 32 }, async () => {
    while (next < names.length) {
      const name = names[next++];
      const data = Buffer.alloc(Math.floor(rand() * 20000));
      for (let j = 0; j < data.length; j++) data[j] = (rand() * 256) | 0;
      hashes.set(name, sha(data));
      await vol.writeFile(name, data);
    }
  }));
  for (const [name, h] of hashes) assert.is(sha(await vol.readFile(name)), h, `content of ${name} (seed ${SEED})`);

  const perBrick = cluster.bricks.map((b) => brickDataFiles(b.path).filter((p) => p.startsWith('/data/')).length);
  assert.is(perBrick.reduce((a, b) => a + b, 0), 2000, `every file on exactly one brick: ${perBrick}`);
  for (const n of perBrick) assert.ok(n >= 300 && n <= 700, `brick share ${n}/2000 outside 15–35% (${perBrick}, seed ${SEED})`);
});

t('every file and directory has a GFID and a handle, and layouts cover the 32-bit space', async ({ cluster }) => {
  for (const dir of ['/', '/data', '/data/a', '/data/a/b']) {
    const ranges: [number, number][] = [];
    for (const b of cluster.bricks) {
      const x = (await brickXattrs(b.path)).get(dir);
      assert.ok(x?.['trusted.glusterfs.dht'], `${b.path}${dir} has no layout`);
      ranges.push(layoutRange(x['trusted.glusterfs.dht']));
    }
    ranges.sort((p, q) => p[0] - q[0]);
    assert.is(ranges[0][0], 0, `${dir}: layout starts at 0`);
    for (let i = 1; i < ranges.length; i++) assert.is(ranges[i][0], ranges[i - 1][1] + 1, `${dir}: ranges touch`);
    assert.is(ranges.at(-1)![1], 0xffffffff, `${dir}: layout ends at 2^32-1`);
  }
  for (const b of cluster.bricks) {
    for (const [rel, x] of await brickXattrs(b.path)) {
      assert.ok(x['trusted.gfid'], `${b.path}${rel} has no trusted.gfid`);
      const gfid = gfidFromHex(x['trusted.gfid']);
      const handle = join(b.path, '.glusterfs', gfid.slice(0, 2), gfid.slice(2, 4), gfid);
      if (rel === '/') continue;
      assert.ok(existsSync(handle) || lstatSync(handle, { throwIfNoEntry: false }), `${b.path}${rel}: handle ${handle} missing`);
      const st = lstatSync(join(b.path, rel));
      if (st.isFile()) assert.is(lstatSync(handle).ino, st.ino, `${rel}: handle is a hard link`);
      if (st.isDirectory()) assert.ok(lstatSync(handle).isSymbolicLink(), `${rel}: dir handle is a symlink`);
    }
  }
});

t('a rename to a name hashing elsewhere leaves a link file and the file stays reachable', async ({ cluster, vol }) => {
  await vol.mkdir('/ren');
  await vol.writeFile('/ren/src.txt', 'payload that must survive');
  const home = cluster.bricks.find((b) => existsSync(join(b.path, 'ren/src.txt')))!;
  let moved = '';
  for (let i = 0; i < 64 && !moved; i++) {
    const name = `/ren/dst-${i}.txt`;
    await vol.rename(i === 0 ? '/ren/src.txt' : `/ren/dst-${i - 1}.txt`, name);
    const linkOn = cluster.bricks.find((b) => b !== home && existsSync(join(b.path, name.slice(1))));
    if (linkOn) {
      assert.ok(isLinkFile(join(linkOn.path, name.slice(1))), 'the name on the hashed brick is a link file');
      const x = (await brickXattrs(linkOn.path)).get(name)!;
      assert.ok(x['trusted.glusterfs.dht.linkto'], 'link file carries linkto');
      moved = name;
    }
  }
  assert.ok(moved, 'some rename moved the name to another brick');
  assert.is(await vol.readFile(moved, 'utf8'), 'payload that must survive');
  assert.ok(existsSync(join(home.path, moved.slice(1))), 'the data stayed on its brick');
  assert.equal((await vol.readdir('/ren')), [moved.slice(5)], 'readdir shows the name once, no link file');
});

t('readdir of a 5,000-entry directory returns each name once', async ({ vol }) => {
  await vol.mkdir('/big');
  let next = 0;
  await Promise.all(Array.from({ length: 32 }, async () => {
    while (next < 5000) { const i = next++; await vol.writeFile(`/big/e${i}`, ''); }
  }));
  const names = await vol.readdir('/big');
  assert.is(names.length, 5000);
  assert.is(new Set(names).size, 5000);
});

t('rmdir of a non-empty directory is ENOTEMPTY; errors carry POSIX codes', async ({ vol }) => {
  await vol.mkdir('/full');
  await vol.writeFile('/full/x', 'x');
  assert.is(await code(vol.rmdir('/full')), 'ENOTEMPTY');
  assert.is(await code(vol.mkdir('/full')), 'EEXIST');
  assert.is(await code(vol.readFile('/nope')), 'ENOENT');
  await vol.unlink('/full/x');
  await vol.rmdir('/full');
  assert.is(await code(vol.stat('/full')), 'ENOENT');
});

t('.. and symlinks never reach outside a brick', async ({ cluster, vol }) => {
  const secret = join(cluster.home, 'outside-secret.txt');
  writeFileSync(secret, 'must never be served');
  await vol.symlink(secret, '/abs-link');
  await vol.symlink('../../../../../../../../', '/dotdot-link');
  assert.not.equal(await code(vol.readFile('/abs-link')), 'ok', 'an absolute symlink to a host file is not followed out');
  assert.not.equal(await code(vol.readFile(`/dotdot-link${secret}`)), 'ok', 'a .. symlink does not climb out');
  assert.is(await code(vol.readFile('/../../../../etc/passwd')), 'ENOENT', '.. in a path stops at the root');
  // A symlink planted directly on every brick, pointing outside, must not be followed either.
  for (const b of cluster.bricks) {
    mkdirSync(join(b.path, 'planted'), { recursive: true });
    symlinkSync(cluster.home, join(b.path, 'planted/escape'));
  }
  const r = await code(vol.readFile(`/planted/escape/outside-secret.txt`));
  assert.not.equal(r, 'ok', 'a planted brick symlink is not followed out of the brick');
  assert.ok(readFileSync(secret, 'utf8') === 'must never be served');
});

t.run();
