import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { hadoopPeers } from '../src/hadoop/peers.js';
import type { HadoopSystem } from './hadoop-systems.js';

/** How one JVM run ended and how long the user waited for it, spawn to exit. */
export interface JavaRun {
  code: number;
  seconds: number;
  /** stdout as text, unless it went to `onStdout`. */
  stdout: string;
  /** The end of stderr. */
  stderr: string;
}

/** How a JVM is run. */
export interface JavaRunOptions {
  classpath: string;
  /** Receives stdout as it arrives (a byte check); when absent, stdout is collected as text. */
  onStdout?: (chunk: Buffer) => void;
  heap?: string;
  timeoutMs?: number;
}

/**
 * Runs `java -XmxHEAP -cp CLASSPATH MAIN ARGS...` as its own process, as a user's `hadoop`
 * command does, and times it whole: JVM start-up, class loading and the client's set-up are
 * part of what the user waits for. Never throws for a non-zero exit; see {@link mustJava}.
 */
export function runJava(main: string, args: string[], o: JavaRunOptions): Promise<JavaRun> {
  const t0 = performance.now();
  const child = spawn('java', [`-Xmx${o.heap ?? '512m'}`, '-cp', o.classpath, main, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'], timeout: o.timeoutMs ?? 600_000, killSignal: 'SIGKILL',
  });
  let stdout = '', stderr = '';
  child.stdout.on('data', o.onStdout ?? ((d: Buffer) => { stdout += d; }));
  child.stderr.on('data', (d: Buffer) => { stderr = (stderr + d).slice(-8000); });
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, sig) => resolve({
      code: code ?? (sig ? 128 : -1), seconds: (performance.now() - t0) / 1000, stdout, stderr,
    }));
  });
}

/** Like {@link runJava}, but throws with the JVM's stderr unless it exits 0. */
export async function mustJava(main: string, args: string[], o: JavaRunOptions): Promise<JavaRun> {
  const r = await runJava(main, args, o);
  if (r.code !== 0) {
    // Without an SLF4J binding the shaded client logs nothing; the tools print their failures
    // on stderr or stdout.
    const said = `${r.stderr}\n${r.stdout.slice(-8000)}`.split('\n').filter((l) => l.trim() && !l.startsWith('SLF4J:'));
    throw new Error(`java ${main} ${args.join(' ')} failed (exit ${r.code}): ${said.slice(-15).join('\n') || '(nothing on stderr or stdout: the shaded client has no SLF4J binding, so its log is silent; rerun it with slf4j-simple on the classpath to see why)'}`);
  }
  return r;
}

/** The client settings every JVM of the bench gets: the system's namenode and 2 replicas. */
export function clientSettings(sys: Pick<HadoopSystem, 'uri'>): Record<string, string | number> {
  // Hadoop's client default is 3 replicas; both systems are measured at 2 (the volume's replica count).
  return { 'fs.defaultFS': sys.uri, 'dfs.replication': 2 };
}

const xmlEscape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * Writes a Hadoop configuration directory for `sys` under `dir` (core-site.xml with
 * {@link clientSettings}, as a user's installation has in etc/hadoop) and returns it. It goes
 * first on the classpath: FsShell's main refuses to run without a core-site.xml there.
 */
export function writeClientConf(sys: Pick<HadoopSystem, 'uri'>, dir: string): string {
  const conf = join(dir, 'conf');
  mkdirSync(conf, { recursive: true });
  const props = Object.entries(clientSettings(sys))
    .map(([k, v]) => `  <property><name>${xmlEscape(k)}</name><value>${xmlEscape(String(v))}</value></property>`);
  writeFileSync(join(conf, 'core-site.xml'), `<?xml version="1.0"?>\n<configuration>\n${props.join('\n')}\n</configuration>\n`);
  return conf;
}

/** The classpath of `sys`'s client JVMs: its configuration directory, then `classpath`. */
export const withConf = (sys: HadoopSystem, classpath: string) => `${sys.confDir}:${classpath}`;

/** `-D KEY=VALUE` generic options (ToolRunner) for `settings`. */
export const dashD = (settings: Record<string, string | number>): string[] =>
  Object.entries(settings).flatMap(([k, v]) => ['-D', `${k}=${v}`]);

/**
 * `hadoop fs ARGS...` against `sys` as a fresh JVM: Hadoop's FsShell main with the system's
 * configuration directory and the plain client classpath, what the `hadoop` script launches.
 * Throws unless it exits 0.
 */
export function fsCommand(sys: HadoopSystem, args: string[], o: Omit<JavaRunOptions, 'classpath'> = {}): Promise<JavaRun> {
  return mustJava('org.apache.hadoop.fs.FsShell', args, { ...o, classpath: withConf(sys, hadoopPeers().client) });
}
