import { HadoopShell, type ShellResult } from '../src/hadoop/shell-batch.js';
import { hadoopPeers } from '../src/hadoop/peers.js';
import { clientSettings, withConf } from './java-run.js';
import type { HadoopSystem } from './hadoop-systems.js';

/** A ShellBatch command's answer and how long it took inside the (warm) JVM. */
export interface TimedShellResult extends ShellResult { seconds: number }

/** One warm ShellBatch JVM per system: the in-JVM figures (no JVM start-up, no client set-up). */
export class WarmShell {
  readonly #shell: HadoopShell;
  readonly #what: string;

  private constructor(shell: HadoopShell, what: string) {
    this.#shell = shell;
    this.#what = what;
  }

  /**
   * Starts ShellBatch against `sys` and runs one untimed `fs -ls /`, so class loading and the
   * client's connection set-up are behind it before the first timed command.
   */
  static async open(sys: HadoopSystem): Promise<WarmShell> {
    const shell = new WarmShell(new HadoopShell(sys.uri, clientSettings(sys), withConf(sys, hadoopPeers().client)), `ShellBatch on ${sys.name}`);
    try {
      await shell.must(60_000, 'fs', '-ls', '/');
    } catch (e) {
      await shell.close();
      throw e;
    }
    return shell;
  }

  /**
   * Runs one command, timed from sending its line to its answer (in-JVM time plus a pipe round
   * trip); throws unless it answers code 0 within `timeoutMs`.
   */
  async must(timeoutMs: number, ...words: string[]): Promise<TimedShellResult> {
    const t0 = performance.now();
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${this.#what}: ${words.join(' ')} gave no answer in ${timeoutMs / 1000} s`)), timeoutMs);
    });
    try {
      const r = await Promise.race([this.#shell.run(...words), timeout]);
      const seconds = (performance.now() - t0) / 1000;
      if (r.code !== 0) throw new Error(`${this.#what}: ${words.join(' ')} failed (${r.code}): ${(r.err || r.out).trim().split('\n').slice(0, 15).join('\n')}`);
      return { ...r, seconds };
    } finally {
      clearTimeout(timer);
    }
  }

  /** Ends the JVM (SIGKILL if it does not leave within 5 s, e.g. stuck in a hung command). */
  close(): Promise<void> {
    return this.#shell.close();
  }
}
