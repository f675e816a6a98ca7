import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { FsError, mountVolume } from 'glusterfs-core';
import { startCluster, waitFor } from '../support/cluster.js';

// Short-circuit local reads: a brick on this host serves large reads from its handle file.
// Proven by freezing the brick (SIGSTOP): an RPC read could not be answered, a local one is.
const MiB = 2 ** 20;
const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

test('large reads of a brick on this host come from its handle file, consistently', async () => {
  const cluster = await startCluster({ bricks: 2 });
  const vol = await mountVolume(cluster.volumeSpec);
  try {
    const v1 = Buffer.alloc(3 * MiB, 1), v2 = Buffer.alloc(3 * MiB, 2);
    await vol.writeFile('/big.bin', v1);
    const brick = cluster.bricks.find((b) => existsSync(join(b.path, 'big.bin')))!;
    const pid = (await cluster.status()).find((p) => p.role === 'brick' && p.path === brick.path)!.pid;
    const glusterd = (await cluster.status()).find((p) => p.role === 'glusterd')!.pid;

    const fh = await vol.open('/big.bin', 'r');
    assert.is(sha((await fh.pread(MiB, 0)) as Buffer), sha(v1.subarray(0, MiB)));
    process.kill(pid, 'SIGSTOP');
    try {
      const mid = (await fh.pread(MiB, MiB)) as Buffer;
      assert.is(sha(mid), sha(v1.subarray(MiB, 2 * MiB)), 'read while the brick is frozen: served locally');
    } finally {
      process.kill(pid, 'SIGCONT');
    }

    // A write through the volume is complete on the brick before it returns: the next local read sees it.
    const w = await vol.open('/big.bin', 'r+');
    await w.pwrite(v2.subarray(0, MiB), 2 * MiB);
    await w.close();
    assert.is(sha((await fh.pread(MiB, 2 * MiB)) as Buffer), sha(v2.subarray(0, MiB)), 'local read sees the new bytes');
    assert.is(sha(await vol.readFile('/big.bin')), sha(Buffer.concat([v1.subarray(0, 2 * MiB), v2.subarray(0, MiB)])));

    // A dead brick is not read behind its back: the read fails like any other fop on it.
    process.kill(glusterd, 'SIGSTOP');
    try {
      process.kill(pid, 'SIGKILL');
      await waitFor('ENOTCONN for a read of the dead brick', async () => {
        try { await fh.pread(MiB, 0); return false; } catch (e) { return e instanceof FsError && e.code === 'ENOTCONN'; }
      }, 10_000);
      const closed = await fh.close().then(() => 'ok', (e: FsError) => e.code);
      assert.is(closed, 'ENOTCONN', 'close reports the flush that could not reach the brick');
    } finally {
      process.kill(glusterd, 'SIGCONT');
    }
  } finally {
    await vol.unmount();
    await cluster.stop();
  }
});

test.run();
