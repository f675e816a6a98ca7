import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { SHIM_BIN } from 'hcfs-shim';
import { freePortBase, type TestCluster } from './cluster.js';

/** Debian's hdfs-cli (colinmarc/hdfs): the real third-party client these suites drive. */
export const HDFS_BIN = '/usr/bin/hdfs';

/** True when the hdfs client is installed (`.ci/run` installs it). */
export function hdfsInstalled(): boolean {
  return spawnSync(HDFS_BIN, ['--help'], { stdio: 'ignore' }).error === undefined;
}

/** A running `hcfs-shim` process started by a test. */
export interface TestShim {
  /** `host:port`, or '' for a datanode-only shim. */
  namenode: string;
  webhdfs: string;
  datanode: string;
  datanodeHttp: string;
  /** The datanode's IPC port (ClientDatanodeProtocol), `host:port`. */
  datanodeIpc: string;
  child: ChildProcess;
  /** Lines the shim logged (stderr), for diagnostics. */
  log: string[];
  stop(): Promise<void>;
}

/** Options a test may give the shim. */
export interface ShimFlags {
  /** Address to serve on (default 127.0.0.1). */
  host?: string;
  /**
   * Fixed ports (default: five free ones); datanode ports must match across a cluster's shims.
   * Without `datanodeIpc` the datanode's IPC port is any free one (right for one server only).
   */
  ports?: { namenode: number; webhdfs: number; datanode: number; datanodeHttp: number; datanodeIpc?: number };
  /** Run the namenode too (default true); false = this server's datanode only. */
  namenode?: boolean;
  blockSize?: string;
  leaseSoftMs?: number;
  leaseHardMs?: number;
  superuser?: string;
  /** `--block-token-lifetime` in ms (HDFS's 10 h by default). */
  blockTokenLifetimeMs?: number;
  /** `--ssl-dir`: WebHDFS and the datanode HTTP port serve HTTPS only. */
  sslDir?: string;
  /** Shim log level (default warn); tests that wait for a log line raise it. */
  logLevel?: 'debug' | 'info' | 'warn';
}

/** Starts the real `hcfs-shim` against a cluster's volume, on free loopback ports unless given. */
export async function startShim(cluster: Pick<TestCluster, 'volumeSpec'>, flags: ShimFlags = {}): Promise<TestShim> {
  const base = flags.ports ? 0 : await freePortBase(5);
  const ports = flags.ports ?? { namenode: base, webhdfs: base + 1, datanode: base + 2, datanodeHttp: base + 3, datanodeIpc: base + 4 };
  const args = [SHIM_BIN, '--volume', cluster.volumeSpec, '--host', flags.host ?? '127.0.0.1',
    '--namenode-port', String(ports.namenode), '--webhdfs-port', String(ports.webhdfs), '--datanode-port', String(ports.datanode),
    '--datanode-http-port', String(ports.datanodeHttp), '--datanode-ipc-port', String(ports.datanodeIpc ?? 0), '--log-level', flags.logLevel ?? 'warn'];
  if (flags.namenode === false) args.push('--no-namenode');
  if (flags.blockSize) args.push('--block-size', flags.blockSize);
  if (flags.leaseSoftMs) args.push('--lease-soft-limit', String(flags.leaseSoftMs));
  if (flags.leaseHardMs) args.push('--lease-hard-limit', String(flags.leaseHardMs));
  if (flags.superuser) args.push('--superuser', flags.superuser);
  if (flags.blockTokenLifetimeMs) args.push('--block-token-lifetime', String(flags.blockTokenLifetimeMs));
  if (flags.sslDir) args.push('--ssl-dir', flags.sslDir);
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const log: string[] = [];
  createInterface({ input: child.stderr! }).on('line', (l) => log.push(l));
  const endpoints = await new Promise<Record<string, string>>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`hcfs-shim exited with ${code} before READY: ${log.join('\n')}`)));
    createInterface({ input: child.stdout! }).on('line', (line) => {
      if (line.startsWith('READY ')) resolve(JSON.parse(line.slice(6)) as Record<string, string>);
    });
  });
  return {
    namenode: endpoints.namenode ?? '', webhdfs: endpoints.webhdfs ?? '', datanode: endpoints.datanode, datanodeHttp: endpoints.datanodeHttp,
    datanodeIpc: endpoints.datanodeIpc ?? '',
    child, log,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** What one `hdfs` invocation printed and how it exited. */
export interface HdfsResult {
  code: number;
  stdout: Buffer;
  out: string;
  err: string;
}

/**
 * Runs Debian's `hdfs` against the shim as `user` (HADOOP_USER_NAME). The client has no
 * timeouts of its own (a protocol stall is a hang), so every run is killed after `timeoutMs`
 * and reported as code −1.
 */
export function hdfs(shim: TestShim, args: string[], opts: { user?: string; input?: Buffer | string; timeoutMs?: number; cwd?: string } = {}): Promise<HdfsResult> {
  const child = spawn(HDFS_BIN, args, {
    env: { ...process.env, HADOOP_NAMENODE: shim.namenode, HADOOP_USER_NAME: opts.user ?? 'root', HADOOP_CONF_DIR: '/nonexistent' },
    stdio: ['pipe', 'pipe', 'pipe'], cwd: opts.cwd,
  });
  const out: Buffer[] = [], err: Buffer[] = [];
  child.stdout.on('data', (d: Buffer) => out.push(d));
  child.stderr.on('data', (d: Buffer) => err.push(d));
  child.stdin.on('error', () => {});
  child.stdin.end(opts.input ?? '');
  const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 60_000);
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      const stdout = Buffer.concat(out);
      resolve({ code: code ?? -1, stdout, out: stdout.toString(), err: Buffer.concat(err).toString() });
    });
  });
}
