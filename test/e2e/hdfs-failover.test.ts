import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mountVolume } from 'glusterfs-core';
import { startCluster, waitFor } from '../support/cluster.js';
import { HDFS_BIN, hdfs, startShim } from '../support/hdfs.js';
import { killBrick } from '../support/replica.js';

// A brick holding the file is SIGKILLed while the real `hdfs cat` is part-way through it, on a
// replica-2 volume: the datanode's reads fail over to the other copy and the client gets every
// byte. The cat is held mid-stream by not reading its stdout (the pipe, then the datanode's
// socket, fill up) so the kill lands during the transfer, not before or after it.
const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

test('hdfs cat survives the loss of one replica mid-read, byte for byte', async () => {
  const cluster = await startCluster({ bricks: 2, replica: 2 });
  const shim = await startShim(cluster, { blockSize: '1m', logLevel: 'info' });
  const vol = await mountVolume(cluster.volumeSpec);
  let revive: (() => Promise<void>) | undefined;
  try {
    const data = randomBytes(48 * 2 ** 20);
    const put = await hdfs(shim, ['put', '-', '/big.bin'], { input: data });
    assert.is(put.code, 0, put.err);
    assert.ok(cluster.bricks.every((b) => existsSync(join(b.path, 'big.bin'))), 'both replicas hold the file');

    const connects = (path: string) => shim.log.filter((l) => l.includes('connected to brick') && l.includes(`"brick":"${path}"`)).length;
    // Each replica in turn, so one of the two runs kills the copy being read.
    for (const brick of cluster.bricks) {
      const cat = spawn(HDFS_BIN, ['cat', '/big.bin'], {
        env: { ...process.env, HADOOP_NAMENODE: shim.namenode, HADOOP_USER_NAME: 'root' }, stdio: ['ignore', 'pipe', 'pipe'],
      });
      const chunks: Buffer[] = [];
      let got = 0, err = '';
      cat.stderr.on('data', (d) => { err += d; });
      await new Promise<void>((resolve) => {
        cat.stdout.once('data', (d: Buffer) => {
          chunks.push(d);
          got += d.length;
          cat.stdout.pause();
          resolve();
        });
      });
      const connectsBefore = connects(brick.path);
      const victim = await killBrick(cluster, brick.path);
      revive = victim.revive;
      assert.ok(got < data.length / 2, `the kill happened mid-read (${got} bytes in)`);
      const done = new Promise<number>((resolve) => cat.once('close', (code) => resolve(code ?? -1)));
      cat.stdout.on('data', (d: Buffer) => { chunks.push(d); got += d.length; });
      cat.stdout.resume();
      const timer = setTimeout(() => cat.kill('SIGKILL'), 120_000);
      const code = await done;
      clearTimeout(timer);
      assert.is(code, 0, err);
      assert.is(got, data.length);
      assert.is(sha(Buffer.concat(chunks)), sha(data), `all bytes with ${brick.path} killed mid-read`);

      // A fresh read with the brick still down works too.
      const again = await hdfs(shim, ['cat', '/big.bin']);
      assert.is(again.code, 0, again.err);
      assert.is(sha(again.stdout), sha(data));
      await victim.revive();
      revive = undefined;
      // The next round kills the other copy: first the shim's client must be connected to this
      // one again (glusterd reporting the brick online is not enough), or no copy would be up.
      await waitFor(`the shim reconnected to ${brick.path}`, async () => connects(brick.path) > connectsBefore, 30_000);
    }
  } finally {
    await revive?.();
    await vol.unmount();
    await shim.stop();
    await cluster.stop();
  }
});

test.run();
