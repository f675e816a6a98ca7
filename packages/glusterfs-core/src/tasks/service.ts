import { availableParallelism } from 'node:os';
import { MessageChannel } from 'node:worker_threads';
import { Piscina } from 'piscina';
import { FsError } from '../errors/index.js';
import type { Logger } from '../log/index.js';
import type { RpcCallInfo, RpcHandler } from '../rpc/types.js';
import { ResidentThread } from './resident.js';
import { fromWireError, reviveBuffers, type PortMessage, type WorkerRequest } from './protocol.js';
import type { BrickContext } from './types.js';

/** Idle pool threads are kept this long, so a burst of tasks does not pay thread start-up each time. */
const IDLE_MS = 60_000;

/** A brick's task service: the procedures of RPC program `task`, and its pool's shutdown. */
export interface TaskService {
  /**
   * `run` args `[taskName, taskArgs]`: runs the task on this brick, streaming its partial results
   * as chunks, resolving to its final result. EINVAL (unknown task, bad module), ECANCELED, or
   * the handler's errno. `list` args `[]`: the task names this brick offers, sorted.
   */
  readonly procs: Record<string, RpcHandler>;
  /** Stops the worker pool (tasks still running fail). */
  close(): Promise<void>;
}

/**
 * Creates the plugin host of one brick: handlers from core's built-ins and from `modules`
 * (package names or absolute paths exporting `handlers: TaskHandler[]`) run in a piscina pool
 * of worker threads next to the brick's files; resident handlers run in the brick's one
 * long-lived resident thread instead (started here, their `start` hooks called at once). Module
 * load failures are logged at start and reported as EINVAL to every call.
 */
export function createTaskService(brick: BrickContext, modules: string[], log: Logger): TaskService {
  const pool = new Piscina({
    filename: new URL('./worker-entry.cjs', import.meta.url).href,
    minThreads: 0,
    maxThreads: Math.max(2, availableParallelism()),
    idleTimeout: IDLE_MS,
  });
  const submit = (op: WorkerRequest['op'], name: string, args: unknown, call?: RpcCallInfo) =>
    runOnPool(pool, { op, name, args, brick: { ...brick }, modules: [...modules] }, call);

  const resident = new ResidentThread(brick, modules, log);
  let closed = false;
  // Load the modules once up front so a misconfigured brick says so in its log at start.
  submit('list', '', null).then(
    (names) => log.info('task service ready', { brick: brick.path, tasks: names }),
    (e: unknown) => {
      if (!closed) log.error('task modules failed to load', { brick: brick.path, modules, error: (e as Error).message });
    },
  );

  return {
    procs: {
      run: async (args, call) => {
        const [name, taskArgs] = args;
        if (typeof name !== 'string') throw new FsError('EINVAL', 'task.run needs [name, args]');
        if ((await resident.names()).has(name)) return resident.run(name, taskArgs, call);
        return submit('run', name, taskArgs, call);
      },
      list: async () => submit('list', '', null),
    },
    close: async () => {
      closed = true;
      await Promise.all([resident.close(), pool.destroy()]);
    },
  };
}

/** Runs one request on the pool; chunks go to `call.emit` in order, before the result. */
function runOnPool(pool: Piscina, req: Omit<WorkerRequest, 'port'>, call?: RpcCallInfo): Promise<unknown> {
  const { port1, port2 } = new MessageChannel();
  return new Promise((resolve, reject) => {
    let settled = false;
    const finish = (fn: () => void) => {
      if (settled) return;
      settled = true;
      port1.close();
      fn();
    };
    // The outcome travels on the same port as the chunks: two channels would not keep their order.
    port1.on('message', (m: PortMessage) => {
      if (m.kind === 'chunk') call?.emit(reviveBuffers(m.chunk));
      else if (m.ok) finish(() => resolve(reviveBuffers(m.value)));
      else finish(() => reject(fromWireError(m.error)));
    });
    const request: WorkerRequest = { ...req, port: port2 };
    pool.run(request, { transferList: [port2], signal: call?.signal }).catch((e: unknown) => {
      const aborted = call?.signal.aborted;
      finish(() => reject(aborted ? new FsError('ECANCELED', 'task cancelled') : new FsError('EIO', `task worker failed: ${(e as Error).message}`)));
    });
  });
}
