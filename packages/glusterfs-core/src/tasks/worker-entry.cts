import type { WorkerRequest } from './protocol.js';

// piscina loads its worker file with require() first. On Node 20.19+ require() of an ES module
// goes through a CommonJS facade that sometimes dies on a native assertion when a pool shuts
// down mid-load, so the file piscina loads is CommonJS, and it imports the ES module worker.
export = async function runInWorker(req: WorkerRequest): Promise<void> {
  const { default: run } = await import('./worker.js');
  return run(req);
};
