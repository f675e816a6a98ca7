/**
 * A real HDFS on loopback (Hadoop's MiniDFSCluster in one JVM, tools/hadoop/java/MiniHdfs.java)
 * for tests and benchmarks to run the same client against as the shim.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { hadoopPeers } from './peers.js';

/** Options of {@link startMiniHdfs}. */
export interface MiniHdfsOptions {
  /** Where the NameNode and DataNodes keep their data (wiped first). */
  dir: string;
  /** The NameNode's RPC port; 0 picks a free one. */
  port?: number;
  datanodes?: number;
  replication?: number;
  blockSize?: number;
}

/** A running minicluster. */
export interface MiniHdfs {
  /** `hdfs://127.0.0.1:PORT`. */
  uri: string;
  port: number;
  process: ChildProcess;
  stop(): Promise<void>;
}

/** Starts the minicluster and resolves once its NameNode serves (about 5-10 s). */
export async function startMiniHdfs(opts: MiniHdfsOptions): Promise<MiniHdfs> {
  const args = [opts.dir, String(opts.port ?? 0), String(opts.datanodes ?? 2), String(opts.replication ?? 2)];
  if (opts.blockSize) args.push(String(opts.blockSize));
  const proc = spawn('java', ['-Xmx1g', '-cp', hadoopPeers().minicluster, 'MiniHdfs', ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  proc.stderr!.on('data', (b: Buffer) => { stderr = (stderr + b.toString()).slice(-4000); });
  const uri = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => { proc.kill('SIGKILL'); reject(new Error(`the minicluster did not start in 120 s: ${stderr}`)); }, 120_000);
    proc.once('exit', (code) => { clearTimeout(timer); reject(new Error(`the minicluster exited (${code}): ${stderr}`)); });
    createInterface({ input: proc.stdout! }).on('line', (line) => {
      const m = /^READY (hdfs:\/\/\S+)/.exec(line);
      if (m) { clearTimeout(timer); resolve(m[1]!); }
    });
  });
  return {
    uri,
    port: Number(new URL(uri).port),
    process: proc,
    async stop() {
      if (proc.exitCode !== null) return;
      const exited = new Promise((r) => proc.once('exit', r));
      proc.stdin!.end();
      const killer = setTimeout(() => proc.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(killer);
    },
  };
}
