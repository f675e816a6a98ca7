import { FsError } from '../errors/index.js';
import { loadHandlers } from './load-handlers.js';
import { toWireError, type PortMessage, type WorkerRequest } from './protocol.js';
import type { TaskHandler } from './types.js';

// Per worker thread: one loaded handler table per module list (a brick has one list), so
// modules are imported once per thread, not once per task.
const tables = new Map<string, Promise<Map<string, TaskHandler>>>();

function tableFor(modules: string[]): Promise<Map<string, TaskHandler>> {
  const key = modules.join('\0');
  let t = tables.get(key);
  if (!t) tables.set(key, (t = loadHandlers(modules)));
  return t;
}

/**
 * The piscina worker entry: runs one request, posting chunks and then the single final
 * outcome on the request's port (see {@link PortMessage}). It never throws, so an error keeps
 * its errno across the thread boundary.
 */
export default async function runInWorker(req: WorkerRequest): Promise<void> {
  const post = (m: PortMessage) => req.port.postMessage(m);
  try {
    const table = await tableFor(req.modules);
    let value: unknown;
    if (req.op === 'list') {
      value = [...table.keys()].sort();
    } else {
      const handler = table.get(req.name);
      if (!handler) throw new FsError('EINVAL', `no task named "${req.name}" on this brick`);
      // Reached only while the resident thread is (re)starting: state lives there, not here.
      if (handler.resident) throw new FsError('EAGAIN', `task "${req.name}" runs in the brick's resident thread, which is starting; try again`);
      value = await handler.run(req.args, req.brick, (chunk) => post({ kind: 'chunk', chunk }));
    }
    post({ kind: 'end', ok: true, value });
  } catch (e) {
    post({ kind: 'end', ok: false, error: toWireError(e) });
  } finally {
    req.port.close();
  }
}
