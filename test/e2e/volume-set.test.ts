import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { FsError, fetchVolfile, mountVolume, parseVolfile, parseVolumeSpec } from 'glusterfs-core';
import { BIN, REPO, run, startCluster, type RunResult, type TestCluster } from '../support/cluster.js';

// `gluster volume set/get/reset` against a real glusterd and its glusterfsd processes: a brick
// option restarts the bricks with it, a client option reaches the volfile getspec serves.
const t = suite<{ cluster: TestCluster }>('e2e: volume set/get/reset');
const PLUGIN = join(REPO, 'packages/glusterfs-core/dist/test/fixtures/tasks/sample-handlers.js');

function gluster(cluster: TestCluster, args: string[]): Promise<RunResult> {
  return run(BIN.gluster, [`--remote-host=${cluster.mgmt}`, '--mode=script', ...args]);
}

async function brickPids(cluster: TestCluster): Promise<number[]> {
  return (await cluster.status()).filter((p) => p.role.includes('brick')).map((p) => p.pid).sort();
}

/** Runs sample.count on a fresh mount; the task's errno when it fails. */
async function sampleCount(cluster: TestCluster): Promise<unknown[] | string> {
  const vol = await mountVolume(cluster.volumeSpec);
  try {
    return await vol.runTask('sample.count', { count: 2 });
  } catch (e) {
    return e instanceof FsError ? e.code : String(e);
  } finally {
    await vol.unmount();
  }
}

t.before(async (ctx) => {
  ctx.cluster = await startCluster({ bricks: 2 });
});
t.after(async (ctx) => {
  await ctx.cluster?.stop();
});

t('brick.task-modules restarts the bricks with the module, and its task runs on them', async ({ cluster }) => {
  assert.is(await sampleCount(cluster), 'EINVAL', 'the plugin task is unknown before the option is set');
  const before = await brickPids(cluster);
  const r = await gluster(cluster, ['volume', 'set', cluster.volume, 'brick.task-modules', PLUGIN]);
  assert.is(r.code, 0, r.stderr);
  assert.is(r.stdout, 'volume set: success\n');
  const after = await brickPids(cluster);
  assert.is(before.length, 2, 'both bricks run');
  assert.is(after.length, 2, 'both bricks run again');
  for (const pid of after) assert.not.ok(before.includes(pid), `brick ${pid} was restarted (before: ${before})`);
  const results = await sampleCount(cluster);
  assert.ok(Array.isArray(results), `runTask failed: ${String(results)}`);
  assert.is(results.length, 2);
  for (const res of results) assert.is((res as { done: number }).done, 2);
});

t('volume get shows set values and defaults; volume info lists them as Options Reconfigured', async ({ cluster }) => {
  const one = await gluster(cluster, ['volume', 'get', cluster.volume, 'brick.task-modules']);
  assert.is(one.code, 0, one.stderr);
  assert.match(one.stdout, /^Option\s+Value\n------\s+-----\n/);
  assert.match(one.stdout, `brick.task-modules                      ${PLUGIN}`);
  const all = await gluster(cluster, ['volume', 'get', cluster.volume, 'all', '--json']);
  const rows = JSON.parse(all.stdout) as { option: string; value: string }[];
  assert.equal(rows.find((x) => x.option === 'cluster.lookup-optimize'), { option: 'cluster.lookup-optimize', value: 'on' });
  const info = await gluster(cluster, ['volume', 'info', cluster.volume]);
  assert.match(info.stdout, `Options Reconfigured:\nbrick.task-modules: ${PLUGIN}\n`);
});

t('an unknown key and a bad value fail with exit 1 and say what to do', async ({ cluster }) => {
  const key = await gluster(cluster, ['volume', 'set', cluster.volume, 'no.such-option', 'on']);
  assert.is(key.code, 1);
  assert.is(key.stdout, '');
  assert.match(key.stderr, /volume set: failed: option no.such-option does not exist\. `gluster volume set help` lists/);
  const value = await gluster(cluster, ['volume', 'set', cluster.volume, 'cluster.lookup-optimize', 'maybe']);
  assert.is(value.code, 1);
  assert.match(value.stderr, /volume set: failed: cluster\/dht: option "lookup-optimize" must be on or off \(got "maybe"\)/);
  const get = await gluster(cluster, ['volume', 'get', cluster.volume, 'no.such-option']);
  assert.is(get.code, 1);
  assert.match(get.stderr, /volume get: failed: option no.such-option does not exist/);
});

t('cluster.lookup-optimize off appears on the dht node of the volfile getspec serves', async ({ cluster }) => {
  const r = await gluster(cluster, ['volume', 'set', cluster.volume, 'cluster.lookup-optimize', 'off']);
  assert.is(r.code, 0, r.stderr);
  const vf = parseVolfile(await fetchVolfile(parseVolumeSpec(cluster.volumeSpec)));
  assert.is(vf.nodes.find((n) => n.type === 'cluster/dht')!.options['lookup-optimize'], 'off');
  const vol = await mountVolume(cluster.volumeSpec);
  await vol.writeFile('/after-set.txt', 'ok');
  assert.is(String(await vol.readFile('/after-set.txt')), 'ok');
  await vol.unmount();
});

t('volume reset removes an option: the bricks restart without the module', async ({ cluster }) => {
  const before = await brickPids(cluster);
  const r = await gluster(cluster, ['volume', 'reset', cluster.volume, 'brick.task-modules']);
  assert.is(r.code, 0, r.stderr);
  assert.is(r.stdout, 'volume reset: success: reset volume successful\n');
  assert.not.equal(await brickPids(cluster), before);
  assert.is(await sampleCount(cluster), 'EINVAL');
  const get = await gluster(cluster, ['volume', 'get', cluster.volume, 'brick.task-modules']);
  assert.match(get.stdout, /brick\.task-modules\s+gfind/);
  const all = await gluster(cluster, ['volume', 'reset', cluster.volume]);
  assert.is(all.code, 0, all.stderr);
  const info = await gluster(cluster, ['volume', 'info', cluster.volume]);
  assert.not.match(info.stdout, 'Options Reconfigured');
});

t.run();
