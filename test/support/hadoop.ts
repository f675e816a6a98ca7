/**
 * The real Hadoop peers for the suites: Hadoop's Java client in one long-lived JVM per suite
 * ({@link HadoopShell}), the minicluster as the real HDFS to compare with, and `java` runs of
 * the MapReduce examples and DistCp. Jars come from Maven through tools/hadoop/fetch.sh.
 */
import { spawn } from 'node:child_process';
import { hadoopPeers } from 'gluster-tools/dist/src/hadoop/peers.js';

export { hadoopPeers } from 'gluster-tools/dist/src/hadoop/peers.js';
export { HadoopShell, type ShellResult } from 'gluster-tools/dist/src/hadoop/shell-batch.js';
export { startMiniHdfs, type MiniHdfs } from 'gluster-tools/dist/src/hadoop/mini-hdfs.js';

/** What a `java` run printed and how it exited. */
export interface JavaResult { code: number; out: string; err: string }

/**
 * Runs `java -cp <jobs classpath> MAIN ARGS...` (the examples' driver, DistCp, ...) with
 * `-D` settings for Hadoop placed right after the main class's first argument where the tool
 * takes them; killed after `timeoutMs`. `jvmArgs` go to the JVM before the class path.
 */
export function runJava(main: string, args: string[], opts: { timeoutMs?: number; heap?: string; classpath?: string; jvmArgs?: string[] } = {}): Promise<JavaResult> {
  const child = spawn('java', [`-Xmx${opts.heap ?? '1g'}`, ...opts.jvmArgs ?? [], '-cp', opts.classpath ?? hadoopPeers().jobs, main, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  const out: Buffer[] = [], err: Buffer[] = [];
  child.stdout.on('data', (d: Buffer) => out.push(d));
  child.stderr.on('data', (d: Buffer) => err.push(d));
  const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 300_000);
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? -1, out: Buffer.concat(out).toString(), err: Buffer.concat(err).toString() });
    });
  });
}
