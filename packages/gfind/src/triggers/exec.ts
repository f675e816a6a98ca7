import { spawn } from 'node:child_process';
import { OutputTail } from './output-tail.js';

/** How a command run ended. */
export interface CommandOutcome {
  /** Its exit status, or null when a signal ended it (or it never started). */
  exitCode: number | null;
  signal: string | null;
  /** True when it outlived its timeout and was killed. */
  timedOut: boolean;
  /** The last 2 KiB of what it wrote to stdout and stderr, interleaved. */
  output: string;
  durationMs: number;
  /** Why it could not be started at all (ENOENT for /bin/sh, EPERM for the account, …). */
  error?: string;
}

/** Options of {@link runCommand}. */
export interface RunCommandOptions {
  env: Record<string, string>;
  /** Run as this account (only when the runner is root and it is another one). */
  uid?: number;
  gid?: number;
  timeoutMs: number;
  cwd?: string;
  /** Aborting kills the command's process group at once (the brick is stopping). */
  signal?: AbortSignal;
}

/** After SIGTERM, a command (and what it started) gets this long before SIGKILL. */
const KILL_GRACE_MS = 1000;
/** After the command exits, its output pipes may stay open in something it left behind this long. */
const DRAIN_MS = 200;

/**
 * Runs `sh -c COMMAND` in its own process group with stdin closed, collecting the tail of its
 * output. Past `timeoutMs` the whole group gets SIGTERM, then SIGKILL a second later, so a
 * command that started children (`sleep`, a pipeline) cannot outlive its timeout. Never
 * rejects: a command that cannot start resolves with `error` set.
 */
export function runCommand(command: string, o: RunCommandOptions): Promise<CommandOutcome> {
  const started = Date.now();
  const tail = new OutputTail();
  return new Promise((resolve) => {
    let timedOut = false;
    let done = false;
    const child = spawn('/bin/sh', ['-c', command], {
      env: o.env, cwd: o.cwd ?? '/', uid: o.uid, gid: o.gid, detached: true, stdio: ['ignore', 'pipe', 'pipe'],
    });
    const killGroup = (sig: NodeJS.Signals) => {
      try {
        if (child.pid !== undefined) process.kill(-child.pid, sig);
      } catch { /* the group is gone already */ }
    };
    const finish = (exitCode: number | null, signal: string | null, error?: string) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      clearTimeout(hardKill);
      resolve({ exitCode, signal, timedOut, output: tail.text(), durationMs: Date.now() - started, ...(error ? { error } : {}) });
    };
    let hardKill: NodeJS.Timeout | undefined;
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup('SIGTERM');
      hardKill = setTimeout(() => killGroup('SIGKILL'), KILL_GRACE_MS);
    }, o.timeoutMs);
    o.signal?.addEventListener('abort', () => killGroup('SIGKILL'), { once: true });
    child.stdout.on('data', (d: Buffer) => tail.push(d));
    child.stderr.on('data', (d: Buffer) => tail.push(d));
    child.on('error', (e) => finish(null, null, e.message));
    child.on('exit', (code, signal) => {
      // Something the command left running in the background may hold the pipes open: wait a
      // little for the last output, then stop reading (the group is killed on a timeout only).
      const drained = setTimeout(() => {
        child.stdout.destroy();
        child.stderr.destroy();
        finish(code, signal);
      }, DRAIN_MS);
      child.on('close', () => {
        clearTimeout(drained);
        finish(code, signal);
      });
    });
  });
}
