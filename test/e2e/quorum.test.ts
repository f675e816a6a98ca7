import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { FsError, mountVolume } from 'glusterfs-core';
import { startCluster, waitFor } from '../support/cluster.js';
import { gluster, healCounts } from '../support/replica.js';

// Replica 2 with client quorum auto: the first brick breaks the tie, so pausing it (SIGSTOP:
// the TCP connection stays open; the client notices through its ping timeout) refuses writes
// while reads go on from the second brick, and nothing is in split-brain after it resumes.
test('replica 2 with quorum auto refuses writes while the first brick is paused, keeps reading, and has no split-brain after', async () => {
  const cluster = await startCluster({ bricks: 2, replica: 2 });
  await gluster(cluster, 'volume', 'set', cluster.volume, 'network.ping-timeout', '2');
  await gluster(cluster, 'volume', 'set', cluster.volume, 'cluster.quorum-type', 'auto');
  const vol = await mountVolume(cluster.volumeSpec);
  const brick0 = (await cluster.status()).find((p) => p.role === 'brick' && p.path === cluster.bricks[0].path)!;
  try {
    for (let i = 0; i < 20; i++) await vol.writeFile(`/r${i}`, `readable ${i}`);
    process.kill(brick0.pid, 'SIGSTOP');
    try {
      await waitFor('writes refused with EROFS', async () => {
        try {
          await vol.writeFile('/w', 'must not be written');
          return false;
        } catch (e) {
          return e instanceof FsError && (e.code === 'EROFS' || e.code === 'ENOTCONN') && e.code;
        }
      }, 30_000);
      for (let i = 0; i < 20; i++) assert.is((await vol.readFile(`/r${i}`)).toString(), `readable ${i}`);
      const err = await vol.writeFile('/r0', 'overwrite').then(() => null, (e: FsError) => e.code);
      assert.is(err, 'EROFS', 'an overwrite is refused without quorum');
    } finally {
      process.kill(brick0.pid, 'SIGCONT');
    }
    await waitFor('writes accepted again', async () => {
      try {
        await vol.writeFile('/after', 'quorum is back');
        return true;
      } catch {
        return false;
      }
    }, 30_000);
    assert.is((await vol.readFile('/r0')).toString(), 'readable 0');
    assert.equal(await healCounts(cluster, cluster.volume, ['split-brain']), ['0', '0']);
  } finally {
    await vol.unmount();
    await cluster.stop();
  }
});

test.run();
