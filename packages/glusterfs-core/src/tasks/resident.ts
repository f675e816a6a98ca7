import { MessageChannel, Worker } from 'node:worker_threads';
import { FsError } from '../errors/index.js';
import type { Logger } from '../log/index.js';
import type { RpcCallInfo } from '../rpc/types.js';
import { fromWireError, reviveBuffers, type PortMessage } from './protocol.js';
import type { ResidentData, ResidentEvent, ResidentRequest } from './resident-worker.js';
import type { BrickContext } from './types.js';

const RESTART_MS = [200, 1_000, 5_000, 30_000];
const STOP_MS = 2_000;

/**
 * The brick's resident thread: one long-lived worker running every resident handler, so they
 * keep state between calls. It is started with the service; when it dies it is started again
 * (with growing pauses) and calls in flight fail with EIO. With no resident handler it exits.
 */
export class ResidentThread {
  readonly #data: ResidentData;
  readonly #log: Logger;
  #worker: Worker | undefined;
  #names: Promise<Set<string>>;
  #resolveNames!: (n: Set<string>) => void;
  readonly #inflight = new Set<(e: FsError) => void>();
  #restarts = 0;
  #ready = false;
  #closed = false;
  #restartTimer: NodeJS.Timeout | undefined;

  constructor(brick: BrickContext, modules: string[], log: Logger) {
    this.#data = { brick: { ...brick }, modules: [...modules] };
    this.#log = log;
    this.#names = this.#freshNames();
    this.#spawn();
  }

  /** Names of the resident tasks (empty until the thread is ready, and when there are none). */
  names(): Promise<Set<string>> {
    return this.#names;
  }

  /** Runs resident task `name`; chunks go to `call.emit` in order, before the result. EIO if the thread dies meanwhile. */
  run(name: string, args: unknown, call?: RpcCallInfo): Promise<unknown> {
    const worker = this.#worker;
    if (!worker) return Promise.reject(new FsError('EIO', 'the brick\'s resident task thread is restarting; try again'));
    const { port1, port2 } = new MessageChannel();
    return new Promise((resolve, reject) => {
      const fail = (e: FsError) => finish(() => reject(e));
      const finish = (fn: () => void) => {
        if (!this.#inflight.delete(fail)) return;
        port1.close();
        fn();
      };
      this.#inflight.add(fail);
      port1.on('message', (m: PortMessage) => {
        if (m.kind === 'chunk') call?.emit(reviveBuffers(m.chunk));
        else if (m.ok) finish(() => resolve(reviveBuffers(m.value)));
        else finish(() => reject(fromWireError(m.error)));
      });
      const req: ResidentRequest = { op: 'run', name, args, port: port2 };
      worker.postMessage(req, [port2]);
    });
  }

  /** Lets the handlers persist (up to 2 s), then ends the thread. */
  async close(): Promise<void> {
    this.#closed = true;
    clearTimeout(this.#restartTimer);
    this.#resolveNames(new Set());
    const worker = this.#worker;
    this.#worker = undefined;
    if (!worker) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, STOP_MS);
      worker.on('message', (e: ResidentEvent) => {
        if (e.kind === 'stopped') {
          clearTimeout(timer);
          resolve();
        }
      });
      worker.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
      worker.postMessage({ op: 'stop' } satisfies ResidentRequest);
    });
    await worker.terminate();
  }

  #freshNames(): Promise<Set<string>> {
    return new Promise((r) => (this.#resolveNames = r));
  }

  #spawn(): void {
    const worker = new Worker(new URL('./resident-worker.js', import.meta.url), { workerData: this.#data });
    this.#worker = worker;
    worker.on('message', (e: ResidentEvent) => this.#onEvent(worker, e));
    worker.on('error', (e) => this.#log.error('resident task thread crashed', { brick: this.#data.brick.path, error: e.message }));
    worker.on('exit', (code) => this.#onExit(worker, code));
  }

  #onEvent(worker: Worker, e: ResidentEvent): void {
    if (e.kind === 'ready') {
      this.#ready = true;
      this.#restarts = 0;
      this.#resolveNames(new Set(e.names));
      if (e.names.length === 0) void worker.terminate(); // nothing to keep resident
      else this.#log.info('resident tasks ready', { brick: this.#data.brick.path, tasks: e.names });
    } else if (e.kind === 'failed') {
      this.#log.error('resident task modules failed to load', { brick: this.#data.brick.path, error: e.error });
      this.#ready = true;
      this.#resolveNames(new Set());
      void worker.terminate();
    } else if (e.kind === 'start-failed') {
      this.#log.error('resident task failed to start', { brick: this.#data.brick.path, task: e.name, error: e.error });
    }
  }

  #onExit(worker: Worker, code: number): void {
    if (this.#worker !== worker) return;
    this.#worker = undefined;
    for (const fail of [...this.#inflight]) fail(new FsError('EIO', `the brick's resident task thread stopped (exit ${code}); the task was lost`));
    // Died while starting (a start hook threw asynchronously): callers stop waiting, and it is retried.
    const crashedEarly = !this.#ready;
    if (crashedEarly) this.#resolveNames(new Set());
    this.#ready = false;
    void this.#names.then((names) => {
      if (this.#closed || (names.size === 0 && !crashedEarly)) return;
      const pause = RESTART_MS[Math.min(this.#restarts++, RESTART_MS.length - 1)]!;
      this.#log.warn('restarting the resident task thread', { brick: this.#data.brick.path, exitCode: code, inMs: pause });
      this.#names = this.#freshNames();
      // Not unref'd: a caller may be waiting for the names the new thread will report.
      this.#restartTimer = setTimeout(() => {
        this.#restartTimer = undefined;
        if (!this.#closed) this.#spawn();
      }, pause);
    });
  }
}
