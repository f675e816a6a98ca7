/**
 * One JVM running Hadoop client commands one after another (tools/hadoop/java/ShellBatch.java),
 * so a suite pays the JVM's start-up once instead of per `hadoop fs` command.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { hadoopPeers } from './peers.js';

/** What one command printed and returned. */
export interface ShellResult {
  code: number;
  out: string;
  err: string;
}

/** A running ShellBatch JVM talking to one file system. */
export class HadoopShell {
  readonly #proc: ChildProcess;
  readonly #answers: ((r: ShellResult) => void)[] = [];
  #chain: Promise<unknown> = Promise.resolve();
  #ready: Promise<void>;

  /**
   * Starts the JVM with `fs.defaultFS` = `defaultFs` and any further Hadoop settings
   * (`dfs.replication`, ...). `classpath` defaults to the plain client's.
   */
  constructor(defaultFs: string, settings: Record<string, string | number> = {}, classpath = hadoopPeers().client) {
    const conf = Object.entries(settings).map(([k, v]) => `${k}=${v}`);
    this.#proc = spawn('java', ['-Xmx512m', '-cp', classpath, 'ShellBatch', defaultFs, ...conf], { stdio: ['pipe', 'pipe', 'pipe'] });
    let stderr = '';
    this.#proc.stderr!.on('data', (b: Buffer) => { stderr = (stderr + b.toString()).slice(-4000); });
    const lines = createInterface({ input: this.#proc.stdout! });
    this.#ready = new Promise((resolve, reject) => {
      this.#proc.once('exit', (code) => {
        const failure = new Error(`ShellBatch exited (${code}): ${stderr}`);
        reject(failure);
        for (const answer of this.#answers.splice(0)) answer({ code: -1, out: '', err: failure.message });
      });
      lines.on('line', (line) => {
        const msg = JSON.parse(line) as ShellResult & { ready?: boolean };
        if (msg.ready) resolve();
        else this.#answers.shift()?.(msg);
      });
    });
  }

  /** Runs one driver command (`fs`, `concat`, `locations`, `splits`, `mkfiles`); commands run in order. */
  run(...words: string[]): Promise<ShellResult> {
    const next = this.#chain.then(async () => {
      await this.#ready;
      return new Promise<ShellResult>((resolve) => {
        this.#answers.push(resolve);
        this.#proc.stdin!.write(words.map(escapeWord).join('\t') + '\n');
      });
    });
    this.#chain = next.catch(() => undefined);
    return next;
  }

  /** `hadoop fs ARGS...`. */
  fs(...args: string[]): Promise<ShellResult> {
    return this.run('fs', ...args);
  }

  /** Ends the JVM. */
  async close(): Promise<void> {
    if (this.#proc.exitCode !== null) return;
    const exited = new Promise((r) => this.#proc.once('exit', r));
    this.#proc.stdin!.end();
    const killer = setTimeout(() => this.#proc.kill('SIGKILL'), 5_000);
    await exited;
    clearTimeout(killer);
  }
}

function escapeWord(w: string): string {
  return w.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n');
}
