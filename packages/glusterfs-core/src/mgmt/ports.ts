import { createServer } from 'node:net';
import { FsError } from '../errors/index.js';

/** True when nothing listens on `host:port` right now (a bind probe, closed at once). */
export function isPortFree(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.once('error', () => resolve(false));
    srv.listen({ host, port, exclusive: true }, () => srv.close(() => resolve(true)));
  });
}

/**
 * The lowest port ≥ `base` that is not in `taken` and can be bound on `host` now, as glusterd's
 * pmap hands out brick ports from 49152 upward. ENOSPC when none is left below 65536.
 */
export async function findFreePort(host: string, base: number, taken: ReadonlySet<number>): Promise<number> {
  for (let port = base; port < 65536; port++) {
    if (taken.has(port)) continue;
    if (await isPortFree(host, port)) return port;
  }
  throw new FsError('ENOSPC', `no free port at or above ${base} on ${host}; stop some services or pass another --brick-port-base`);
}
