import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, mkdirSync, openSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { createInterface } from 'node:readline';
import { FsError } from '../errors/index.js';

/** How to start a daemon glusterd supervises (a brick, the self-heal daemon). */
export interface DaemonLaunch {
  /** Entry script, run with this Node. */
  script: string;
  args: readonly string[];
  /** Where its stderr goes (appended), and where errors point to. */
  logFile: string;
  /** What it is, for error messages: `brick h:/p`, `self-heal daemon`. */
  what: string;
  /** How long to wait for `READY <port>` (default 20 s). */
  readyTimeoutMs?: number;
}

/** A daemon that announced it is serving. */
export interface RunningDaemon {
  readonly child: ChildProcess;
  readonly pid: number;
  readonly port: number;
  /** Settles when the process has exited and been reaped. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/**
 * Starts a daemon and resolves once it prints `READY <port>` on stdout. The process gets its own
 * process group, so a Ctrl-C meant for the terminal's foreground job reaches glusterd only,
 * which then stops its daemons in order. Its stderr goes to its log file, so it survives
 * glusterd. Fails with EIO (with the log's last lines) when it exits first, ETIMEDOUT when it
 * stays silent.
 */
export async function launchDaemon(l: DaemonLaunch): Promise<RunningDaemon> {
  mkdirSync(dirname(l.logFile), { recursive: true });
  const errFd = openSync(l.logFile, 'a');
  let child: ChildProcess;
  try {
    child = spawn(process.execPath, [l.script, ...l.args], { detached: true, stdio: ['ignore', 'pipe', errFd] });
  } finally {
    closeSync(errFd);
  }
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('exit', (code, signal) => resolve({ code, signal }));
    // A failed spawn (EMFILE, EAGAIN) reports 'error' and may never report 'exit'.
    child.once('error', () => resolve({ code: null, signal: null }));
  });
  const port = await waitReady(child, exited, l);
  return { child, pid: child.pid!, port, exited };
}

function waitReady(child: ChildProcess, exited: RunningDaemon['exited'], l: DaemonLaunch): Promise<number> {
  const timeoutMs = l.readyTimeoutMs ?? 20_000;
  return new Promise<number>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    let ready = false;
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new FsError('ETIMEDOUT', `${l.what} did not report READY within ${timeoutMs / 1000} s; see ${l.logFile}`));
    }, timeoutMs);
    lines.on('line', (line) => {
      const m = /^READY (\d+)\s*$/.exec(line);
      if (!m || ready) return;
      ready = true;
      clearTimeout(timer);
      resolve(Number(m[1]));
    });
    void exited.then(async ({ code, signal }) => {
      if (ready) return;
      clearTimeout(timer);
      const tail = await logTail(l.logFile);
      reject(new FsError('EIO', `${l.what} exited (${signal ?? `code ${code}`}) before it was ready${tail ? `: ${tail}` : ''}; see ${l.logFile}`));
    });
  });
}

/** The last few non-empty lines of a log file, joined, for error messages. */
export async function logTail(file: string, lines = 3): Promise<string> {
  try {
    const text = await readFile(file, 'utf8');
    return text.trimEnd().split('\n').slice(-lines).join(' | ').slice(-600);
  } catch {
    return '';
  }
}

/**
 * Stops a daemon: SIGTERM, then SIGKILL after `graceMs`; resolves once it has been reaped.
 * Signals go to its process group so helpers it spawned (workers) stop with it. A stopped
 * (SIGSTOP) daemon is continued so that it can act on the SIGTERM.
 */
export async function stopDaemon(d: RunningDaemon, graceMs = 5000): Promise<void> {
  if (d.child.exitCode !== null || d.child.signalCode !== null) return;
  signalGroup(d.pid, 'SIGTERM');
  signalGroup(d.pid, 'SIGCONT');
  const timer = setTimeout(() => signalGroup(d.pid, 'SIGKILL'), graceMs);
  await d.exited;
  clearTimeout(timer);
}

function signalGroup(pid: number, sig: NodeJS.Signals): void {
  try {
    process.kill(-pid, sig);
  } catch {
    try { process.kill(pid, sig); } catch { /* already gone */ }
  }
}
