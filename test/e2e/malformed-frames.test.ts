import { randomBytes } from 'node:crypto';
import { connect } from 'node:net';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mountVolume } from 'glusterfs-core';
import { startCluster } from '../support/cluster.js';

// Garbage on a brick's port drops that one connection; the brick keeps serving everyone else.
function sendRaw(port: number, chunks: Buffer[], endAfter = true): Promise<void> {
  return new Promise((resolve) => {
    const s = connect(port, '127.0.0.1', () => {
      for (const c of chunks) s.write(c);
      if (endAfter) s.end();
    });
    s.on('error', () => resolve());
    s.on('close', () => resolve());
    s.setTimeout(3000, () => { s.destroy(); resolve(); });
  });
}

test('malformed frames to a brick never take it down', async () => {
  const cluster = await startCluster({ bricks: 2 });
  const vol = await mountVolume(cluster.volumeSpec);
  try {
    await vol.writeFile('/keep.txt', 'still here');
    const pidsBefore = (await cluster.status()).filter((p) => p.role === 'brick').map((p) => p.pid).sort();
    const huge = Buffer.alloc(8); huge.writeUInt32BE(0xffffffff, 0);
    const truncated = Buffer.alloc(12); truncated.writeUInt32BE(1000, 0);
    for (const b of cluster.bricks) {
      await sendRaw(b.port, [randomBytes(4096)]);
      await sendRaw(b.port, [huge, randomBytes(64)]);
      await sendRaw(b.port, [truncated]);
      await sendRaw(b.port, [Buffer.from('GET / HTTP/1.1\r\nHost: x\r\n\r\n')]);
      for (let i = 0; i < 20; i++) await sendRaw(b.port, [randomBytes(1 + Math.floor(Math.random() * 300))]);
    }
    // The mounted client still works, and a second client mounts and reads.
    assert.is(await vol.readFile('/keep.txt', 'utf8'), 'still here');
    const second = await mountVolume(cluster.volumeSpec);
    try {
      assert.is(await second.readFile('/keep.txt', 'utf8'), 'still here');
      await second.writeFile('/second.txt', 'ok');
    } finally {
      await second.unmount();
    }
    const pidsAfter = (await cluster.status()).filter((p) => p.role === 'brick').map((p) => p.pid).sort();
    assert.equal(pidsAfter, pidsBefore, 'no brick process died or was restarted');
  } finally {
    await vol.unmount();
    await cluster.stop();
  }
});

test.run();
