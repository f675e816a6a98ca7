import { createHash } from 'node:crypto';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { FsError, mountVolume, seededRandom } from 'glusterfs-core';
import { startCluster } from '../support/cluster.js';
import { brickHashes, healAndDrain, killBrick } from '../support/replica.js';

const sha = (b: Buffer | string) => createHash('sha1').update(b).digest('hex');
const SEED = Number(process.env.SEED ?? 20261125);

// Replica 3: a brick is SIGKILLed while a writer runs 5,000 mixed namespace and data changes;
// every change the client saw succeed must be on every brick after the restart and a heal.
test('replica 3 loses nothing when a brick dies under 5,000 creates, overwrites, renames and unlinks', async () => {
  const cluster = await startCluster({ bricks: 3, replica: 3 });
  const vol = await mountVolume(cluster.volumeSpec);
  const rnd = seededRandom(SEED);
  const model = new Map<string, string>();
  const uncertain = new Set<string>();
  let next = 0, failures = 0;
  try {
    for (const d of ['/a', '/b', '/c']) await vol.mkdir(d);
    let down: { revive(): Promise<void> } | undefined;
    for (let op = 0; op < 5000; op++) {
      if (op === 1500) down = await killBrick(cluster, cluster.bricks[1].path);
      if (op === 3500) await down!.revive();
      const names = [...model.keys()];
      const pick = () => names[Math.floor(rnd() * names.length)];
      const fresh = () => `/${'abc'[Math.floor(rnd() * 3)]}/f${next++}`;
      const r = names.length < 50 ? 0 : rnd();
      let touched: string[] = [];
      try {
        if (r < 0.35) {
          const p = fresh();
          touched = [p];
          const data = `created ${p} at ${op} `.repeat(1 + Math.floor(rnd() * 60));
          await vol.writeFile(p, data);
          model.set(p, sha(data));
        } else if (r < 0.65) {
          const p = pick();
          touched = [p];
          const data = `overwritten at ${op} `.repeat(1 + Math.floor(rnd() * 200));
          await vol.writeFile(p, data);
          model.set(p, sha(data));
        } else if (r < 0.85) {
          const from = pick(), to = fresh();
          touched = [from, to];
          await vol.rename(from, to);
          model.set(to, model.get(from)!);
          model.delete(from);
        } else {
          const p = pick();
          touched = [p];
          await vol.unlink(p);
          model.delete(p);
        }
      } catch (e) {
        assert.ok(e instanceof FsError, String(e));
        failures++;
        for (const t of touched) uncertain.add(t);
      }
    }
    assert.ok(failures <= 5, `${failures} operations failed with two of three bricks up`);
    await healAndDrain(cluster);
    for (const [p, h] of model) {
      if (uncertain.has(p)) continue;
      assert.is(sha(await vol.readFile(p)), h, `${p} through the volume (seed ${SEED})`);
    }
    const bricks = cluster.bricks.map((b) => brickHashes(b.path));
    for (const [p, h] of model) {
      if (uncertain.has(p)) continue;
      for (const [i, b] of bricks.entries()) assert.is(b.get(p), h, `${p} on brick ${i + 1} (seed ${SEED})`);
    }
    for (const [i, b] of bricks.entries()) {
      assert.equal([...b.keys()].sort(), [...bricks[0].keys()].sort(), `brick ${i + 1} holds exactly the names of brick 1`);
      for (const [p, h] of b) assert.is(h, bricks[0].get(p), `${p} identical on brick ${i + 1}`);
      for (const p of b.keys()) assert.ok(model.has(p) || uncertain.has(p), `${p} on brick ${i + 1} was deleted or renamed away`);
    }
  } finally {
    await vol.unmount();
    // KEEP_CLUSTER=1 leaves the processes and bricks for a post-mortem.
    if (process.env.KEEP_CLUSTER) console.error(`cluster kept in ${cluster.home}`);
    else await cluster.stop();
  }
});

test('a file deleted while a brick was down does not come back after heal', async () => {
  const cluster = await startCluster({ bricks: 2, replica: 2 });
  const vol = await mountVolume(cluster.volumeSpec);
  try {
    await vol.mkdir('/del');
    await vol.writeFile('/del/gone', 'old data');
    await vol.writeFile('/del/kept', 'kept data');
    // The second brick dies: replica 2 keeps quorum with the first brick up.
    const down = await killBrick(cluster, cluster.bricks[1].path);
    await vol.unlink('/del/gone');
    await vol.writeFile('/del/kept', 'changed while down');
    await down.revive();
    await healAndDrain(cluster);
    for (const b of cluster.bricks) {
      const h = brickHashes(b.path);
      assert.not.ok(h.has('/del/gone'), `deleted file came back on ${b.path}`);
      assert.is(h.get('/del/kept'), sha('changed while down'));
    }
    try {
      await vol.stat('/del/gone');
      assert.unreachable('the deleted file is visible');
    } catch (e) {
      assert.is((e as FsError).code, 'ENOENT');
    }
  } finally {
    await vol.unmount();
    await cluster.stop();
  }
});

test.run();
