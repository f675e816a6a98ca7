import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { CORE_BINS, MgmtClient } from 'glusterfs-core';
import type { ClusterHome } from './home.js';
import type { ClusterState } from './options.js';

/**
 * Starts glusterd for a home: working directory `<home>/glusterd`, logs under `<home>/logs`,
 * stdout and stderr (its READY line, a crash's stack) in `<home>/logs/glusterd.out`. It runs in
 * its own process group so a Ctrl-C in gcluster's terminal does not reach it directly; gcluster
 * stops it in order instead. `$GLUSTERFSD_BIN` and `$GLUSTERSHD_BIN` override the brick server and
 * self-heal daemon scripts.
 */
export function spawnGlusterd(h: ClusterHome, s: ClusterState): ChildProcess {
  const out = openSync(join(h.logs, 'glusterd.out'), 'a');
  try {
    return spawn(process.execPath, [
      CORE_BINS.glusterd, '--workdir', h.workdir, '--host', s.host, '--port', String(s.mgmtPort),
      '--brick-port-base', String(s.brickPortBase), '--log-file', join(h.logs, 'glusterd.log'), '--log-dir', h.logs,
      // Developers may run another brick server build (e.g. one under a debugger).
      ...(process.env.GLUSTERFSD_BIN ? ['--glusterfsd', process.env.GLUSTERFSD_BIN] : []),
      ...(process.env.GLUSTERSHD_BIN ? ['--glustershd', process.env.GLUSTERSHD_BIN] : []),
    ], { detached: true, stdio: ['ignore', out, out] });
  } finally {
    closeSync(out);
  }
}

/**
 * Waits until the glusterd just spawned answers on its local socket (through which gcluster, as
 * its owner, may change the pool), and checks that the one answering is ours (same uuid as the
 * home's store). Stops waiting, with the abort reason, once `signal` is aborted.
 */
export async function waitForGlusterd(h: ClusterHome, s: ClusterState, child: ChildProcess, timeoutMs = 20_000, signal?: AbortSignal): Promise<MgmtClient> {
  const deadline = Date.now() + timeoutMs;
  let exited: string | undefined;
  child.once('exit', (code, sig) => { exited = sig ?? `code ${code}`; });
  for (let delay = 20; ; delay = Math.min(delay * 2, 250)) {
    signal?.throwIfAborted();
    if (exited) throw new Error(`glusterd exited (${exited}) before it was ready: ${tail(join(h.logs, 'glusterd.out'))}`);
    if (Date.now() > deadline) throw new Error(`glusterd did not answer on ${s.host}:${s.mgmtPort} within ${timeoutMs / 1000} s; see ${join(h.logs, 'glusterd.log')}`);
    try {
      const c = await MgmtClient.connect(s.host, s.mgmtPort, { connectTimeoutMs: 500, path: h.socket });
      const who = await c.hello();
      if (who.uuid === ownUuid(h)) return c;
      await c.close();
      throw new Error('another glusterd');
    } catch {
      await sleep(delay);
    }
  }
}

/** Connects to the home's running glusterd, or undefined when it does not answer. */
export async function connectExisting(h: ClusterHome, s: ClusterState): Promise<MgmtClient | undefined> {
  try {
    const c = await MgmtClient.connect(s.host, s.mgmtPort, { connectTimeoutMs: 2000, path: h.socket });
    if ((await c.hello()).uuid === ownUuid(h)) return c;
    await c.close();
  } catch { /* not running */ }
  return undefined;
}

function ownUuid(h: ClusterHome): string | undefined {
  try {
    return (JSON.parse(readFileSync(join(h.workdir, 'glusterd.json'), 'utf8')) as { uuid?: string }).uuid;
  } catch {
    return undefined;
  }
}

function tail(file: string): string {
  try {
    return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-5).join('\n');
  } catch {
    return '(no output)';
  }
}
