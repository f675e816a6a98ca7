import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { mountVolume, type BrickHealInfo, type VolumeStatusReport } from 'glusterfs-core';
import { BIN, run, startCluster, waitFor, type RunResult, type TestCluster } from '../support/cluster.js';

// `gluster volume heal` on a real replica 2 volume: a brick is SIGKILLed while glusterd is
// frozen (so it stays dead), files are written through the API, then glusterd restarts the
// brick. The self-heal daemon is off meanwhile, so what needs heal stays put for `heal info`
// to list; `heal enable` brings the daemon back and `heal --wait` returns once it drained.
const test = suite<{ cluster: TestCluster }>('e2e: gluster volume heal');
const FILES = Array.from({ length: 10 }, (_, i) => [`/h/f${i}`, `written while brick 2 was down: ${i}\n`.repeat(i + 1)] as const);

function gluster(cluster: TestCluster, args: string[]): Promise<RunResult> {
  return run(BIN.gluster, [`--remote-host=${cluster.mgmt}`, '--mode=script', ...args]);
}

async function healInfo(cluster: TestCluster): Promise<BrickHealInfo[]> {
  const r = await gluster(cluster, ['volume', 'heal', cluster.volume, 'info', '--json']);
  assert.is(r.code, 0, r.stderr);
  return JSON.parse(r.stdout) as BrickHealInfo[];
}

test.before(async (ctx) => {
  ctx.cluster = await startCluster({ bricks: 2, replica: 2 });
});
test.after(async (ctx) => {
  await ctx.cluster?.stop();
});

test('a replica 2 cluster runs one self-heal daemon; heal disable stops it and heal refuses to launch', async ({ cluster }) => {
  const procs = await cluster.status();
  assert.is(procs.filter((p) => p.role === 'glustershd').length, 1, JSON.stringify(procs));
  const off = await gluster(cluster, ['volume', 'heal', cluster.volume, 'disable']);
  assert.is(off.stdout, `Disable heal on volume ${cluster.volume} has been successful \n`, off.stderr);
  await waitFor('the self-heal daemon to stop', async () => !(await cluster.status()).some((p) => p.role === 'glustershd'));
  const refused = await gluster(cluster, ['volume', 'heal', cluster.volume]);
  assert.is(refused.code, 1);
  assert.is(refused.stderr, `Launching heal operation to perform index self heal on volume ${cluster.volume} has been unsuccessful:\nSelf-heal-daemon is disabled. Heal will not be triggered on volume ${cluster.volume}. Turn it on with \`gluster volume set ${cluster.volume} cluster.self-heal-daemon on\`.\n`);
});

test('files written while a brick was down are listed under the good brick, and heal --wait drains them', async ({ cluster }) => {
  const [good, bad] = cluster.bricks;
  const procs = await cluster.status();
  const glusterd = procs.find((p) => p.role === 'glusterd')!;
  const victim = procs.find((p) => p.role === 'brick' && p.path === bad.path)!;
  const vol = await mountVolume(cluster.volumeSpec);
  let mounted = true;
  try {
    await vol.mkdir('/h');
    // Freeze glusterd so the dead brick stays dead while we write; it restarts it once resumed.
    process.kill(glusterd.pid, 'SIGSTOP');
    try {
      process.kill(victim.pid, 'SIGKILL');
      for (const [path, data] of FILES) {
        await waitFor(`${path} written with one brick down`, async () => { await vol.writeFile(path, data); return true; }, 10_000);
      }
      // Unmounted before the brick returns, so no lookup of ours heals anything behind heal info's back.
      mounted = false;
      await vol.unmount();
    } finally {
      process.kill(glusterd.pid, 'SIGCONT');
    }
  } finally {
    if (mounted) await vol.unmount();
  }
  await waitFor('glusterd to restart the killed brick', async () => {
    const b = (await cluster.status()).find((p) => p.role === 'brick' && p.path === bad.path);
    return b && b.pid !== victim.pid;
  }, 30_000);

  const info = await healInfo(cluster);
  assert.equal(info.map((b) => b.brick), [`${good.host}:${good.path}`, `${bad.host}:${bad.path}`]);
  assert.ok(info.every((b) => b.up), 'both bricks answer');
  const listed = new Set(info[0].entries.map((e) => e.path));
  for (const [path] of FILES) assert.ok(listed.has(path), `${path} is listed under the good brick: ${[...listed].join(' ')}`);
  assert.is(info[1].entries.length, 0, 'nothing is pending on the brick that was down');
  const text = (await gluster(cluster, ['volume', 'heal', cluster.volume, 'info'])).stdout;
  assert.ok(text.startsWith(`Brick ${good.host}:${good.path}\n`), text);
  assert.ok(text.includes(`Status: Connected\nNumber of entries: ${info[0].entries.length}\n\nBrick ${bad.host}:${bad.path}\nStatus: Connected\nNumber of entries: 0\n\n`), text);
  const count = (await gluster(cluster, ['volume', 'heal', cluster.volume, 'statistics', 'heal-count'])).stdout;
  assert.is(count, `Gathering count of entries to be healed on volume ${cluster.volume} has been successful\n\nBrick ${good.host}:${good.path}\nNumber of entries: ${info[0].entries.length}\n\nBrick ${bad.host}:${bad.path}\nNumber of entries: 0\n\n`);

  const on = await gluster(cluster, ['volume', 'heal', cluster.volume, 'enable']);
  assert.is(on.stdout, `Enable heal on volume ${cluster.volume} has been successful \n`, on.stderr);
  const [status] = JSON.parse((await gluster(cluster, ['volume', 'status', cluster.volume, '--json'])).stdout) as VolumeStatusReport[];
  assert.ok(status.selfHeal.length === 1 && status.selfHeal[0].online, JSON.stringify(status.selfHeal));
  const healed = await gluster(cluster, ['volume', 'heal', cluster.volume, '--wait', '--timeout', '60']);
  assert.is(healed.stderr, '');
  assert.is(healed.stdout, `Launching heal operation to perform index self heal on volume ${cluster.volume} has been successful \nUse heal info commands to check status.\nHeal on volume ${cluster.volume} is complete: no entries pending.\n`);
  assert.ok((await healInfo(cluster)).every((b) => b.up && b.entries.length === 0), 'heal info shows 0 entries');
  for (const [path, data] of FILES) assert.is(readFileSync(join(bad.path, path), 'utf8'), data, `${path} on the healed brick`);

  const stats = await gluster(cluster, ['volume', 'heal', cluster.volume, 'statistics']);
  assert.is(stats.code, 0, stats.stderr);
  assert.ok(stats.stdout.startsWith(`Gathering crawl statistics on volume ${cluster.volume} has been successful \n`), stats.stdout);
  // Healing /h may bring its files along (one entry healed, their data moved), so count bytes.
  const sum = (re: RegExp) => [...stats.stdout.matchAll(re)].reduce((n, m) => n + Number(m[1]), 0);
  assert.ok(sum(/No\. of entries healed: (\d+)/g) >= 1, stats.stdout);
  assert.ok(sum(/Bytes moved: (\d+)/g) >= FILES.reduce((n, [, data]) => n + data.length, 0), stats.stdout);
});

test('a full heal launches on every server and heal info summary reports a clean volume', async ({ cluster }) => {
  assert.is((await gluster(cluster, ['volume', 'heal', cluster.volume, 'enable'])).code, 0);
  const full = await gluster(cluster, ['volume', 'heal', cluster.volume, 'full', '--wait', '--timeout', '60']);
  assert.is(full.code, 0, full.stderr);
  assert.ok(full.stdout.startsWith(`Launching heal operation to perform full self heal on volume ${cluster.volume} has been successful \n`));
  const summary = (await gluster(cluster, ['volume', 'heal', cluster.volume, 'info', 'summary'])).stdout;
  for (const b of cluster.bricks) {
    assert.ok(summary.includes(`Brick ${b.host}:${b.path}\nStatus: Connected\nTotal Number of entries: 0\nNumber of entries in heal pending: 0\nNumber of entries in split-brain: 0\nNumber of entries possibly healing: 0\n`), summary);
  }
});

test.run();
