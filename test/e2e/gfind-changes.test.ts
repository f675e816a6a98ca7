import { renameSync } from 'node:fs';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { mountVolume, replicaSets, type Volume } from 'glusterfs-core';
import { BIN, run, startCluster, waitFor, type RunResult, type TestCluster } from '../support/cluster.js';
import { gluster } from '../support/replica.js';

// A real 2 x 2 volume (glusterd and four bricks started by gcluster): `gfind changes` reads the
// bricks' change journals through the brick task service. The feed's window ends a second ago
// (journal batches settle), so each check polls until the expected list shows up.
const t = suite<{ cluster: TestCluster; vol: Volume }>('e2e: gfind changes');

t.before(async (ctx) => {
  ctx.cluster = await startCluster({ bricks: 4, replica: 2 });
  ctx.vol = await mountVolume(ctx.cluster.volumeSpec);
});
t.after(async (ctx) => {
  await ctx.vol?.unmount();
  await ctx.cluster?.stop();
});

function changes(cluster: TestCluster, ...args: string[]): Promise<RunResult> {
  return run(BIN.gfind, ['changes', '--volume', cluster.volumeSpec, ...args]);
}

/** Runs `gfind changes ARGS` until it prints exactly `expected` (the last window ends a second ago). */
async function until(cluster: TestCluster, expected: string[], ...args: string[]): Promise<RunResult> {
  let last: RunResult | undefined;
  try {
    return await waitFor(`gfind changes ${args.join(' ')} to print ${expected.length} changes`, async () => {
      last = await changes(cluster, ...args);
      return last.code === 0 && last.stdout === lines(expected) ? last : undefined;
    }, 15_000);
  } catch (e) {
    assert.equal(last?.stdout.split('\n').filter(Boolean), expected, `${(e as Error).message}\nstderr: ${last?.stderr}`);
    throw e;
  }
}

const lines = (l: string[]) => (l.length ? l.join('\n') + '\n' : '');

// Pre-existing entries (before the session starts) and the changes made to them afterwards.
const SCRIPT_EXPECTED = [
  'NEW /new',
  'NEW /new/created.txt',
  'NEW /new/moved%20here',
  'MODIFY /keep/mod.txt',
  'RENAME /keep/old-name /keep/new%20name',
  'RENAME /keep/chain-a /keep/chain-c',
  'RENAME /keep/mr /keep/mr2',
  'MODIFY /keep/mr2',
  'DELETE /keep/gone',
  'DELETE /keep/tree/sub/leaf',
  'DELETE /keep/tree/sub',
  'MODIFY /keep/attr',
  'NEW /keep/100%25%0Anewline',
];

t('a new session starts now and lists nothing; the scripted changes come out coalesced, in order', async ({ cluster, vol }) => {
  await vol.mkdir('/keep/tree/sub', { recursive: true });
  for (const f of ['mod.txt', 'old-name', 'chain-a', 'mr', 'gone', 'tree/sub/leaf', 'attr']) await vol.writeFile(`/keep/${f}`, `old ${f}`);

  const first = await changes(cluster, '--session', 'backup');
  assert.is(first.code, 0, first.stderr);
  assert.is(first.stdout, '');
  assert.match(first.stderr, /session 'backup' created/);

  await vol.mkdir('/new');
  await vol.writeFile('/new/created.txt', 'fresh');
  await vol.writeFile('/tmp-name', 'moves');
  await vol.rename('/tmp-name', '/new/moved here');
  await vol.writeFile('/ephemeral', 'short-lived');
  await vol.writeFile('/ephemeral', 'rewritten');
  await vol.unlink('/ephemeral');
  await vol.writeFile('/keep/mod.txt', 'changed contents');
  await vol.rename('/keep/old-name', '/keep/new name');
  await vol.rename('/keep/chain-a', '/keep/chain-b');
  await vol.rename('/keep/chain-b', '/keep/chain-c');
  await vol.writeFile('/keep/mr', 'modified, then renamed');
  await vol.rename('/keep/mr', '/keep/mr2');
  await vol.unlink('/keep/gone');
  await vol.unlink('/keep/tree/sub/leaf');
  await vol.rmdir('/keep/tree/sub');
  await vol.setattr('/keep/attr', { mode: 0o600 });
  await vol.writeFile('/keep/100%\nnewline', 'odd name');

  await until(cluster, SCRIPT_EXPECTED, '--session', 'backup');
});

t('without --commit the same window comes again; --json carries GFIDs and types', async ({ cluster, vol }) => {
  const again = await changes(cluster, '--session', 'backup');
  assert.is(again.stdout, lines(SCRIPT_EXPECTED), again.stderr);
  const json = (await changes(cluster, '--session', 'backup', '--json')).stdout.trim().split('\n').map((l) => JSON.parse(l));
  assert.equal(json.map((o) => o.op), SCRIPT_EXPECTED.map((l) => l.split(' ')[0]));
  const rename = json.find((o) => o.op === 'RENAME' && o.newPath === '/keep/new name');
  assert.equal(rename, { op: 'RENAME', path: '/keep/old-name', newPath: '/keep/new name', gfid: (await vol.stat('/keep/new name')).gfid, type: 'f' });
  assert.equal(json[0], { op: 'NEW', path: '/new', gfid: (await vol.stat('/new')).gfid, type: 'd' });
  assert.ok(json.some((o) => o.path === '/keep/100%\nnewline'), 'JSON paths are not quoted');
});

t('--commit moves the point: the next run is empty, then lists only what came after', async ({ cluster, vol }) => {
  const committed = await changes(cluster, '--session', 'backup', '--commit');
  assert.is(committed.stdout, lines(SCRIPT_EXPECTED), committed.stderr);
  const empty = await changes(cluster, '--session', 'backup');
  assert.is(empty.code, 0, empty.stderr);
  assert.is(empty.stdout, '');
  await vol.writeFile('/new/created.txt', 'changed after the commit');
  await until(cluster, ['MODIFY /new/created.txt'], '--session', 'backup', '--commit');
  assert.is((await changes(cluster, '--session', 'backup')).stdout, '');
});

t('with one brick of each replica set SIGKILLed the feed still answers and commits', async ({ cluster, vol }) => {
  await vol.writeFile('/before-kill', 'recorded by both bricks of its set');
  await vol.rename('/keep/new name', '/keep/renamed again');
  await vol.unlink('/new/created.txt');
  const expected = ['NEW /before-kill', 'RENAME /keep/new%20name /keep/renamed%20again', 'DELETE /new/created.txt'];
  await until(cluster, expected, '--session', 'backup');
  const procs = await cluster.status();
  // The first brick of each set answers while it is up (and holds client quorum): kill those,
  // so the window comes from the other brick's journal and the commit reaches only that one.
  // Their directories are moved away first, so glusterd cannot restart them behind our back
  // (it stays up: the CLI gets the volume from it).
  const victims = [cluster.bricks[0], cluster.bricks[2]];
  for (const v of victims) renameSync(v.path, v.path + '.away');
  for (const v of victims) process.kill(procs.find((p) => p.role === 'brick' && p.path === v.path)!.pid, 'SIGKILL');
  try {
    const firsts = replicaSets(vol.volfile).map((set) => vol.graph.xlators.get(set[0])!);
    await waitFor('the client to see both bricks go', async () => firsts.every((x) => x.up === false), 10_000);
    const read = await changes(cluster, '--session', 'backup', '--commit');
    assert.is(read.stdout, lines(expected), read.stderr);
    assert.is(read.code, 0, read.stderr);
    const after = await changes(cluster, '--session', 'backup');
    assert.is(after.stdout, '', after.stderr);
  } finally {
    for (const v of victims) renameSync(v.path + '.away', v.path);
  }
  // Back up, the killed bricks still have the older point: the latest any brick has wins.
  await gluster(cluster, 'volume', 'start', cluster.volume, 'force');
  await waitFor('the killed bricks back', async () =>
    replicaSets(vol.volfile).flat().every((n) => vol.graph.xlators.get(n)!.up === true), 30_000);
  const points = await waitFor('all four bricks in the session list', async () => {
    const list = (await changes(cluster, '--list', '--json')).stdout.trim().split('\n').filter(Boolean).map((l) => JSON.parse(l));
    return list.length === 1 && list[0].bricks === 4 ? list : undefined;
  }, 30_000);
  assert.is(points[0].session, 'backup');
  assert.is((await changes(cluster, '--session', 'backup')).stdout, '');
});

t('--list shows the session, --delete drops it, a one-off --since window needs no session', async ({ cluster, vol }) => {
  const list = await changes(cluster, '--list', '--json');
  const sessions = list.stdout.trim().split('\n').map((l) => JSON.parse(l));
  assert.equal(sessions.map((s) => [s.session, s.volume, s.bricks]), [['backup', cluster.volume, 4]]);
  const table = await changes(cluster, '--list');
  assert.match(table.stdout, /^SESSION +VOLUME +SESSION TIME\n-{75}\nbackup +gv0 +\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\n$/);
  const since = Math.floor(Date.now() / 1000) - 1;
  await vol.writeFile('/one-off', 'x');
  await until(cluster, ['NEW /one-off'], '--since', String(since));
  const del = await changes(cluster, '--session', 'backup', '--delete');
  assert.is(del.code, 0, del.stderr);
  const gone = await changes(cluster, '--session', 'backup', '--delete');
  assert.is(gone.code, 1);
  assert.match(gone.stderr, /session 'backup' does not exist/);
  const bad = await changes(cluster, '--session', '../x');
  assert.is(bad.code, 1);
  assert.match(bad.stderr, /invalid session name/);
});

t.run();
