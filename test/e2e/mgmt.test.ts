import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdirSync } from 'node:fs';
import { connectGlusterd, MgmtClient, parseVolfile, resolveXlator, type FsError, type VolumeStatusReport } from 'glusterfs-core';
import { BIN, freePortBase, run, waitFor, type RunResult } from '../support/cluster.js';

// Two real glusterd processes on 127.0.0.1 and 127.0.0.2 (different ports, so probing by
// host:port is exercised), driven with the `gluster` CLI as a user types it.
const test = suite('e2e/mgmt');

interface Daemon { host: string; port: number; child: ChildProcess; workdir: string }
let home = '';
let base = 0;
const daemons: Daemon[] = [];
const hostSpec = (d: Daemon) => `${d.host}:${d.port}`;
const brick = (name: string) => join(home, 'bricks', name);

function startGlusterd(host: string, port: number, brickBase: number): Promise<Daemon> {
  const workdir = join(home, `glusterd-${host}`);
  const args = [BIN.glusterd, '--workdir', workdir, '--host', host, '--port', String(port),
    '--brick-port-base', String(brickBase), '--log-file', join(home, `glusterd-${host}.log`)];
  // Lets a developer try another brick server build; the suite uses the real glusterfsd.
  if (process.env.GLUSTERFSD_BIN) args.push('--glusterfsd', process.env.GLUSTERFSD_BIN);
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`glusterd ${host} exited with ${code} before READY`)));
    createInterface({ input: child.stdout! }).on('line', (line) => {
      if (line.startsWith('READY ')) resolve({ host, port, child, workdir });
    });
  });
}

/** Runs `gluster` against glusterd `d` (default the first), in script mode. */
function gluster(args: string[], d: Daemon | string = daemons[0]): Promise<RunResult> {
  const remote = typeof d === 'string' ? d : hostSpec(d);
  return run(BIN.gluster, [`--remote-host=${remote}`, '--mode=script', ...args]);
}

async function statusJson(d: Daemon = daemons[0]): Promise<VolumeStatusReport> {
  const r = await gluster(['volume', 'status', 'gv0', '--json'], d);
  assert.is(r.code, 0, r.stderr);
  return (JSON.parse(r.stdout) as VolumeStatusReport[])[0];
}

function alive(pid: number): boolean {
  try { process.kill(pid, 0); return true; } catch { return false; }
}

test.before(async () => {
  home = mkdtempSync(join(tmpdir(), 'gts-mgmt-'));
  base = await freePortBase(30);
  daemons.push(await startGlusterd('127.0.0.1', base, base + 1));
  daemons.push(await startGlusterd('127.0.0.2', base + 15, base + 16));
});

test.after(async () => {
  for (const d of daemons) {
    if (d.child.exitCode !== null) continue;
    const exited = new Promise((r) => d.child.once('exit', r));
    d.child.kill('SIGTERM');
    await exited;
  }
  rmSync(home, { recursive: true, force: true });
});

test('gluster without a running glusterd says how to start one and exits 1', async () => {
  const r = await gluster(['volume', 'list'], `127.0.0.1:${base + 29}`);
  assert.is(r.code, 1);
  assert.is(r.stdout, '');
  assert.is(r.stderr, `Connection failed. Please check if gluster daemon is operational (is glusterd running on 127.0.0.1:${base + 29}? start one with \`npm start\` or \`gcluster up --home DIR\`, or point --remote-host / $GLUSTER_REMOTE_HOST at a running one)\n`);
});

test('peer probe joins the second glusterd; both then list each other as connected', async () => {
  const [a, b] = daemons;
  const r = await gluster(['peer', 'probe', hostSpec(b)]);
  assert.is(r.stderr, '');
  assert.is(r.stdout, 'peer probe: success\n');
  assert.is((await gluster(['peer', 'probe', hostSpec(b)])).stdout, `peer probe: success. Host ${b.host} port ${b.port} already in peer list\n`);
  assert.is((await gluster(['peer', 'probe', hostSpec(a)])).stdout, 'peer probe: success. Probe on localhost not needed\n');
  for (const [me, other] of [[a, b], [b, a]]) {
    await waitFor(`${me.host} to see ${other.host} connected`, async () => {
      const peers = JSON.parse((await gluster(['peer', 'status', '--json'], me)).stdout) as { host: string; connected: boolean }[];
      return peers.length === 1 && peers[0].host === other.host && peers[0].connected;
    });
  }
  const text = (await gluster(['peer', 'status'], b)).stdout;
  assert.match(text, /^Number of Peers: 1\n\nHostname: 127\.0\.0\.1\nUuid: [0-9a-f-]{36}\nState: Peer in Cluster \(Connected\)\n$/);
});

test('volume create refuses bad layouts with GlusterFS messages and exit code 1', async () => {
  const cases: [string[], string][] = [
    [['127.0.0.1:' + brick('x'), '127.0.0.2:' + brick('y'), '127.0.0.1:' + brick('x')],
      `volume create: gv0: failed: Found duplicate exports 127.0.0.1:${brick('x')}. Name each brick directory once.\n`],
    [['127.0.0.1:' + brick('x'), '127.0.0.1:' + brick('x/inner')],
      `volume create: gv0: failed: Brick: 127.0.0.1:${brick('x')} not available. Brick may be containing or be contained by an existing brick. Use a directory that is neither inside nor above another brick.\n`],
    [['replica', '2', '127.0.0.1:' + brick('x'), '127.0.0.2:' + brick('y'), '127.0.0.1:' + brick('z')],
      'volume create: gv0: failed: number of bricks is not a multiple of replica count. With replica 2 give 2, 4, 6, … bricks (got 3).\n'],
    [['127.0.0.9:' + brick('x')],
      "volume create: gv0: failed: Host 127.0.0.9 is not in 'Peer in Cluster' state. Add it to the pool first with `gluster peer probe 127.0.0.9`.\n"],
    [['127.0.0.1:bricks/x'],
      'volume create: gv0: failed: wrong brick type: 127.0.0.1:bricks/x, use <HOSTNAME>:<export-dir-abs-path>\n'],
  ];
  for (const [words, message] of cases) {
    const r = await gluster(['volume', 'create', 'gv0', ...words]);
    assert.is(r.stderr, message, words.join(' '));
    assert.is(r.code, 1);
    assert.is(r.stdout, '');
  }
  const none = await gluster(['volume', 'list']);
  assert.is(none.stdout, 'No volumes present in cluster\n');
});

test('a distribute volume over both servers starts with every brick online and its pid', async () => {
  const bricks = ['127.0.0.1:' + brick('b1'), '127.0.0.2:' + brick('b2'), '127.0.0.1:' + brick('b3'), '127.0.0.2:' + brick('b4')];
  const created = await gluster(['volume', 'create', 'gv0', ...bricks]);
  assert.is(created.stderr, '');
  assert.is(created.stdout, 'volume create: gv0: success: please start the volume to access data\n');
  const taken = await gluster(['volume', 'create', 'gv0', '127.0.0.1:' + brick('other')]);
  assert.is(taken.code, 1);
  assert.is(taken.stderr, 'volume create: gv0: failed: Volume gv0 already exists. Pick another name, or remove the old one with `gluster volume stop gv0` and `gluster volume delete gv0`.\n');
  const nested = await gluster(['volume', 'create', 'gv1', '127.0.0.2:' + brick('b2/sub')]);
  assert.is(nested.stderr, `volume create: gv1: failed: Brick: 127.0.0.2:${brick('b2/sub')} not available. Brick may be containing or be contained by an existing brick. Use a directory that is neither inside nor above another brick.\n`);

  const info = (await gluster(['volume', 'info', 'gv0'], daemons[1])).stdout;
  assert.match(info, /\nVolume Name: gv0\nType: Distribute\nVolume ID: [0-9a-f-]{36}\nStatus: Created\n/);
  assert.ok(info.includes(`Number of Bricks: 4\nTransport-type: tcp\nBricks:\nBrick1: ${bricks[0]}\nBrick2: ${bricks[1]}\n`), info);

  const started = await gluster(['volume', 'start', 'gv0'], daemons[1]);
  assert.is(started.stderr, '');
  assert.is(started.stdout, 'volume start: gv0: success\n');
  const again = await gluster(['volume', 'start', 'gv0']);
  assert.is(again.code, 1);
  assert.ok(again.stderr.startsWith('volume start: gv0: failed: Volume gv0 already started.'), again.stderr);

  for (const d of daemons) {
    const s = await statusJson(d);
    assert.equal(s.bricks.map((b) => `${b.host}:${b.path}`), bricks);
    for (const b of s.bricks) {
      assert.ok(b.online && b.pid && b.port, `${b.host}:${b.path} online with pid and port`);
      assert.ok(alive(b.pid!), `pid ${b.pid} is alive`);
    }
  }
  const text = (await gluster(['volume', 'status', 'gv0'])).stdout;
  assert.ok(text.startsWith('Status of volume: gv0\nGluster process'), text);
  // Long brick names put the columns on the next line, as GlusterFS does.
  assert.is(text.split('\n').filter((l) => /\s\d+ +0 +Y +\d+$/.test(l)).length, 4, text);

  // The volfile carries the volume's credentials: root gets it through glusterd's socket, a
  // client over TCP does not.
  const { client, local } = await connectGlusterd(daemons[1].host, daemons[1].port);
  const anonymous = await MgmtClient.connect(daemons[1].host, daemons[1].port);
  try {
    assert.ok(local, 'root on the server reaches glusterd through its socket');
    const vf = parseVolfile(await client.getSpec('gv0'));
    assert.is(vf.top, 'gv0');
    const c1 = vf.nodes.find((n) => n.name === 'gv0-client-1')!;
    const { password, ...rest } = c1.options;
    assert.equal(rest, { 'remote-host': '127.0.0.2', 'remote-port': daemons[1].port, 'remote-subvolume': brick('b2'), username: 'trusted' });
    assert.match(String(password), /^[0-9a-f]{64}$/);
    const refused = await anonymous.getSpec('gv0').then(() => 'served', (e: FsError) => e.code);
    assert.is(refused, 'EACCES');
    const port = await anonymous.portByBrick(brick('b2'));
    assert.is(port, (await statusJson()).bricks[1].port);
  } finally {
    await client.close();
    await anonymous.close();
  }
});

test('glusterd restarts a SIGKILLed brick, which comes back online with a new pid', async () => {
  const before = (await statusJson()).bricks[3];
  process.kill(before.pid!, 'SIGKILL');
  const after = await waitFor('the killed brick to be back online', async () => {
    const b = (await statusJson()).bricks[3];
    return b.online && b.pid !== before.pid ? b : undefined;
  }, 30_000);
  assert.ok(alive(after.pid!));
  assert.is(after.port, before.port, 'a restarted brick keeps its port');
});

test('stop and delete take the volume away everywhere and stop its bricks', async () => {
  const pids = (await statusJson()).bricks.map((b) => b.pid!);
  const delStarted = await gluster(['volume', 'delete', 'gv0']);
  assert.is(delStarted.code, 1);
  assert.is(delStarted.stderr, 'volume delete: gv0: failed: Volume gv0 has been started.Volume needs to be stopped before deletion. Run `gluster volume stop gv0` first.\n');

  const stopped = await gluster(['volume', 'stop', 'gv0']);
  assert.is(stopped.stderr, '');
  assert.is(stopped.stdout, 'volume stop: gv0: success\n');
  for (const pid of pids) assert.not.ok(alive(pid), `brick pid ${pid} is gone`);
  const status = await gluster(['volume', 'status', 'gv0'], daemons[1]);
  assert.is(status.code, 1);
  assert.is(status.stderr, 'Volume gv0 is not started. Start it with `gluster volume start gv0`.\n');

  const detach = await gluster(['peer', 'detach', '127.0.0.2']);
  assert.is(detach.code, 1);
  assert.is(detach.stderr, 'peer detach: failed: Peer 127.0.0.2 hosts one or more bricks (volumes: gv0). Stop and delete those volumes first, then detach the peer.\n');

  const deleted = await gluster(['volume', 'delete', 'gv0'], daemons[1]);
  assert.is(deleted.stdout, 'volume delete: gv0: success\n');
  for (const d of daemons) assert.is((await gluster(['volume', 'list'], d)).stdout, 'No volumes present in cluster\n');
  const missing = await gluster(['volume', 'info', 'gv0']);
  assert.is(missing.code, 1);
  assert.is(missing.stderr, 'Volume gv0 does not exist. `gluster volume list` shows the volumes of this pool.\n');
});

test('replica 3 arbiter 1 makes the third brick of each set an arbiter; other arbiter counts are refused', async () => {
  const usage = 'Usage:\nvolume create <NEW-VOLNAME> [replica <COUNT> [arbiter <COUNT>]] [transport <tcp>] <NEW-BRICK>... [force]';
  const refusal = "For arbiter configuration, replica count must be 3 and arbiter count must be 1. The 3rd brick of the replica will be the arbiter. Write 'replica 3 arbiter 1' followed by bricks in multiples of 3.";
  for (const words of [['replica', '2', 'arbiter', '1'], ['replica', '3', 'arbiter', '2'], ['arbiter', '1']]) {
    const r = await gluster(['volume', 'create', 'arb', ...words, '127.0.0.1:' + brick('a1'), '127.0.0.2:' + brick('a2'), '127.0.0.1:' + brick('a3')]);
    assert.is(r.code, 1, words.join(' '));
    assert.is(r.stderr, `${refusal}\n\n${usage}\n`, words.join(' '));
  }
  const bricks = ['127.0.0.1:' + brick('a1'), '127.0.0.2:' + brick('a2'), '127.0.0.1:' + brick('a3')];
  const created = await gluster(['volume', 'create', 'arb', 'replica', '3', 'arbiter', '1', ...bricks, 'force']);
  assert.is(created.stderr, '');
  assert.is(created.stdout, 'volume create: arb: success: please start the volume to access data\n');
  const info = (await gluster(['volume', 'info', 'arb'], daemons[1])).stdout;
  assert.ok(info.includes(`Type: Replicate\n`), info);
  assert.ok(info.includes(`Number of Bricks: 1 x (2 + 1) = 3\nTransport-type: tcp\nBricks:\nBrick1: ${bricks[0]}\nBrick2: ${bricks[1]}\nBrick3: ${bricks[2]} (arbiter)\n`), info);
  const [json] = JSON.parse((await gluster(['volume', 'info', 'arb', '--json'])).stdout) as { arbiterCount?: number; replicaCount: number }[];
  assert.is(json.arbiterCount, 1);
  assert.is(json.replicaCount, 3);
  assert.is((await gluster(['volume', 'delete', 'arb'])).code, 0);
});

test('a replica volume runs a self-heal daemon on each of its servers, which volume status lists, and heal refuses what it cannot do', async () => {
  const dist = await gluster(['volume', 'create', 'plain', '127.0.0.1:' + brick('p1')]);
  assert.is(dist.code, 0, dist.stderr);
  const notRep = await gluster(['volume', 'heal', 'plain']);
  assert.is(notRep.code, 1);
  assert.is(notRep.stderr, "Launching heal operation to perform index self heal on volume plain has been unsuccessful:\nVolume plain is not of type replicate. Heal applies only to replicated volumes (created with 'replica N'); `gluster volume info plain` shows its type.\n");
  const notRepInfo = await gluster(['volume', 'heal', 'plain', 'info']);
  assert.is(notRepInfo.code, 1);
  assert.is(notRepInfo.stderr, "Volume plain is not of type replicate. Heal applies only to replicated volumes (created with 'replica N'); `gluster volume info plain` shows its type.\n");
  assert.is((await gluster(['volume', 'delete', 'plain'])).code, 0);

  const r = await gluster(['volume', 'create', 'rv', 'replica', '2', '127.0.0.1:' + brick('r1'), '127.0.0.2:' + brick('r2')]);
  assert.is(r.code, 0, r.stderr);
  const stopped = await gluster(['volume', 'heal', 'rv', 'full']);
  assert.is(stopped.code, 1);
  assert.is(stopped.stderr, 'Launching heal operation to perform full self heal on volume rv has been unsuccessful:\nVolume rv is not started. Start it with `gluster volume start rv`.\n');
  const start = await gluster(['volume', 'start', 'rv']);
  assert.is(start.stdout, 'volume start: rv: success\n', start.stderr);

  const report = JSON.parse((await gluster(['volume', 'status', 'rv', '--json'], daemons[1])).stdout) as VolumeStatusReport[];
  const shd = report[0].selfHeal;
  assert.equal(shd.map((d) => d.host), ['127.0.0.1', '127.0.0.2']);
  for (const d of shd) assert.ok(d.online && d.pid && alive(d.pid), `self-heal daemon on ${d.host} runs`);
  const text = (await gluster(['volume', 'status', 'rv'])).stdout;
  for (const d of shd) {
    assert.ok(text.split('\n').some((l) => new RegExp(`^Self-heal Daemon on ${d.host.replaceAll('.', '\\.')} +N/A +N/A +Y +${d.pid}$`).test(l)), text);
  }
  const heal = await gluster(['volume', 'heal', 'rv'], daemons[1]);
  assert.is(heal.stderr, '');
  assert.is(heal.stdout, 'Launching heal operation to perform index self heal on volume rv has been successful \nUse heal info commands to check status.\n');
  const stats = JSON.parse((await gluster(['volume', 'heal', 'rv', 'statistics', '--json'])).stdout) as { host: string; statistics?: unknown; error?: string }[];
  assert.equal(stats.map((h) => h.host), ['127.0.0.1', '127.0.0.2']);
  for (const h of stats) assert.ok(h.statistics && !h.error, `${h.host}: ${h.error}`);
  assert.is((await gluster(['volume', 'stop', 'rv'])).code, 0);
  for (const d of shd) await waitFor(`the self-heal daemon on ${d.host} to stop`, async () => !alive(d.pid!));
  assert.is((await gluster(['volume', 'delete', 'rv'])).code, 0);
});

test('a replica volume is created but refuses to start while there is no replicate translator', async () => {
  if (resolveXlator('cluster/afr')) return; // replication exists: nothing to refuse any more
  const r = await gluster(['volume', 'create', 'rv', 'replica', '2', '127.0.0.1:' + brick('r1'), '127.0.0.2:' + brick('r2')]);
  assert.is(r.stdout, 'volume create: rv: success: please start the volume to access data\n');
  assert.match((await gluster(['volume', 'info', 'rv'])).stdout, /Type: Replicate\n[^]*Number of Bricks: 1 x 2 = 2\n/);
  const start = await gluster(['volume', 'start', 'rv']);
  assert.is(start.code, 1);
  assert.is(start.stderr, "volume start: rv: failed: Volume rv is a replica 2 volume, but this build has no replicate translator (cluster/afr), and a replicated volume is never served unreplicated. Create a distribute volume (no 'replica' keyword) until replication is available.\n");
  assert.is((await gluster(['volume', 'delete', 'rv'])).stdout, 'volume delete: rv: success\n');
});

test('a brick whose directory vanished is reported, not restarted forever', async () => {
  assert.is((await gluster(['volume', 'create', 'gone', '127.0.0.2:' + brick('gone1')])).code, 0);
  rmSync(brick('gone1'), { recursive: true });
  const start = await gluster(['volume', 'start', 'gone']);
  assert.is(start.code, 1);
  assert.ok(start.stderr.startsWith(`volume start: gone: failed: Commit failed on 127.0.0.2. Brick 127.0.0.2:${brick('gone1')}: brick directory ${brick('gone1')} is unreachable (ENOENT)`), start.stderr);
  const s = JSON.parse((await gluster(['volume', 'status', 'gone', '--json'])).stdout) as VolumeStatusReport[];
  assert.is(s[0].bricks[0].online, false);
  assert.ok(s[0].bricks[0].error?.includes('unreachable'));
  mkdirSync(brick('gone1'));
  assert.is((await gluster(['volume', 'stop', 'gone'])).code, 0);
  assert.is((await gluster(['volume', 'delete', 'gone'])).code, 0);
});

test('peer detach removes the peer on both sides', async () => {
  const r = await gluster(['peer', 'detach', '127.0.0.2']);
  assert.is(r.stdout, 'peer detach: success\n');
  assert.is((await gluster(['peer', 'status'])).stdout, 'Number of Peers: 0\n');
  assert.is((await gluster(['peer', 'status'], daemons[1])).stdout, 'Number of Peers: 0\n');
});

test.run();
