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

/** Classpaths for the peers, each a `java -cp` value. */
export interface HadoopClasspaths {
  /** Hadoop's shaded client (hadoop-client-api + runtime) and the drivers: what a user's job has. */
  client: string;
  /** The client plus the MapReduce examples and DistCp (with the two libraries DistCp uses
   * unshaded) and a log binding, so a failed task's reason reaches stderr (at WARN). */
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
  if (stale()) {
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
    jobs: [...client, ...pick(/^hadoop-(mapreduce-examples|distcp)-/), ...pick(/^(commons-cli|commons-lang3|slf4j-simple)-/)].join(':'),
    minicluster: [classes, ...pick(/^hadoop-client-minicluster-/), ...client.slice(1), ...pick(/^(junit|hamcrest)/)].join(':'),
  };
  return ready;
}

/**
 * True when the jars or the compiled drivers are missing or older than what they come from
 * (pom.xml, a java/*.java), so a checkout that gained a dependency or a driver refetches.
 */
function stale(): boolean {
  const mtime = (p: string) => (existsSync(p) ? statSync(p).mtimeMs : -1);
  const stamp = mtime(join(CACHE, 'lib.stamp'));
  if (stamp < mtime(join(HADOOP_DIR, 'pom.xml'))) return true;
  const sources = readdirSync(join(HADOOP_DIR, 'java')).filter((n) => n.endsWith('.java'));
  return sources.some((n) => mtime(join(CACHE, 'classes', n.replace(/\.java$/, '.class'))) < mtime(join(HADOOP_DIR, 'java', n)));
}
