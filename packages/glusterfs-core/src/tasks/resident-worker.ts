import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import { FsError } from '../errors/index.js';
import { loadHandlers } from './load-handlers.js';
import { toWireError, type PortMessage } from './protocol.js';
import type { BrickContext, TaskHandler } from './types.js';

/** What the service tells the resident thread. */
export type ResidentRequest =
  | { op: 'run'; name: string; args: unknown; port: MessagePort }
  | { op: 'stop' };

/** What the resident thread tells the service. */
export type ResidentEvent =
  | { kind: 'ready'; names: string[] }
  | { kind: 'failed'; error: string }
  | { kind: 'start-failed'; name: string; error: string }
  | { kind: 'stopped' };

/** The resident thread's start data. */
export interface ResidentData {
  brick: BrickContext;
  modules: string[];
}

const { brick, modules } = workerData as ResidentData;
const port = parentPort!;
const post = (e: ResidentEvent) => port.postMessage(e);

async function main(): Promise<void> {
  let residents: TaskHandler[];
  try {
    const table = await loadHandlers(modules);
    residents = [...table.values()].filter((h) => h.resident === true);
  } catch (e) {
    post({ kind: 'failed', error: (e as Error).message });
    return;
  }
  const byName = new Map(residents.map((h) => [h.name, h]));
  port.on('message', (req: ResidentRequest) => {
    if (req.op === 'run') void serve(byName.get(req.name), req);
    else void stopAll(residents);
  });
  for (const h of residents) {
    await h.start?.(brick).catch((e: unknown) => post({ kind: 'start-failed', name: h.name, error: (e as Error).message }));
  }
  post({ kind: 'ready', names: [...byName.keys()] });
}

async function serve(handler: TaskHandler | undefined, req: Extract<ResidentRequest, { op: 'run' }>): Promise<void> {
  const send = (m: PortMessage) => req.port.postMessage(m);
  try {
    if (!handler) throw new FsError('EINVAL', `no resident task named "${req.name}" on this brick`);
    const value = await handler.run(req.args, brick, (chunk) => send({ kind: 'chunk', chunk }));
    send({ kind: 'end', ok: true, value });
  } catch (e) {
    send({ kind: 'end', ok: false, error: toWireError(e) });
  } finally {
    req.port.close();
  }
}

async function stopAll(residents: TaskHandler[]): Promise<void> {
  await Promise.allSettled(residents.map((h) => h.stop?.()));
  post({ kind: 'stopped' });
}

void main();
