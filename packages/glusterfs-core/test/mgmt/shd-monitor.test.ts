import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { silentLogger } from '../../src/log/index.js';
import { readPidFile } from '../../src/mgmt/pidfile.js';
import { ShdMonitor, wantsShd } from '../../src/mgmt/shd-monitor.js';
import { Store } from '../../src/mgmt/store.js';
import type { VolumeRecord } from '../../src/mgmt/types.js';
import { connectRpc } from '../../src/rpc/index.js';
import { SHD_PROGRAM } from '../../src/shd/index.js';
import { alive, until } from './process-wait.js';

const test = suite('mgmt/shd-monitor');
const FAKE = fileURLToPath(new URL('../fixtures/mgmt/fake-glustershd.js', import.meta.url));
let dir = '';
let store: Store;
let monitor: ShdMonitor;

function volume(name: string, o: Partial<VolumeRecord> = {}): VolumeRecord {
  return {
    name, id: `id-${name}`, type: 'Replicate', replicaCount: 2, status: 'Started', options: {}, transport: 'tcp', version: 1,
    bricks: [{ host: '127.0.0.1', path: `/b/${name}1` }, { host: '127.0.0.2', path: `/b/${name}2` }], ...o,
  };
}

async function callFake(proc: string): Promise<unknown> {
  const { port } = monitor.status();
  const rpc = connectRpc({ host: '127.0.0.1', port: port!, log: silentLogger(), reconnect: false });
  try {
    await rpc.waitConnected(5000);
    return await rpc.call(SHD_PROGRAM, proc, []);
  } finally {
    await rpc.close();
  }
}

/** The fake daemon learns the secret its callers prove from its environment. */
const SECRET = Buffer.from('the secret glusterd shares with it');
process.env.FAKE_SHD_SECRET = SECRET.toString('hex');

function monitorOptions(): ConstructorParameters<typeof ShdMonitor>[0] {
  return {
    store, host: '127.0.0.1', glustershd: FAKE, log: silentLogger(), glusterdSocket: '/gd/run/glusterd.socket',
    secret: () => SECRET, portFor: async () => 0, sslDir: '/gd/ssl',
  };
}

test.before.each(async () => {
  dir = mkdtempSync(join(tmpdir(), 'mgmt-shd-'));
  store = await Store.open(join(dir, 'gd'), '127.0.0.1', 24007);
  monitor = new ShdMonitor(monitorOptions());
});
test.after.each(async () => {
  await monitor.shutdown();
  rmSync(dir, { recursive: true, force: true });
});

const WANTS: [string, Partial<VolumeRecord>, string, boolean][] = [
  ['a started replica volume with a brick here', {}, '127.0.0.1', true],
  ['a volume without a brick here', {}, '127.0.0.9', false],
  ['a distribute volume', { replicaCount: 1, type: 'Distribute' }, '127.0.0.1', false],
  ['a stopped volume', { status: 'Stopped' }, '127.0.0.1', false],
  ['a volume with cluster.self-heal-daemon off', { options: { 'cluster.self-heal-daemon': 'off' } }, '127.0.0.1', false],
];
for (const [what, o, host, want] of WANTS) {
  test(`${what} ${want ? 'wants' : 'does not want'} a self-heal daemon`, () => {
    assert.is(wantsShd(volume('v', o), host), want);
  });
}

test('no daemon runs without a replicated volume; one starts with it, is told to reload on changes, and stops with it', async () => {
  await store.putVolume(volume('dist', { replicaCount: 1, type: 'Distribute' }));
  await monitor.reconcile();
  assert.equal(monitor.status(), { host: '127.0.0.1', pid: null, port: null, online: false });

  await store.putVolume(volume('rep'));
  await monitor.reconcile();
  const first = monitor.status();
  assert.ok(first.online && first.pid && alive(first.pid));
  assert.is(await readPidFile(store.shdPidPath()), first.pid);
  const args = (await callFake('args')) as string[];
  assert.equal(args.slice(0, 6), ['--glusterd-sock', '/gd/run/glusterd.socket', '--host', '127.0.0.1', '--port', '0']);
  assert.equal(args.slice(6, 8), ['--heal-timeout', '600']);

  await store.putVolume(volume('rep', { version: 2, options: { 'network.ping-timeout': '5' } }));
  await monitor.reconcile();
  assert.is(monitor.status().pid, first.pid, 'a volume change reloads, it does not restart');
  assert.equal(await callFake('reload'), ['reloads=2'], 'one reload was asked for');

  await store.putVolume(volume('rep', { version: 3, status: 'Stopped' }));
  await monitor.reconcile();
  assert.is(monitor.status().online, false);
  await until('the daemon to exit', () => !alive(first.pid!));
  assert.is(await readPidFile(store.shdPidPath()), undefined);
});

test('a new heal timeout restarts the daemon with it; the shortest of the volumes applies', async () => {
  await store.putVolume(volume('a', { options: { 'cluster.heal-timeout': '300' } }));
  await monitor.reconcile();
  const before = monitor.status().pid!;
  await store.putVolume(volume('b', { options: { 'cluster.heal-timeout': '60' } }));
  await monitor.reconcile();
  const after = monitor.status();
  assert.ok(after.online && after.pid !== before, 'restarted');
  assert.not.ok(alive(before));
  assert.equal(((await callFake('args')) as string[]).slice(6, 8), ['--heal-timeout', '60']);
});

test('a SIGKILLed daemon is restarted with a new pid', async () => {
  await store.putVolume(volume('rep'));
  await monitor.reconcile();
  const before = monitor.status().pid!;
  process.kill(before, 'SIGKILL');
  const after = await until('a new daemon', () => {
    const s = monitor.status();
    return s.online && s.pid !== before ? s : undefined;
  });
  assert.ok(alive(after.pid!));
});

test('a daemon left by a glusterd killed hard is stopped by the next one', async () => {
  await store.putVolume(volume('rep'));
  await monitor.reconcile();
  const orphan = monitor.status().pid!;
  // A second monitor on the same store plays the next glusterd; the first one is forgotten.
  const next = new ShdMonitor(monitorOptions());
  await next.stopLeftovers();
  await until('the orphan to exit', () => !alive(orphan));
  await next.shutdown();
});

test.run();
