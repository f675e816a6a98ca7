import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { BIN, freePortBase, run, waitFor } from '../support/cluster.js';

// `npm start` is `gcluster start`: Ctrl-C must stop every process it started, whenever it comes,
// also while it is still starting glusterd, the bricks, the self-heal daemon and the HDFS shim.
// Each case starts a real 2 x 2 cluster with the shim in a fresh home, sends SIGINT at one point
// of start-up and then looks through /proc for any process whose command line names the home.
const t = suite('e2e: gcluster start stops everything on Ctrl-C at any point of start-up');

/** Live processes (not zombies) with an argument that lies under `home`, as `pid args…` lines. */
function processesOf(home: string): string[] {
  const found: string[] = [];
  for (const p of readdirSync('/proc').filter((n) => /^\d+$/.test(n))) {
    try {
      if (/\) Z /.test(readFileSync(`/proc/${p}/stat`, 'utf8'))) continue;
      const args = readFileSync(`/proc/${p}/cmdline`, 'utf8').split('\0');
      if (args.some((a) => a === home || a.startsWith(home + '/'))) found.push(`${p} ${args.join(' ').slice(0, 200)}`);
    } catch { /* gone */ }
  }
  return found;
}

interface Started { child: ChildProcess; home: string; out: () => string; exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }> }

async function startGcluster(): Promise<Started> {
  const home = mkdtempSync(join(tmpdir(), 'gts-intr-'));
  const base = await freePortBase();
  const child = spawn(process.execPath, [BIN.gcluster, 'start', '--home', home, '--port-base', String(base)], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (d) => { out += d; });
  child.stderr!.on('data', (d) => { out += d; });
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  return { child, home, out: () => out, exit };
}

/**
 * Interrupts a `gcluster start` once `when(home, output)` holds, then checks that gcluster
 * exits and that no glusterd, brick, self-heal daemon or shim of its home survives it.
 */
async function interruptAt(what: string, when: (home: string, out: string) => boolean): Promise<void> {
  const s = await startGcluster();
  try {
    let exited = false;
    void s.exit.then(() => { exited = true; });
    await waitFor(what, async () => exited || when(s.home, s.out()), 60_000);
    assert.not.ok(exited, `gcluster exited before ${what}: ${s.out()}`);
    s.child.kill('SIGINT');
    const how = await Promise.race([s.exit, new Promise<undefined>((r) => setTimeout(r, 60_000, undefined))]);
    assert.ok(how, `gcluster did not exit within 60 s of SIGINT at ${what}: ${s.out()}`);
    // 0 once the cluster was up (Ctrl-C is how `npm start` is stopped), 130 while starting; killed
    // by the signal itself only before its handler was installed, when nothing is spawned yet.
    assert.ok(how.code === 0 || how.code === 130 || how.signal === 'SIGINT', `exit ${JSON.stringify(how)} at ${what}: ${s.out()}`);
    assert.equal(processesOf(s.home), [], `processes of the home left after SIGINT at ${what}`);
    if (how.code === 0) assert.match(s.out(), /volume gv0 is up[\s\S]*interrupted; stopping[\s\S]*stopped\./);
  } finally {
    s.child.kill('SIGKILL');
    await run(BIN.gcluster, ['down', '--home', s.home]);
    rmSync(s.home, { recursive: true, force: true });
  }
}

const has = (home: string, ...p: string[]) => existsSync(join(home, ...p));
const brickPidfiles = (home: string) => {
  try {
    return readdirSync(join(home, 'glusterd', 'run')).filter((n) => n.endsWith('.pid')).length;
  } catch {
    return 0;
  }
};

t('SIGINT as soon as glusterd has been spawned (before it writes its pidfile or listens)', async () => {
  await interruptAt('glusterd spawned', (home) => has(home, 'logs', 'glusterd.out'));
});

t('SIGINT once glusterd recorded its pid, before the volume is created', async () => {
  await interruptAt('glusterd pidfile', (home) => has(home, 'glusterd', 'glusterd.pid'));
});

t('SIGINT while the volume is being created and its bricks launched', async () => {
  await interruptAt('volume record', (home) => has(home, 'glusterd', 'vols', 'gv0'));
});

t('SIGINT when the first brick is online, others and the self-heal daemon still starting', async () => {
  await interruptAt('first brick online', (home) => brickPidfiles(home) >= 1);
});

t('SIGINT when the self-heal daemon is online, before the HDFS shim', async () => {
  await interruptAt('self-heal daemon online', (home) => has(home, 'glusterd', 'glustershd', 'glustershd.pid'));
});

t('SIGINT while the HDFS shim is starting', async () => {
  await interruptAt('shim spawned', (home) => has(home, 'hcfs-shim.pid'));
});

t('SIGINT after a fixed delay of 0.1, 1 and 2 s (npm start\'s first seconds, whatever step that is)', async () => {
  for (const ms of [100, 1000, 2000]) {
    const t0 = Date.now();
    await interruptAt(`${ms} ms`, () => Date.now() - t0 >= ms);
  }
});

t('SIGINT once the cluster is up stops it all and exits 0', async () => {
  await interruptAt('volume up', (_home, out) => out.includes('Ctrl-C stops every process'));
});

t.run();
