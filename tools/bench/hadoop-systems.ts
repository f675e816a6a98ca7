import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { startMiniHdfs } from '../src/hadoop/mini-hdfs.js';
import { lastJsonLine, mustRun, runCommand } from './command.js';
import { freePortBase } from './free-ports.js';
import { writeClientConf } from './java-run.js';
import { startShimProcess } from './shim-process.js';

/** One file system the Hadoop client is pointed at: ours (the shim) or the real HDFS. */
export interface HadoopSystem {
  readonly name: 'ours' | 'hdfs';
  /** `fs.defaultFS`: `hdfs://127.0.0.1:PORT`. */
  readonly uri: string;
  /** The namenode as HOST:PORT, for Debian's `hdfs` (HADOOP_NAMENODE). */
  readonly namenode: string;
  /** Its client configuration directory (core-site.xml), first on every client JVM's classpath. */
  readonly confDir: string;
  /** The process serving the client's bytes (the shim, the minicluster's JVM), for profiling. */
  readonly pid: number;
  /** Every server process (ours: shim, glusterd, bricks, self-heal daemon; hdfs: the one JVM), for CPU accounting. */
  readonly serverPids: readonly number[];
  /** Stops everything this system started; safe to call twice. */
  stop(): Promise<void>;
}

/** Where and how to start our side. */
export interface OursSystemOptions {
  /** The repository root (tools/bin/gcluster.js). */
  repo: string;
  /** A scratch directory of its own: the cluster's home and the shim's log go there. */
  dir: string;
  portBase: number;
  /** The shim's `--block-size` in bytes. */
  blockSize: number;
  /** Node options for the shim, e.g. `--cpu-prof --cpu-prof-dir DIR`. */
  shimNodeArgs?: string[];
  log: (m: string) => void;
}

/**
 * Our side: a 2 x 2 volume (replica 2) from `gcluster up --no-hdfs` on N…N+4 of a free port base
 * N, and the shim as its own process on N+10…N+13 (as tools/bench/hdfs.ts runs it, so it can be
 * profiled). On failure whatever was started is stopped again.
 */
export async function startOurs(o: OursSystemOptions): Promise<HadoopSystem> {
  const gcluster = join(o.repo, 'tools/bin/gcluster.js');
  const home = join(o.dir, 'home');
  const base = await freePortBase(o.portBase, [0, 1, 2, 3, 4, 10, 11, 12, 13]);
  let clusterUp = false;
  let shim: Awaited<ReturnType<typeof startShimProcess>> | undefined;
  const stop = async () => {
    await shim?.stop().catch((e: Error) => o.log(`shim stop failed: ${e.message}`));
    shim = undefined;
    if (clusterUp) await runCommand(gcluster, ['down', '--home', home]);
    clusterUp = false;
  };
  try {
    o.log(`ours: 2 x 2 volume on port base ${base}, shim on ${base + 10}…${base + 13}`);
    clusterUp = true;
    const up = lastJsonLine<{ volumeSpec: string }>(await mustRun(gcluster, [
      'up', '--home', home, '--port-base', String(base), '--bricks', '4', '--replica', '2', '--no-hdfs', '--json',
    ]));
    mkdirSync(o.dir, { recursive: true });
    shim = await startShimProcess({
      volumeSpec: up.volumeSpec, host: '127.0.0.1', logFile: join(o.dir, 'hcfs-shim.log'), blockSize: String(o.blockSize),
      ports: { namenode: base + 10, webhdfs: base + 11, datanode: base + 12, datanodeHttp: base + 13 },
      nodeArgs: o.shimNodeArgs ?? [],
    });
    const namenode = shim.endpoints.namenode;
    o.log(`ours: hcfs-shim pid ${shim.pid} at hdfs://${namenode}; log ${join(o.dir, 'hcfs-shim.log')}`);
    const uri = `hdfs://${namenode}`;
    const status = JSON.parse(await mustRun(gcluster, ['status', '--home', home, '--json'])) as { processes: { pid: number | null }[] };
    const serverPids = [shim.pid, ...status.processes.map((p) => p.pid).filter((p): p is number => !!p)];
    return { name: 'ours', uri, namenode, confDir: writeClientConf({ uri }, o.dir), pid: shim.pid, serverPids, stop };
  } catch (e) {
    await stop();
    throw e;
  }
}

/**
 * The real HDFS: Hadoop's minicluster (one JVM: a NameNode and 2 DataNodes on loopback,
 * replication 2, the given block size), its data under `dir`.
 */
export async function startHdfs(o: { dir: string; blockSize: number; log: (m: string) => void }): Promise<HadoopSystem> {
  const mini = await startMiniHdfs({ dir: join(o.dir, 'data'), datanodes: 2, replication: 2, blockSize: o.blockSize });
  o.log(`hdfs: minicluster pid ${mini.process.pid} at ${mini.uri}`);
  return {
    name: 'hdfs', uri: mini.uri, namenode: `127.0.0.1:${mini.port}`, confDir: writeClientConf(mini, o.dir),
    pid: mini.process.pid!, serverPids: [mini.process.pid!], stop: () => mini.stop(),
  };
}
