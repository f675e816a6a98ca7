import { mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mountVolume } from 'glusterfs-core';
import { startCluster } from '../support/cluster.js';
import { gluster } from '../support/replica.js';

// replica 3 arbiter 1: the arbiter (third brick of the set) holds every name with its
// metadata, never the data; the volume still reads and writes whole files.
test('the arbiter brick holds a zero-size copy with the right metadata', async () => {
  const cluster = await startCluster({ bricks: 2, replica: 2 });
  const host = cluster.bricks[0].host;
  const dirs = ['a1', 'a2', 'a3'].map((d) => join(cluster.home, 'arb', d));
  for (const d of dirs) mkdirSync(d, { recursive: true });
  try {
    await gluster(cluster, 'volume', 'create', 'arb', 'replica', '3', 'arbiter', '1', ...dirs.map((d) => `${host}:${d}`), 'force');
    await gluster(cluster, 'volume', 'start', 'arb');
    assert.match(await gluster(cluster, 'volume', 'info', 'arb'), 'Number of Bricks: 1 x (2 + 1) = 3');
    const vol = await mountVolume(`${cluster.mgmt}/arb`);
    try {
      const data = Buffer.alloc(10_000, 'arbiter test ');
      await vol.mkdir('/d');
      await vol.writeFile('/d/file', data);
      await vol.setattr('/d/file', { mode: 0o640 });
      assert.equal(await vol.readFile('/d/file'), data);
      assert.is((await vol.stat('/d/file')).size, data.length);
      const [d1, d2, arb] = dirs.map((d) => statSync(join(d, 'd/file')));
      assert.is(d1.size, data.length);
      assert.is(d2.size, data.length);
      assert.is(arb.size, 0, 'the arbiter stores no data');
      assert.is(arb.mode & 0o7777, 0o640, 'the arbiter keeps the mode');
      assert.is(arb.uid, d1.uid);
      assert.is(arb.gid, d1.gid);
    } finally {
      await vol.unmount();
    }
  } finally {
    await cluster.stop();
  }
});

test.run();
