import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import {
  connectRpc, MgmtClient, mountVolume, silentLogger, type FsError, type VolumeStatusReport,
} from 'glusterfs-core';
import { BIN, run, startCluster, waitFor, type RunResult, type TestCluster } from '../support/cluster.js';
import { runAsNobody } from '../support/as-nobody.js';
import { gluster } from '../support/replica.js';

// A hostile local user (`nobody`) and hostile clients on the network against a running cluster:
// every state change of the pool is refused to them, no brick answers them a fop, no data is
// readable without the volume's credentials, and floods of silent connections or huge frames
// before a handshake leave every server responsive.
const test = suite<{ c: TestCluster }>('e2e: who may reach what');

function glusterAsNobody(c: TestCluster, ...args: string[]): Promise<RunResult> {
  return runAsNobody(BIN.gluster, [`--remote-host=${c.mgmt}`, '--mode=script', ...args]);
}

async function codeOf(p: Promise<unknown>): Promise<string> {
  return p.then(() => 'no error', (e: FsError) => e.code ?? String(e));
}

function rssKiB(pid: number): number {
  const m = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return Number(m?.[1] ?? 0);
}

const hostPort = (hp: string) => ({ host: hp.slice(0, hp.lastIndexOf(':')), port: Number(hp.slice(hp.lastIndexOf(':') + 1)) });

test.before(async (ctx) => {
  ctx.c = await startCluster({ bricks: 2, replica: 2 });
});
test.after(async (ctx) => {
  await ctx.c.stop();
});

test('as nobody, every change of the pool is refused; read-only commands answer', async ({ c }) => {
  const secret = mkdtempSync(join(tmpdir(), 'gts-rootonly-'));
  const target = join(secret, 'dir');
  mkdirSync(target);
  const changes: string[][] = [
    ['volume', 'create', 'evil', `127.0.0.1:${target}`, 'force'],
    ['volume', 'start', c.volume, 'force'],
    ['volume', 'stop', c.volume],
    ['volume', 'delete', c.volume],
    ['volume', 'set', c.volume, 'auth.allow', '*'],
    ['volume', 'reset', c.volume],
    ['volume', 'heal', c.volume],
    ['peer', 'probe', '127.0.0.9'],
    ['peer', 'detach', '127.0.0.9'],
  ];
  for (const args of changes) {
    const r = await glusterAsNobody(c, ...args);
    assert.is(r.code, 1, `${args.join(' ')} must fail: ${r.stdout}`);
    assert.match(r.stderr, /accepted only from root on 127\.0\.0\.1 through glusterd's local socket/, args.join(' '));
    assert.not.match(r.stderr, c.home, 'no host path in the refusal');
  }
  assert.is((await glusterAsNobody(c, 'volume', 'status', c.volume)).code, 0);
  const info = await glusterAsNobody(c, 'volume', 'info', c.volume);
  assert.match(info.stdout, 'Status: Started');
  assert.is((await glusterAsNobody(c, 'volume', 'get', c.volume, 'all')).code, 0);
  assert.is((await glusterAsNobody(c, 'volume', 'list')).stdout, `${c.volume}\n`, 'no volume "evil" was created');
  assert.match(await gluster(c, '--mode=script', 'volume', 'info', c.volume), 'Status: Started');
  assert.not.ok(existsSync(join(target, '.glusterfs')), 'nothing was done to the root-only directory');
  rmSync(secret, { recursive: true, force: true });
});

test('as nobody, no data is readable: the volfile and its credentials go to root on a server only', async ({ c }) => {
  const vol = await mountVolume(c.volumeSpec);
  try {
    await vol.writeFile('/private.txt', 'for root only', { mode: 0o600 });
  } finally {
    await vol.unmount();
  }
  const r = await runAsNobody(BIN.gfs, ['--volume', c.volumeSpec, 'cat', '/private.txt']);
  assert.is(r.code, 1);
  assert.is(r.stdout, '');
  assert.match(r.stderr, /carries its credentials, which glusterd gives only to root on a server/);
  assert.not.match(r.stderr, c.home, 'no host path in the refusal');
});

test('a brick answers no fop to an anonymous client or wrong credentials, and proves nothing to them', async ({ c }) => {
  for (const b of c.bricks) {
    for (const credentials of [undefined, { user: 'trusted', secret: Buffer.from('guessed') }, { user: 'client', secret: Buffer.alloc(32) }]) {
      const rpc = connectRpc({ host: b.host, port: b.port, log: silentLogger(), reconnect: false, credentials });
      assert.is(await codeOf(rpc.waitConnected(5000)), 'EACCES', `${b.path} as ${credentials?.user ?? 'anonymous'}`);
      assert.is(await codeOf(rpc.call('fop', 'lookup', [{ uid: 0, gid: 0 }, { path: '/private.txt' }, []])), 'ENOTCONN');
      await rpc.close();
    }
  }
});

test('only glusterds of the pool may call the procedures glusterds call on each other', async ({ c }) => {
  const { host, port } = hostPort(c.mgmt);
  const target = join(mkdtempSync(join(tmpdir(), 'gts-peer-')), 'made-by-a-stranger');
  const anonymous = await MgmtClient.connect(host, port);
  try {
    assert.is(await codeOf(anonymous.prepareBricks('x', [{ host, path: target }], true)), 'EACCES');
    assert.is(await codeOf(anonymous.clusterState()), 'EACCES');
    assert.is(await codeOf(anonymous.dropVolume(c.volume, 'x')), 'EACCES');
    assert.is(await codeOf(anonymous.peerLeave()), 'EACCES');
    assert.is(await codeOf(anonymous.getSpec(c.volume)), 'EACCES');
    // A glusterd that already has a volume joins nobody's pool.
    assert.is(await codeOf(anonymous.peerJoin({ self: { uuid: 'u', host: '127.0.0.9', port: 1 }, peers: [], volumes: [], deleted: [] }, 'ab'.repeat(32))), 'EBUSY');
  } finally {
    await anonymous.close();
  }
  assert.not.ok(existsSync(target), 'no brick directory was made for a stranger');
  const forged = await codeOf(MgmtClient.connect(host, port, { credentials: { user: 'pool', secret: Buffer.alloc(32) } }));
  assert.is(forged, 'EACCES', 'a wrong pool secret is refused');
});

test('glustershd listens inside the cluster\'s port range and answers only its glusterd', async ({ c }) => {
  const { host, port } = hostPort(c.mgmt);
  const [report] = JSON.parse(await gluster(c, '--mode=script', 'volume', 'status', c.volume, '--json')) as VolumeStatusReport[];
  const shd = report.selfHeal[0]!;
  assert.ok(shd.online && shd.port, 'the self-heal daemon runs');
  assert.ok(shd.port! > port && shd.port! < port + 16, `port ${shd.port} lies in ${port + 1}..${port + 15}`);
  const rpc = connectRpc({ host, port: shd.port!, log: silentLogger(), reconnect: false });
  assert.is(await codeOf(rpc.waitConnected(5000)), 'EACCES');
  await rpc.close();
});

test('64 MiB frames before any handshake and 500 silent connections leave glusterd and the bricks serving, with bounded memory', async ({ c }) => {
  const { host, port } = hostPort(c.mgmt);
  const procs = await c.status();
  const watched = [
    { what: 'glusterd', port, pid: procs.find((p) => p.role === 'glusterd')!.pid },
    { what: 'brick', port: c.bricks[0]!.port, pid: procs.find((p) => p.role === 'brick' && p.path === c.bricks[0]!.path)!.pid },
  ];
  const before = watched.map((w) => rssKiB(w.pid));
  const open: Socket[] = [];
  for (const w of watched) {
    // Each announces a 64 MiB frame and starts sending it: the server must not buffer it.
    for (let i = 0; i < 10; i++) {
      const s = connect(w.port, host);
      s.on('error', () => {});
      const head = Buffer.alloc(4);
      head.writeUInt32LE(64 * 1024 * 1024);
      s.write(Buffer.concat([head, Buffer.alloc(1024 * 1024, 7)]));
      open.push(s);
    }
    for (let i = 0; i < 500; i++) {
      const s = connect(w.port, host);
      s.on('error', () => {});
      open.push(s);
    }
  }
  try {
    await waitFor('the connections to be accepted or refused', async () => open.every((s) => !s.connecting));
    // Meanwhile a real client mounts, writes and reads, and the CLI answers over TCP.
    const vol = await mountVolume(c.volumeSpec);
    try {
      await vol.writeFile('/during-flood.txt', 'served');
      assert.is(await vol.readFile('/during-flood.txt', 'utf8'), 'served');
    } finally {
      await vol.unmount();
    }
    const status = await glusterAsNobody(c, 'volume', 'status', c.volume);
    assert.is(status.code, 0, status.stderr);
    watched.forEach((w, i) => {
      const grown = rssKiB(w.pid) - before[i]!;
      assert.ok(grown < 64 * 1024, `${w.what} grew by ${grown} KiB`);
    });
  } finally {
    for (const s of open) s.destroy();
  }
});

test('auth.reject keeps a client address away from the bricks; resetting it lets it back', async ({ c }) => {
  await gluster(c, '--mode=script', 'volume', 'set', c.volume, 'auth.reject', '127.0.0.1');
  try {
    assert.is(await codeOf(mountVolume(c.volumeSpec, { timeoutMs: 3000 })), 'ENOTCONN');
  } finally {
    await gluster(c, '--mode=script', 'volume', 'reset', c.volume, 'auth.reject');
  }
  const vol = await waitFor('a mount after the reset', () => mountVolume(c.volumeSpec, { timeoutMs: 3000 }));
  try {
    assert.is(await vol.readFile('/during-flood.txt', 'utf8'), 'served');
  } finally {
    await vol.unmount();
  }
});

test('glusterd warns when a brick directory is reachable by other local users', async ({ c }) => {
  const open = mkdtempSync(join(tmpdir(), 'gts-open-'));
  chmodSync(open, 0o755);
  await gluster(c, '--mode=script', 'volume', 'create', 'exposed', `127.0.0.1:${join(open, 'b')}`, 'force');
  await gluster(c, '--mode=script', 'volume', 'start', 'exposed');
  try {
    const log = readFileSync(join(c.home, 'logs', 'glusterd.log'), 'utf8');
    assert.match(log, `brick 127.0.0.1:${join(open, 'b')} is reachable by other local users: ${open} (mode 0755)`);
  } finally {
    await gluster(c, '--mode=script', 'volume', 'stop', 'exposed');
    await gluster(c, '--mode=script', 'volume', 'delete', 'exposed');
    rmSync(open, { recursive: true, force: true });
  }
});

test.run();
