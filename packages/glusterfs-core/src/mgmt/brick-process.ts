import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, mkdirSync, openSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { createInterface } from 'node:readline';
import { FsError } from '../errors/index.js';

/** Everything needed to start one glusterfsd. */
export interface BrickLaunch {
  /** Path of the glusterfsd entry script (run with this Node). */
  glusterfsd: string;
  volfile: string;
  brickPath: string;
  volume: string;
  /** The brick's client subvolume name, `<vol>-client-<i>`. */
  subvolume: string;
  host: string;
  port: number;
  logFile: string;
  /** Task handler modules the brick loads (`--tasks`, from `brick.task-modules`). */
  tasks?: readonly string[];
  /** How long to wait for `READY <port>` (default 20 s). */
  readyTimeoutMs?: number;
}

/** A brick process that announced it is serving. */
export interface RunningBrick {
  readonly child: ChildProcess;
  readonly pid: number;
  readonly port: number;
  /** Settles when the process has exited and been reaped. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/**
 * Starts a glusterfsd and resolves once it prints `READY <port>` on stdout. The process gets its
 * own process group, so a Ctrl-C meant for the terminal's foreground job reaches glusterd only,
 * which then stops its bricks in order. Its stderr goes to its log file, so it survives
 * glusterd. Fails with EIO (with the log's last lines) when it exits first, ETIMEDOUT when it
 * stays silent.
 */
export async function launchBrick(l: BrickLaunch): Promise<RunningBrick> {
  mkdirSync(dirname(l.logFile), { recursive: true });
  const errFd = openSync(l.logFile, 'a');
  const args = [
    l.glusterfsd, '--volfile', l.volfile, '--brick-path', l.brickPath, '--volume', l.volume,
    '--subvolume', l.subvolume, '--host', l.host, '--port', String(l.port), '--log-file', l.logFile,
    ...(l.tasks?.length ? ['--tasks', l.tasks.join(',')] : []),
  ];
  let child: ChildProcess;
  try {
    child = spawn(process.execPath, args, { detached: true, stdio: ['ignore', 'pipe', errFd] });
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

function waitReady(
  child: ChildProcess, exited: RunningBrick['exited'], l: BrickLaunch,
): Promise<number> {
  return new Promise<number>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    let ready = false;
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new FsError('ETIMEDOUT', `brick ${l.host}:${l.brickPath} did not report READY within ${(l.readyTimeoutMs ?? 20_000) / 1000} s; see ${l.logFile}`));
    }, l.readyTimeoutMs ?? 20_000);
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
      reject(new FsError('EIO',
        `brick ${l.host}:${l.brickPath} exited (${signal ?? `code ${code}`}) before it was ready${tail ? `: ${tail}` : ''}; see ${l.logFile}`));
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
 * Stops a brick: SIGTERM, then SIGKILL after `graceMs`; resolves once it has been reaped.
 * Signals go to the brick's process group so helpers it spawned (workers) stop with it.
 */
export async function stopBrick(b: RunningBrick, graceMs = 5000): Promise<void> {
  if (b.child.exitCode !== null || b.child.signalCode !== null) return;
  signalGroup(b.pid, 'SIGTERM');
  const timer = setTimeout(() => signalGroup(b.pid, 'SIGKILL'), graceMs);
  await b.exited;
  clearTimeout(timer);
}

function signalGroup(pid: number, sig: NodeJS.Signals): void {
  try {
    process.kill(-pid, sig);
  } catch {
    try { process.kill(pid, sig); } catch { /* already gone */ }
  }
}
