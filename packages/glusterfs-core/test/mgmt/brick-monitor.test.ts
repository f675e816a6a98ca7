import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { silentLogger } from '../../src/log/index.js';
import { BrickMonitor } from '../../src/mgmt/brick-monitor.js';
import { isOurProcess } from '../../src/mgmt/pidfile.js';
import { Store } from '../../src/mgmt/store.js';
import type { BrickStatus, VolumeRecord } from '../../src/mgmt/types.js';
import { alive, until } from './process-wait.js';

const test = suite('mgmt/brick-monitor');
const FAKE = fileURLToPath(new URL('../fixtures/mgmt/fake-glusterfsd.js', import.meta.url));
// Below the ephemeral range (32768+), where outgoing connections of parallel tests take ports.
const BASE = 20000 + Math.floor(Math.random() * 12000);
let dir = '';
let store: Store;
let monitor: BrickMonitor;

function volume(name: string, paths: string[], status: VolumeRecord['status'] = 'Started'): VolumeRecord {
  return {
    name, id: `00000000-0000-4000-8000-${String(BASE).padStart(12, '0')}`, type: 'Distribute', replicaCount: 1,
    bricks: paths.map((p) => (p.startsWith('remote:') ? { host: '127.0.0.9', path: p.slice(7) } : { host: '127.0.0.1', path: join(dir, p) })),
    status, options: {}, transport: 'tcp', version: 1,
  };
}

test.before.each(async () => {
  dir = mkdtempSync(join(tmpdir(), 'mgmt-monitor-'));
  store = await Store.open(join(dir, 'gd'), '127.0.0.1', BASE - 1);
  monitor = new BrickMonitor({ store, host: '127.0.0.1', mgmtPort: BASE - 1, brickPortBase: BASE, glusterfsd: FAKE, log: silentLogger(),
    serverAccess: () => ({ trustedPassword: 'tp', clientPassword: 'cp', sslDir: join(dir, 'ssl') }),
  });
});
test.after.each(async () => {
  await monitor.shutdown();
  rmSync(dir, { recursive: true, force: true });
});

test('a started volume runs its local bricks on ports from the base, in brick order', async () => {
  for (const b of ['b1', 'b2', 'b3']) mkdirSync(join(dir, b));
  const vol = volume('gv0', ['b1', 'remote:/x', 'b2', 'b3']);
  await store.putVolume(vol);
  const st = await monitor.reconcile(vol);
  assert.equal(st.map((b) => b.port), [BASE, BASE + 1, BASE + 2]);
  for (const b of st) assert.ok(b.online && b.pid && alive(b.pid));
  assert.is(monitor.portOf(join(dir, 'b2')), BASE + 1);
});

test('a SIGKILLed brick is restarted with a new pid on the same port', async () => {
  mkdirSync(join(dir, 'b1'));
  const vol = volume('gv0', ['b1']);
  await store.putVolume(vol);
  const [before] = await monitor.reconcile(vol);
  process.kill(before.pid!, 'SIGKILL');
  const after = await until<BrickStatus>('restart', () => {
    const [b] = monitor.status(vol);
    return b.online && b.pid !== before.pid ? b : undefined;
  });
  assert.is(after.port, before.port);
});

test('a brick that dies before READY every time is given up after five attempts, with the reason', async () => {
  mkdirSync(join(dir, 'crash'));
  const vol = volume('gv0', ['crash']);
  await store.putVolume(vol);
  const [first] = await monitor.reconcile(vol);
  assert.is(first.online, false);
  assert.match(first.error ?? '', /exited \(code 3\) before it was ready: fake glusterfsd: crashing at start/);
  const last = await until<BrickStatus>('give up', () => {
    const [b] = monitor.status(vol);
    return b.error?.includes('gave up after 5 attempts') ? b : undefined;
  });
  assert.match(last.error!, /run `gluster volume start gv0 force`/);
});

test('a missing brick directory is reported without starting anything', async () => {
  const vol = volume('gv0', ['nowhere']);
  await store.putVolume(vol);
  const [b] = await monitor.reconcile(vol);
  assert.is(b.online, false);
  assert.match(b.error!, /brick directory .*nowhere is unreachable \(ENOENT\)/);
});

test('stopping the volume stops its bricks and they are not restarted', async () => {
  mkdirSync(join(dir, 'b1'));
  const vol = volume('gv0', ['b1']);
  await store.putVolume(vol);
  const [b] = await monitor.reconcile(vol);
  const stopped = { ...vol, status: 'Stopped' as const, version: 2 };
  await store.putVolume(stopped);
  const [s] = await monitor.reconcile(stopped);
  assert.is(s.online, false);
  assert.not.ok(alive(b.pid!));
});

test('bricks left by a glusterd killed hard are stopped by the next one', async () => {
  const child = spawn(process.execPath, [FAKE, '--brick-path', join(dir, 'old'), '--host', '127.0.0.1', '--port', '0', 'glusterfsd'], { stdio: 'ignore' });
  await until('leftover running', () => (child.pid && alive(child.pid) ? true : undefined));
  mkdirSync(join(store.workdir, 'run'), { recursive: true });
  writeFileSync(join(store.workdir, 'run', 'gv0.127.0.0.1.old.pid'), `${child.pid}\n`);
  // The fixture's command line names glusterfsd, so it passes the same check real bricks do.
  assert.ok(await isOurProcess(child.pid!, ['glusterfsd']));
  const exited = new Promise((r) => child.once('exit', r));
  await monitor.stopLeftovers();
  await exited;
});

test.run();
