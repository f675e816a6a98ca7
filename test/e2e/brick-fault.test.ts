import { createHash } from 'node:crypto';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { FsError, mountVolume } from 'glusterfs-core';
import { startCluster, waitFor } from '../support/cluster.js';
import { brickDataFiles } from '../support/brick-inspect.js';

// SIGKILL one brick process of a live 4-brick volume: only its files fail (ENOTCONN), the rest
// keep working, glusterd restarts it, and then every file reads back intact.
test('a SIGKILLed brick fails only its files with ENOTCONN and is restarted by glusterd', async () => {
  const cluster = await startCluster({ bricks: 4 });
  const vol = await mountVolume(cluster.volumeSpec);
  try {
    const hashes = new Map<string, string>();
    await vol.mkdir('/f');
    for (let i = 0; i < 200; i++) {
      const data = Buffer.from(`file ${i} `.repeat(50 + i));
      hashes.set(`/f/n${i}`, createHash('sha1').update(data).digest('hex'));
      await vol.writeFile(`/f/n${i}`, data);
    }
    const victim = cluster.bricks[1];
    const onVictim = new Set(brickDataFiles(victim.path).filter((p) => p.startsWith('/f/')));
    assert.ok(onVictim.size > 0, 'the victim brick holds some files');
    const procs = await cluster.status();
    const before = procs.find((p) => p.role === 'brick' && p.path === victim.path);
    const glusterd = procs.find((p) => p.role === 'glusterd');
    assert.ok(before?.pid && glusterd?.pid, 'gcluster status reports the brick and glusterd pids');
    // Freeze glusterd so the dead brick stays dead while we look; it restarts it once resumed.
    process.kill(glusterd.pid, 'SIGSTOP');
    try {
      process.kill(before.pid, 'SIGKILL');
      const someVictimFile = [...onVictim][0];
      await waitFor('ENOTCONN from the killed brick', async () => {
        try { await vol.readFile(someVictimFile); return false; } catch (e) { return e instanceof FsError && e.code === 'ENOTCONN'; }
      }, 10_000);
      let down = 0, okElsewhere = 0;
      for (const [name, h] of hashes) {
        try {
          const got = createHash('sha1').update(await vol.readFile(name)).digest('hex');
          assert.is(got, h, `${name} content`);
          assert.ok(!onVictim.has(name), `${name} lives on the dead brick yet was read`);
          okElsewhere++;
        } catch (e) {
          assert.ok(e instanceof FsError, String(e));
          assert.is(e.code, 'ENOTCONN', `${name}: ${e.message}`);
          assert.ok(onVictim.has(name), `${name} failed but lives on a live brick`);
          down++;
        }
      }
      assert.is(down, onVictim.size, 'every file on the dead brick fails with ENOTCONN');
      assert.is(okElsewhere, hashes.size - onVictim.size, 'every file on live bricks stays readable');
      // New files whose names hash to live bricks can still be created.
      let created = 0;
      for (let i = 0; i < 20; i++) {
        try { await vol.writeFile(`/f/while-down-${i}`, 'x'); created++; } catch (e) { assert.is((e as FsError).code, 'ENOTCONN'); }
      }
      assert.ok(created > 0, 'creates on live bricks keep working');
    } finally {
      process.kill(glusterd.pid, 'SIGCONT');
    }

    const after = await waitFor('glusterd to restart the brick', async () => {
      const p = (await cluster.status()).find((q) => q.role === 'brick' && q.path === victim.path);
      return p?.pid && p.pid !== before.pid ? p : undefined;
    }, 30_000);
    assert.ok(after.pid !== before.pid);
    await waitFor('every file readable again', async () => {
      for (const [name, h] of hashes) {
        if (createHash('sha1').update(await vol.readFile(name)).digest('hex') !== h) throw new Error(`${name} differs`);
      }
      return true;
    }, 30_000);
    await vol.writeFile('/f/after-restart', 'new');
    assert.is(await vol.readFile('/f/after-restart', 'utf8'), 'new');
  } finally {
    await vol.unmount();
    await cluster.stop();
  }
});

test.run();
