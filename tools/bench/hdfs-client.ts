import { spawn } from 'node:child_process';

/** Debian's `hdfs` (colinmarc/hdfs) by absolute path: npm may put other `hdfs` programs first on PATH. */
export const HDFS_BIN = '/usr/bin/hdfs';

/** How one `hdfs` command is run. */
export interface HdfsCallOptions {
  /** The shim's namenode RPC address, HOST:PORT (the client has no default port). */
  namenode: string;
  /** SIGKILL after this long: the client never times out on its own. */
  timeoutMs: number;
  /** Fed to the command's stdin (for `put - DEST`); stdin is closed when absent. */
  stdin?: Buffer;
  /** Receives stdout as it arrives; when absent, stdout is collected as text. */
  onStdout?: (chunk: Buffer) => void;
  /** Sends stdout straight to /dev/null (no pipe, nothing read by this process). */
  discardStdout?: boolean;
}

/** How an `hdfs` command ended and how long it took, spawn to exit. */
export interface HdfsCallResult {
  code: number;
  timedOut: boolean;
  seconds: number;
  /** stdout as text, only without `onStdout` and `discardStdout`. */
  stdout: string;
  stderr: string;
}

/**
 * Runs `hdfs ARGS…` as user root against `namenode`, without blocking the event loop. Never
 * throws for a non-zero exit; see {@link mustHdfs}.
 */
export function runHdfs(args: string[], o: HdfsCallOptions): Promise<HdfsCallResult> {
  const env: NodeJS.ProcessEnv = { ...process.env, HADOOP_NAMENODE: o.namenode, HADOOP_USER_NAME: 'root' };
  delete env.HADOOP_CONF_DIR;
  const t0 = performance.now();
  const child = spawn(HDFS_BIN, args, {
    env, stdio: [o.stdin ? 'pipe' : 'ignore', o.discardStdout ? 'ignore' : 'pipe', 'pipe'], timeout: o.timeoutMs, killSignal: 'SIGKILL',
  });
  let stdout = '', stderr = '';
  child.stdout?.on('data', o.onStdout ?? ((d: Buffer) => { stdout += d; }));
  child.stderr!.on('data', (d: Buffer) => { stderr += d; });
  if (o.stdin && child.stdin) {
    // EPIPE when the client exits early: its exit code and stderr say why.
    child.stdin.on('error', () => {});
    child.stdin.end(o.stdin);
  }
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, sig) => resolve({
      code: code ?? 128, timedOut: sig === 'SIGKILL', seconds: (performance.now() - t0) / 1000, stdout, stderr,
    }));
  });
}

/** Like {@link runHdfs}, but throws with the client's stderr unless it exits 0. */
export async function mustHdfs(args: string[], o: HdfsCallOptions): Promise<HdfsCallResult> {
  const r = await runHdfs(args, o);
  if (r.code !== 0) {
    const why = r.timedOut ? `killed after ${o.timeoutMs / 1000} s` : `exit ${r.code}`;
    throw new Error(`hdfs ${args.join(' ')} failed (${why}): ${r.stderr.trim() || '(no stderr)'}`);
  }
  return r;
}
