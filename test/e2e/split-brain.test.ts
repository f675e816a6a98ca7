import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { FsError, type Volume, mountVolume } from 'glusterfs-core';
import { type TestCluster, startCluster, waitFor } from '../support/cluster.js';
import { brickHashes, gluster, healCounts, killBrick } from '../support/replica.js';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';

const sha = (b: string) => createHash('sha1').update(b).digest('hex');

// Writes reach a brick that was down only once the client has reconnected to it: probe until
// a fresh file shows up in that brick's directory.
async function waitClientSees(vol: Volume, brick: string, tag: string): Promise<void> {
  let n = 0;
  await waitFor(`the client to reconnect to ${brick}`, async () => {
    const p = `/probe-${tag}-${n++}`;
    await vol.writeFile(p, 'probe');
    return existsSync(brick + p);
  }, 30_000);
}

async function readErrno(vol: Volume, path: string): Promise<string> {
  try {
    await vol.readFile(path);
    return 'ok';
  } catch (e) {
    return (e as FsError).code;
  }
}

// Quorum off and every automatic heal off, each brick takes writes the other misses: the
// replicas blame each other. Reads fail EIO, heal info lists the files, and each policy of
// `gluster volume heal VOL split-brain` picks its documented winner.
test('a manufactured split-brain fails reads with EIO, is listed, and each policy picks its winner', async () => {
  const cluster: TestCluster = await startCluster({ bricks: 2, replica: 2 });
  for (const [k, v] of [['cluster.quorum-type', 'none'], ['cluster.self-heal-daemon', 'off'], ['cluster.data-self-heal', 'off'],
    ['cluster.metadata-self-heal', 'off'], ['cluster.entry-self-heal', 'off']]) {
    await gluster(cluster, 'volume', 'set', cluster.volume, k, v);
  }
  const [b0, b1] = cluster.bricks.map((b) => b.path);
  const vol = await mountVolume(cluster.volumeSpec);
  try {
    await vol.mkdir('/sb');
    for (const f of ['big', 'late', 'src']) await vol.writeFile(`/sb/${f}`, 'base');
    let down = await killBrick(cluster, b1);
    await vol.writeFile('/sb/big', 'A'.repeat(4000));
    await vol.writeFile('/sb/src', 'first brick wins');
    await vol.writeFile('/sb/late', 'older write on brick 1');
    await down.revive();
    await waitClientSees(vol, b1, 'a');
    down = await killBrick(cluster, b0);
    await vol.writeFile('/sb/big', 'B'.repeat(10));
    await vol.writeFile('/sb/src', 'second brick loses');
    await new Promise((r) => setTimeout(r, 20)); // a strictly later mtime, not a wait for state
    await vol.writeFile('/sb/late', 'newer write on brick 2');
    await down.revive();
    await waitClientSees(vol, b0, 'b');

    for (const f of ['big', 'late', 'src']) assert.is(await readErrno(vol, `/sb/${f}`), 'EIO', `/sb/${f} is in split-brain`);
    const sbInfo = await gluster(cluster, 'volume', 'heal', cluster.volume, 'info', 'split-brain');
    for (const f of ['big', 'late', 'src']) assert.match(sbInfo, `/sb/${f}`);
    assert.equal(await healCounts(cluster, cluster.volume, ['split-brain']), ['3', '3']);

    assert.match(await gluster(cluster, 'volume', 'heal', cluster.volume, 'split-brain', 'bigger-file', '/sb/big'), 'Healed /sb/big');
    assert.match(await gluster(cluster, 'volume', 'heal', cluster.volume, 'split-brain', 'latest-mtime', '/sb/late'), 'Healed /sb/late');
    assert.match(await gluster(cluster, 'volume', 'heal', cluster.volume, 'split-brain', 'source-brick', `${cluster.bricks[0].host}:${b0}`, '/sb/src'), 'Healed /sb/src');

    const want = { '/sb/big': 'A'.repeat(4000), '/sb/late': 'newer write on brick 2', '/sb/src': 'first brick wins' };
    for (const [p, data] of Object.entries(want)) {
      assert.is((await vol.readFile(p)).toString(), data, `${p} through the volume`);
      for (const b of [b0, b1]) assert.is(brickHashes(b).get(p), sha(data), `${p} on ${b}`);
    }
    assert.equal(await healCounts(cluster, cluster.volume, ['split-brain']), ['0', '0']);
    // A file that is not in split-brain is refused with a clear error.
    const r = await gluster(cluster, 'volume', 'heal', cluster.volume, 'split-brain', 'bigger-file', '/sb/big').catch((e: Error) => e.message);
    assert.match(r, 'not in split-brain');
  } finally {
    await vol.unmount();
    await cluster.stop();
  }
});

test.run();
