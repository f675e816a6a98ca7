import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { HADOOP_DIR, hadoopPeers } from '../src/hadoop/peers.js';

/**
 * Makes sure the Hadoop jars are fetched and the Java drivers compiled from their current
 * sources: `hadoopPeers()` fetches only when nothing is there, so a checkout whose
 * tools/hadoop/java changed since the last fetch (ShellBatch's `read`, used here) would run an
 * old ShellBatch. Recompiles (tools/hadoop/fetch.sh, seconds) when a source is newer than its class.
 */
export function ensureDrivers(log: (m: string) => void): void {
  hadoopPeers();
  const java = join(HADOOP_DIR, 'java');
  const classes = join(HADOOP_DIR, '.cache', 'classes');
  const stale = readdirSync(java).filter((n) => n.endsWith('.java')).filter((n) => {
    const cls = join(classes, n.replace(/\.java$/, '.class'));
    return !existsSync(cls) || statSync(cls).mtimeMs < statSync(join(java, n)).mtimeMs;
  });
  if (!stale.length) return;
  log(`recompiling the Hadoop drivers (${stale.join(', ')} changed)`);
  const r = spawnSync('bash', [join(HADOOP_DIR, 'fetch.sh')], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`tools/hadoop/fetch.sh failed:\n${r.stdout}${r.stderr}`);
}
