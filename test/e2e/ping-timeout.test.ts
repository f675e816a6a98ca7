import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { FsError, mountVolume } from 'glusterfs-core';
import { BIN, run, startCluster, waitFor } from '../support/cluster.js';

// A SIGSTOPped brick keeps its TCP connection open and answers nothing; glusterd sees it alive
// and leaves it alone. The client's ping timer is what notices: with network.ping-timeout 2 a
// call to it fails with ENOTCONN after about 2 s, and once the brick is continued the client
// reconnects by itself.
test('a SIGSTOPped brick fails calls with ENOTCONN within network.ping-timeout; after SIGCONT they work again', async () => {
  const cluster = await startCluster({ bricks: 1 });
  try {
    const set = await run(BIN.gluster, [`--remote-host=${cluster.mgmt}`, 'volume', 'set', cluster.volume, 'network.ping-timeout', '2']);
    assert.is(set.stdout, 'volume set: success\n', set.stderr);
    const vol = await mountVolume(cluster.volumeSpec);
    try {
      await vol.writeFile('/x', 'still here');
      const brick = (await cluster.status()).find((p) => p.role === 'brick')!;
      process.kill(brick.pid, 'SIGSTOP');
      try {
        const t0 = Date.now();
        const err = await vol.stat('/x').then(() => undefined, (e: unknown) => e);
        const waited = Date.now() - t0;
        assert.instance(err, FsError);
        assert.is((err as FsError).code, 'ENOTCONN');
        assert.ok(waited >= 1500 && waited < 8000, `failed after ${waited} ms; ping-timeout is 2 s`);
      } finally {
        process.kill(brick.pid, 'SIGCONT');
      }
      await waitFor('the client to reconnect', async () => (await vol.readFile('/x', 'utf8')) === 'still here', 30_000);
    } finally {
      await vol.unmount();
    }
  } finally {
    await cluster.stop();
  }
});

test.run();
