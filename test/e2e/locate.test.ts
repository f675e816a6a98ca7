import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { mountVolume, type Volume } from 'glusterfs-core';
import { startCluster, type TestCluster } from '../support/cluster.js';

// A real 2 x 2 distributed-replicate volume (glusterd and four glusterfsd processes started by
// gcluster): Volume.locate must name the bricks where each file really is on disk.
const t = suite<{ cluster: TestCluster; vol: Volume }>('e2e: locate');

t.before(async (ctx) => {
  ctx.cluster = await startCluster({ bricks: 4, replica: 2 });
  ctx.vol = await mountVolume(ctx.cluster.volumeSpec);
});
t.after(async (ctx) => {
  await ctx.vol?.unmount();
  await ctx.cluster?.stop();
});

t('each file is located on exactly the bricks of one replica set that hold it on disk', async ({ cluster, vol }) => {
  await vol.mkdir('/loc/sub', { recursive: true });
  const names = Array.from({ length: 40 }, (_, i) => `/loc/${i % 2 ? 'sub/' : ''}file-${i}`);
  for (const name of names) await vol.writeFile(name, `data of ${name}`);
  const sets = new Set<string>();
  for (const name of names) {
    const found = await vol.locate(name);
    const onDisk = cluster.bricks.filter((b) => existsSync(join(b.path, name)));
    assert.equal(found.map((l) => l.brick), onDisk.map((b) => b.path), `${name}: ${JSON.stringify(found)}`);
    for (const l of found) {
      const brick = cluster.bricks.find((b) => b.path === l.brick)!;
      assert.is(l.host, brick.host, `${name}: host of ${l.brick}`);
      assert.is(l.path, join(l.brick, name));
      assert.ok(existsSync(l.path), `${l.path} exists`);
    }
    sets.add(found.map((l) => l.brick).join(' '));
  }
  assert.is(sets.size, 2, `40 files spread over both replica sets: ${[...sets].join(' | ')}`);
});

t('a directory is located on every brick', async ({ cluster, vol }) => {
  const found = await vol.locate('/loc/sub');
  assert.equal(found.map((l) => l.brick), cluster.bricks.map((b) => b.path));
  for (const l of found) assert.ok(existsSync(l.path), `${l.path} exists`);
});

t.run();
