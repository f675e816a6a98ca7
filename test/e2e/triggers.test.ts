import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { mountVolume } from 'glusterfs-core';
import { BIN, run, startCluster, waitFor, type RunResult, type TestCluster } from '../support/cluster.js';
import { runAsNobody, NOBODY } from '../support/as-nobody.js';

// gtrigger on a real 2 x 2 volume: definitions go through glusterd (root only), the runner on
// each brick follows its change journal and fires once per event on the brick that recorded it,
// next to the data; deliveries survive glusterd and brick restarts without firing twice.
const test = suite<{ c: TestCluster; work: string; hooks: Receiver }>('e2e: gtrigger');

interface Receiver {
  url: string;
  bodies: Record<string, unknown>[];
  server: Server;
}

function gtrigger(c: TestCluster, ...args: string[]): Promise<RunResult> {
  return run(BIN.gtrigger, ['--volume', c.volumeSpec, ...args]);
}

async function ok(r: Promise<RunResult>): Promise<string> {
  const res = await r;
  assert.is(res.code, 0, res.stderr);
  return res.stdout;
}

/** The attempts of a trigger, from every brick (`gtrigger log --json`). */
async function attempts(c: TestCluster, name: string): Promise<Record<string, unknown>[]> {
  const out = await ok(gtrigger(c, 'log', name, '--json', '-n', '1000'));
  return out.split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>);
}

async function withVolume(c: TestCluster, fn: (vol: Awaited<ReturnType<typeof mountVolume>>) => Promise<void>): Promise<void> {
  const vol = await mountVolume(c.volumeSpec);
  try {
    await fn(vol);
  } finally {
    await vol.unmount();
  }
}

function lines(file: string): string[] {
  return existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter(Boolean) : [];
}

/** Resolves after `ms` in which `file` gained no line, asserting it kept `count`: nothing fired twice. */
async function staysAt(file: string, count: number, ms = 1500): Promise<void> {
  await new Promise((r) => setTimeout(r, ms));
  assert.is(lines(file).length, count, `${file} grew: ${lines(file).join(' | ')}`);
}

async function receiver(): Promise<Receiver> {
  const bodies: Record<string, unknown>[] = [];
  const server = createServer(async (req, res) => {
    let text = '';
    for await (const chunk of req) text += chunk;
    bodies.push({ url: req.url, ...(JSON.parse(text) as Record<string, unknown>) });
    res.statusCode = 204;
    res.end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, bodies, server };
}

test.before(async (ctx) => {
  ctx.c = await startCluster({ bricks: 4, replica: 2 });
  ctx.work = mkdtempSync(join(tmpdir(), 'gts-triggers-'));
  chmodSync(ctx.work, 0o777); // the --run-as nobody command writes here
  ctx.hooks = await receiver();
});
test.after(async (ctx) => {
  ctx.hooks?.server.closeAllConnections();
  ctx.hooks?.server.close();
  await ctx.c?.stop();
  rmSync(ctx.work, { recursive: true, force: true });
});

test('defining or removing a trigger without management authority is refused; listing is not', async ({ c }) => {
  await ok(gtrigger(c, 'add', 'probe', '--on', 'create', '--exec', 'true'));
  const add = await runAsNobody(BIN.gtrigger, ['--volume', c.volumeSpec, 'add', 'evil', '--on', 'create', '--exec', 'id > /tmp/pwned']);
  assert.is(add.code, 1);
  assert.match(add.stderr, /gtrigger: trigger add: failed: trigger add changes the pool, so it is accepted only from root on 127\.0\.0\.1 through glusterd's local socket/);
  const remove = await runAsNobody(BIN.gtrigger, ['--volume', c.volumeSpec, 'remove', 'probe']);
  assert.is(remove.code, 1);
  assert.match(remove.stderr, /trigger remove changes the pool, so it is accepted only from root/);
  const list = await runAsNobody(BIN.gtrigger, ['--volume', c.volumeSpec, 'list']);
  assert.is(list.code, 0, list.stderr);
  assert.match(list.stdout, /^NAME\s+ON\s+MATCH\s+RUN-AS\s+TIMEOUT\s+ATTEMPTS\s+ACTION\nprobe\s+create\s+\*\s+root\s+60s\s+5\s+exec true\n$/);
  await ok(gtrigger(c, 'remove', 'probe'));
  assert.is(await ok(gtrigger(c, 'list')), `No triggers on volume ${c.volume}.\n`);
  const dup = await gtrigger(c, 'add', 'x', '--on', 'create', '--exec', 'true', '--webhook', 'http://127.0.0.1:1/');
  assert.is(dup.code, 1);
  assert.is(dup.stderr, 'gtrigger: trigger add: give exactly one of --exec COMMAND and --webhook URL\n');
});

test('a close-write trigger with a glob runs once per matching file, next to its data, within 1 s; a webhook sees every event', async ({ c, work, hooks }) => {
  const out = join(work, 'csv.out');
  await ok(gtrigger(c, 'add', 'csv', '--on', 'close-write', '--match', '*.csv',
    '--exec', `printf '%s|%s|%s|%s\\n' "$GLUSTER_PATH" "$GLUSTER_EVENT" "$GLUSTER_VOLUME" "$(cat "$GLUSTER_BRICK_PATH")" >> ${out}`));
  await ok(gtrigger(c, 'add', 'hook', '--on', 'close-write', '--match', '/in/**', '--webhook', `${hooks.url}/written`));
  await ok(gtrigger(c, 'add', 'who', '--on', 'create', '--match', 'who-*', '--run-as', 'nobody', '--exec', `id -u >> ${work}/who.out`));
  // The runners see new definitions within a second.
  await new Promise((r) => setTimeout(r, 1500));
  const csv = Array.from({ length: 24 }, (_, i) => `/in/d${i % 3}/f${i}.csv`);
  const other = Array.from({ length: 8 }, (_, i) => `/in/d${i % 3}/f${i}.txt`);
  await withVolume(c, async (vol) => {
    for (const d of ['/in', '/in/d0', '/in/d1', '/in/d2']) await vol.mkdir(d);
    for (const p of [...csv, ...other]) await vol.writeFile(p, `content of ${p}`);
    await vol.writeFile('/top.csv', 'content of /top.csv');
    await vol.writeFile('/who-1', '');
  });
  const want = [...csv, '/top.csv'].map((p) => `${p}|close-write|${c.volume}|content of ${p}`).sort();
  await waitFor('every csv file fired', async () => lines(out).length >= want.length, 15_000);
  await staysAt(out, want.length);
  assert.equal(lines(out).sort(), want);

  const written = hooks.bodies.filter((b) => b.url === '/written');
  assert.equal(written.map((b) => b.path).sort(), [...csv, ...other].sort());
  const one = written.find((b) => b.path === csv[0])!;
  assert.equal(Object.keys(one).sort(), ['brick', 'event', 'gfid', 'path', 'trigger', 'ts', 'url', 'volume']);
  assert.is(one.event, 'close-write');
  assert.is(one.trigger, 'hook');
  assert.match(String(one.brick), /^127\.0\.0\.1:\/.*\/bricks\/b[1-4]$/);

  assert.equal(lines(join(work, 'who.out')), [String(NOBODY)]);
  const log = await attempts(c, 'csv');
  assert.is(log.length, want.length);
  for (const e of log) {
    assert.is(e.outcome, 'ok');
    assert.is(e.exitCode, 0);
    assert.ok((e.time as number) - (e.eventTs as number) < 1000, `${String(e.path)} started ${(e.time as number) - (e.eventTs as number)} ms after its close`);
  }
  // Each replica set's events fire on one of its bricks only: both sets took part.
  assert.is(new Set(log.map((e) => e.brick)).size >= 2, true);
});

test('renames and deletes reach their webhooks once each, with the old path', async ({ c, hooks }) => {
  await ok(gtrigger(c, 'add', 'moves', '--on', 'rename', '--webhook', `${hooks.url}/moved`));
  await ok(gtrigger(c, 'add', 'deletes', '--on', 'delete', '--match', '/mv/**', '--webhook', `${hooks.url}/deleted`));
  await new Promise((r) => setTimeout(r, 1500));
  const names = Array.from({ length: 12 }, (_, i) => `/mv/n${i}`);
  await withVolume(c, async (vol) => {
    await vol.mkdir('/mv');
    for (const p of names) await vol.writeFile(p, 'x');
    for (const p of names) await vol.rename(p, `${p}.renamed`);
    for (const p of names) await vol.unlink(`${p}.renamed`);
  });
  const moved = () => hooks.bodies.filter((b) => b.url === '/moved');
  const deleted = () => hooks.bodies.filter((b) => b.url === '/deleted');
  await waitFor('every rename and delete', async () => moved().length >= names.length && deleted().length >= names.length, 15_000);
  await new Promise((r) => setTimeout(r, 1500));
  assert.equal(moved().map((b) => `${String(b.oldPath)} -> ${String(b.path)}`).sort(), names.map((p) => `${p} -> ${p}.renamed`).sort());
  assert.equal(deleted().map((b) => b.path).sort(), names.map((p) => `${p}.renamed`).sort());
});

test('a failing command is logged with its exit code and output tail; a hanging one is killed after its timeout', async ({ c, work }) => {
  const pidFile = join(work, 'hang.pid');
  await ok(gtrigger(c, 'add', 'fails', '--on', 'create', '--match', 'fail-*', '--attempts', '2', '--retry-max', '1',
    '--exec', 'echo "cannot process $GLUSTER_PATH" >&2; exit 7'));
  await ok(gtrigger(c, 'add', 'hangs', '--on', 'create', '--match', 'hang-*', '--timeout', '1', '--attempts', '1',
    '--exec', `echo started; sleep 60 & echo $! > ${pidFile}; wait`));
  await new Promise((r) => setTimeout(r, 1500));
  await withVolume(c, async (vol) => {
    await vol.writeFile('/fail-1', '');
    await vol.writeFile('/hang-1', '');
  });
  const fails = await waitFor('two attempts of fails', async () => {
    const a = await attempts(c, 'fails');
    return a.length >= 2 ? a : undefined;
  });
  assert.equal(fails.map((e) => [e.attempt, e.outcome, e.exitCode, e.output]), [
    [1, 'failed', 7, 'cannot process /fail-1\n'],
    [2, 'gave-up', 7, 'cannot process /fail-1\n'],
  ]);
  const text = await ok(gtrigger(c, 'log', 'fails'));
  assert.match(text, /create \/fail-1: FAILED, exit 7 in \d+ ms \(attempt 1, \d+ ms after the event, retry at [0-9T:.Z-]+\)\n  \| cannot process \/fail-1\n/);
  assert.match(text, /create \/fail-1: FAILED, exit 7 in \d+ ms \(attempt 2, \d+ ms after the event, gave up\)\n  \| cannot process \/fail-1\n$/);

  const [hang] = await waitFor('the hanging command timed out', async () => {
    const a = await attempts(c, 'hangs');
    return a.length ? a : undefined;
  });
  assert.is(hang!.outcome, 'gave-up');
  assert.is(hang!.timedOut, true);
  assert.is(hang!.signal, 'SIGTERM');
  assert.is(hang!.output, 'started\n');
  assert.ok((hang!.durationMs as number) >= 1000 && (hang!.durationMs as number) < 3000, `ran ${String(hang!.durationMs)} ms`);
  const pid = Number(readFileSync(pidFile, 'utf8'));
  await waitFor('the command\'s child is gone too', async () => !existsSync(`/proc/${pid}`), 3000);
});

test('deliveries survive a glusterd restart and a brick restart between event and delivery, and never fire twice', async ({ c, work }) => {
  const gate = join(work, 'gate');
  const out = join(work, 'gated.out');
  await ok(gtrigger(c, 'add', 'gated', '--on', 'close-write', '--match', '*.dat', '--attempts', '100', '--retry-max', '1',
    '--exec', `test -e ${gate} || { echo gate closed; exit 1; }; echo "$GLUSTER_PATH" >> ${out}`));
  await new Promise((r) => setTimeout(r, 1500));
  const files = Array.from({ length: 10 }, (_, i) => `/r${i}.dat`);
  await withVolume(c, async (vol) => {
    for (const p of files) await vol.writeFile(p, p);
  });
  // Every event is pending (it failed once) before anything restarts.
  await waitFor('a failed attempt for every file', async () =>
    new Set((await attempts(c, 'gated')).map((e) => e.path)).size === files.length);

  const procs = await c.status();
  const glusterd = procs.find((p) => p.role === 'glusterd')!;
  const bricksBefore = procs.filter((p) => p.role === 'brick');
  process.kill(glusterd.pid, 'SIGKILL');
  const mgmtPort = c.mgmt.slice(c.mgmt.lastIndexOf(':') + 1);
  const up = await run(BIN.gcluster, ['up', '--home', c.home, '--bricks', '4', '--replica', '2', '--port-base', mgmtPort, '--no-hdfs', '--json']);
  assert.is(up.code, 0, up.stderr);
  const after = await c.status();
  assert.ok(after.find((p) => p.role === 'glusterd')!.pid !== glusterd.pid, 'a new glusterd runs');
  for (const b of after.filter((p) => p.role === 'brick')) {
    assert.not.ok(bricksBefore.some((o) => o.pid === b.pid), `brick ${b.path ?? ''} was restarted by the new glusterd`);
  }
  // And one brick SIGKILLed outright, restarted by glusterd.
  const victim = after.find((p) => p.role === 'brick')!;
  process.kill(victim.pid, 'SIGKILL');
  await waitFor('the killed brick is back', async () =>
    (await c.status()).some((p) => p.role === 'brick' && p.path === victim.path && p.pid !== victim.pid), 30_000);
  assert.equal(lines(out), [], 'nothing was delivered while the gate was closed');

  writeFileSync(gate, '');
  await waitFor('every gated file delivered', async () => lines(out).length >= files.length, 20_000);
  await staysAt(out, files.length);
  assert.equal(lines(out).sort(), [...files].sort());

  // Once delivered, a further brick restart replays nothing.
  const again = (await c.status()).find((p) => p.role === 'brick')!;
  process.kill(again.pid, 'SIGKILL');
  await waitFor('the brick is back again', async () =>
    (await c.status()).some((p) => p.role === 'brick' && p.path === again.path && p.pid !== again.pid), 30_000);
  await staysAt(out, files.length, 2000);
});

test('a removed trigger stops firing and its journal checkpoint goes from every brick', async ({ c, work }) => {
  const out = join(work, 'csv.out');
  const before = lines(out).length;
  await ok(gtrigger(c, 'remove', 'csv'));
  await waitFor('the checkpoints are gone', async () =>
    c.bricks.every((b) => !existsSync(join(b.path, '.glusterfs/changelogs/consumers/trigger.csv.json'))), 5000);
  await withVolume(c, async (vol) => {
    await vol.writeFile('/after-remove.csv', 'x');
  });
  await staysAt(out, before);
  const list = await ok(gtrigger(c, 'list', '--json'));
  assert.not.match(list, /"name":"csv"/);
});

test.run();
