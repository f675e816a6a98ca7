/**
 * Several servers on one machine for the multi-server suites: a glusterd per loopback address
 * (127.0.0.1, 127.0.0.2, ...), joined by peer probe as on real hosts.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { BIN, run } from './cluster.js';

/** One glusterd a suite started. */
export interface GlusterServer { host: string; port: number; child: ChildProcess }

/** Starts glusterd on `host:port` (bricks from port + 1) with its state under `home`; resolves at READY. */
export function startGlusterd(home: string, host: string, port: number): Promise<GlusterServer> {
  const child = spawn(process.execPath, [BIN.glusterd, '--workdir', join(home, `gd-${host}`), '--host', host, '--port', String(port),
    '--brick-port-base', String(port + 1), '--log-file', join(home, `glusterd-${host}.log`)], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`glusterd ${host} exited with ${code}`)));
    createInterface({ input: child.stdout! }).on('line', (l) => { if (l.startsWith('READY ')) resolve({ host, port, child }); });
  });
}

/** Runs the gluster CLI in script mode against the glusterd at `remote` (`host:port`); throws with its stderr on failure. */
export async function glusterAt(remote: string, ...args: string[]): Promise<string> {
  const r = await run(BIN.gluster, [`--remote-host=${remote}`, '--mode=script', ...args]);
  if (r.code !== 0) throw new Error(`gluster ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

/** SIGTERMs every server still running and waits for each to exit. */
export async function stopServers(servers: GlusterServer[]): Promise<void> {
  for (const s of servers) {
    if (s.child.exitCode !== null) continue;
    const exited = new Promise((r) => s.child.once('exit', r));
    s.child.kill('SIGTERM');
    await exited;
  }
}
