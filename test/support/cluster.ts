import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Repository root (test/dist/support/ → ../../..). */
export const REPO = new URL('../../../', import.meta.url).pathname;

/** Paths of the project's command-line programs, run with this Node. */
export const BIN = {
  gcluster: join(REPO, 'tools/bin/gcluster.js'),
  gluster: join(REPO, 'packages/glusterfs-core/bin/gluster.js'),
  glustershd: join(REPO, 'packages/glusterfs-core/bin/glustershd.js'),
  gfs: join(REPO, 'packages/glusterfs-core/bin/gfs.js'),
  glusterd: join(REPO, 'packages/glusterfs-core/bin/glusterd.js'),
  gfind: join(REPO, 'packages/gfind/bin/gfind.js'),
  gtrigger: join(REPO, 'packages/gfind/bin/gtrigger.js'),
  glocate: join(REPO, 'packages/gfind/bin/glocate.js'),
} as const;

/** What a finished command printed and how it exited. */
export interface RunResult { code: number; stdout: string; stderr: string }

/** Runs one of the project's CLIs (or any program) to completion. */
export function run(bin: string, args: string[], opts: { env?: Record<string, string>; input?: string; node?: boolean } = {}): Promise<RunResult> {
  const useNode = opts.node ?? bin.endsWith('.js');
  const child = spawn(useNode ? process.execPath : bin, useNode ? [bin, ...args] : args, {
    env: { ...process.env, ...opts.env }, stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '', stderr = '';
  child.stdout.on('data', (d) => { stdout += d; });
  child.stderr.on('data', (d) => { stderr += d; });
  // A program that exits without reading its input (getfattr) must not crash the test with EPIPE.
  child.stdin.on('error', () => {});
  child.stdin.end(opts.input ?? '');
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

async function portFree(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const s = createServer();
    s.once('error', () => resolve(false));
    s.listen(port, host, () => s.close(() => resolve(true)));
  });
}

/** A port base with `span` free ports above it, below the ephemeral range. */
export async function freePortBase(span = 20): Promise<number> {
  for (let tries = 0; tries < 200; tries++) {
    const base = 20000 + Math.floor(Math.random() * 500) * 20;
    let ok = true;
    for (let p = base; p < base + span && ok; p++) ok = await portFree(p);
    if (ok) return base;
  }
  throw new Error('no free port range found');
}

/** A brick as gcluster reports it. */
export interface BrickInfo { host: string; port: number; path: string }

/** The HDFS shim's endpoints as gcluster reports them (`host:port` each). */
export interface HdfsInfo { namenode: string; webhdfs: string; datanode: string; datanodeHttp: string; datanodeIpc?: string; pid: number }

/** A one-machine cluster started with `gcluster up` in a temp home. */
export interface TestCluster {
  home: string;
  volume: string;
  mgmt: string;
  volumeSpec: string;
  bricks: BrickInfo[];
  /** The HDFS shim, when started with `hdfs`. */
  hdfs?: HdfsInfo;
  /** Processes gcluster runs, from `gcluster status --json`. */
  status(): Promise<Array<{ role: string; pid: number; port?: number; path?: string }>>;
  stop(): Promise<void>;
}

/**
 * Starts glusterd and a volume of `bricks` bricks with the real CLIs, in a fresh temp home:
 * pure distribute unless `replica` is given (gcluster's own default is replica 2). Without the
 * HDFS shim unless `hdfs` is given (`{ blockSize: '1m' }` sets its block size); its endpoints
 * are then on `hdfs` of the result. `sslDir` (glusterfs.pem/.key/.ca) turns TLS on everywhere.
 */
export async function startCluster(opts: { bricks?: number; replica?: number; volume?: string; hdfs?: boolean | { blockSize?: string }; sslDir?: string } = {}): Promise<TestCluster> {
  const home = mkdtempSync(join(tmpdir(), 'gts-e2e-'));
  // gcluster puts the shim at base+16…base+19: the default span of 20 covers it.
  const base = await freePortBase();
  const args = ['up', '--home', home, '--bricks', String(opts.bricks ?? 4), '--replica', String(opts.replica ?? 1),
    '--port-base', String(base), '--json'];
  if (opts.volume) args.push('--volume', opts.volume);
  if (opts.sslDir) args.push('--ssl-dir', opts.sslDir);
  if (!opts.hdfs) args.push('--no-hdfs');
  else if (typeof opts.hdfs === 'object' && opts.hdfs.blockSize) args.push('--block-size', opts.hdfs.blockSize);
  const r = await run(BIN.gcluster, args);
  if (r.code !== 0) {
    await run(BIN.gcluster, ['down', '--home', home]);
    throw new Error(`gcluster up failed (${r.code}): ${r.stderr || r.stdout}`);
  }
  const info = JSON.parse(r.stdout.trim().split('\n').at(-1)!) as { volume: string; mgmt: string; bricks: BrickInfo[]; volumeSpec: string; hdfs?: HdfsInfo };
  return {
    home, ...info,
    async status() {
      const s = await run(BIN.gcluster, ['status', '--home', home, '--json']);
      if (s.code !== 0) throw new Error(`gcluster status failed: ${s.stderr}`);
      const parsed = JSON.parse(s.stdout) as { processes?: unknown[] } | unknown[];
      return (Array.isArray(parsed) ? parsed : parsed.processes ?? []) as Array<{ role: string; pid: number; port?: number; path?: string }>;
    },
    async stop() {
      await run(BIN.gcluster, ['down', '--home', home]);
      rmSync(home, { recursive: true, force: true });
    },
  };
}

/** Polls `check` until it returns a truthy value (or throws after `timeoutMs`). Not a fixed sleep. */
export async function waitFor<T>(what: string, check: () => Promise<T | undefined | false>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (let delay = 20; Date.now() < deadline; delay = Math.min(delay * 2, 250)) {
    try {
      const v = await check();
      if (v) return v;
    } catch (e) { last = e; }
    await new Promise((r) => setTimeout(r, delay));
  }
  throw new Error(`timed out waiting for ${what}${last ? `: ${(last as Error).message}` : ''}`);
}
