/**
 * The real Hadoop pieces that tests and benchmarks run against the shim (and against a real
 * HDFS): jars fetched by `tools/hadoop/fetch.sh` through Maven, and the small Java drivers in
 * `tools/hadoop/java`. Nothing here is part of the product; Java only ever plays the peer.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** tools/hadoop, found from this module's compiled place (tools/dist/src/hadoop). */
export const HADOOP_DIR = new URL('../../../hadoop/', import.meta.url).pathname;
const CACHE = join(HADOOP_DIR, '.cache');

/** True when a driver in tools/hadoop/java has no compiled class, or one older than its source. */
function driversStale(): boolean {
  const src = join(HADOOP_DIR, 'java');
  return readdirSync(src).filter((n) => n.endsWith('.java')).some((n) => {
    const cls = join(CACHE, 'classes', n.replace(/\.java$/, '.class'));
    return !existsSync(cls) || statSync(cls).mtimeMs < statSync(join(src, n)).mtimeMs;
  });
}

/** Classpaths for the peers, each a `java -cp` value. */
export interface HadoopClasspaths {
  /** Hadoop's shaded client (hadoop-client-api + runtime) and the drivers: what a user's job has. */
  client: string;
  /** The client plus the MapReduce examples and DistCp. */
  jobs: string;
  /** The minicluster: a real NameNode and DataNodes. */
  minicluster: string;
}

let ready: HadoopClasspaths | undefined;

/**
 * Fetches the jars and compiles the drivers when they are missing (seconds once Maven's local
 * repository has them), then returns the classpaths. Throws with what to install when java,
 * javac or mvn is missing.
 */
export function hadoopPeers(): HadoopClasspaths {
  if (ready) return ready;
  if (!existsSync(join(CACHE, 'lib.stamp')) || driversStale()) {
    const r = spawnSync('bash', [join(HADOOP_DIR, 'fetch.sh')], { encoding: 'utf8' });
    if (r.status !== 0) {
      throw new Error(`fetching the Hadoop client jars failed (needs java 17, javac and mvn; run bash tools/hadoop/fetch.sh to see why):\n${r.stdout}${r.stderr}`);
    }
  }
  const lib = join(CACHE, 'lib');
  const jars = readdirSync(lib).filter((n) => n.endsWith('.jar'));
  const pick = (re: RegExp): string[] => jars.filter((n) => re.test(n)).map((n) => join(lib, n));
  const classes = join(CACHE, 'classes');
  const common = pick(/^(commons-logging|slf4j-api|jsr305|snappy-java)-/);
  const client = [classes, ...pick(/^hadoop-client-(api|runtime)-/), ...common];
  ready = {
    client: client.join(':'),
    jobs: [...client, ...pick(/^hadoop-(mapreduce-examples|distcp)-/)].join(':'),
    minicluster: [classes, ...pick(/^hadoop-client-minicluster-/), ...client.slice(1), ...pick(/^(junit|hamcrest)/)].join(':'),
  };
  return ready;
}
