import { launchDaemon, stopDaemon, type RunningDaemon } from './daemon-process.js';

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
export type RunningBrick = RunningDaemon;

/**
 * Starts a glusterfsd and resolves once it prints `READY <port>` on stdout (see
 * {@link launchDaemon}: own process group, stderr to its log file). Fails with EIO (with the
 * log's last lines) when it exits first, ETIMEDOUT when it stays silent.
 */
export function launchBrick(l: BrickLaunch): Promise<RunningBrick> {
  return launchDaemon({
    script: l.glusterfsd,
    args: [
      '--volfile', l.volfile, '--brick-path', l.brickPath, '--volume', l.volume, '--subvolume', l.subvolume,
      '--host', l.host, '--port', String(l.port), '--log-file', l.logFile,
      ...(l.tasks?.length ? ['--tasks', l.tasks.join(',')] : []),
    ],
    logFile: l.logFile, what: `brick ${l.host}:${l.brickPath}`, readyTimeoutMs: l.readyTimeoutMs,
  });
}

/** Stops a brick: SIGTERM, then SIGKILL after `graceMs`; resolves once it has been reaped. */
export function stopBrick(b: RunningBrick, graceMs = 5000): Promise<void> {
  return stopDaemon(b, graceMs);
}
