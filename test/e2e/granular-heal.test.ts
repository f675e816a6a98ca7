import { createHash, randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mountVolume } from 'glusterfs-core';
import { startCluster } from '../support/cluster.js';
import { gluster, healAndDrain, killBrick } from '../support/replica.js';

const MiB = 1 << 20;

async function fileSha(path: string): Promise<string> {
  const h = createHash('sha1');
  for await (const chunk of createReadStream(path)) h.update(chunk as Buffer);
  return h.digest('hex');
}

// Every `bytesMoved` the self-heal daemons report, summed over their crawls.
function bytesMoved(stats: unknown): number {
  let n = 0;
  const walk = (v: unknown, key = ''): void => {
    if (key === 'current') return; // the running crawl is counted again when it ends
    if (Array.isArray(v)) v.forEach((x) => walk(x));
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, k);
    else if (key === 'bytesMoved' && typeof v === 'number') n += v;
  };
  walk(stats);
  return n;
}

// Granular data heal: a 256 MiB file of which 1 MiB changed while a replica was down is
// healed by comparing block checksums, moving at most 2 MiB instead of the whole file.
test('a 256 MiB file with 1 MiB changed while a replica was down heals by moving at most 2 MiB', async () => {
  const cluster = await startCluster({ bricks: 2, replica: 2 });
  // Only the self-heal daemon heals here, so its statistics account for every byte moved.
  for (const k of ['cluster.data-self-heal', 'cluster.metadata-self-heal', 'cluster.entry-self-heal']) {
    await gluster(cluster, 'volume', 'set', cluster.volume, k, 'off');
  }
  const vol = await mountVolume(cluster.volumeSpec);
  try {
    const fh = await vol.open('/big', 'w');
    const chunk = randomBytes(4 * MiB);
    for (let off = 0; off < 256 * MiB; off += chunk.length) await fh.pwrite(chunk, off);
    await fh.close();
    const before = bytesMoved(JSON.parse(await gluster(cluster, 'volume', 'heal', cluster.volume, 'statistics', '--json')));
    const down = await killBrick(cluster, cluster.bricks[1].path);
    const patch = await vol.open('/big', 'r+');
    await patch.pwrite(randomBytes(MiB), 100 * MiB + 12345);
    await patch.close();
    await down.revive();
    await healAndDrain(cluster);
    const moved = bytesMoved(JSON.parse(await gluster(cluster, 'volume', 'heal', cluster.volume, 'statistics', '--json'))) - before;
    assert.ok(moved > 0, 'the heal moved the changed blocks');
    assert.ok(moved <= 2 * MiB, `the heal moved ${moved} bytes`);
    const [a, b] = await Promise.all(cluster.bricks.map((x) => fileSha(x.path + '/big')));
    assert.is(a, b, 'both replicas are byte-identical');
  } finally {
    await vol.unmount();
    await cluster.stop();
  }
});

test.run();
