import { createCtx } from '../fop/index.js';
import type { Logger } from '../log/index.js';
import { createRpcServer } from '../rpc/index.js';
import { createTaskService } from '../tasks/index.js';
import type { BrickContext } from '../tasks/types.js';
import type { Graph } from '../volume/index.js';
import { OPEN_ACCESS, type BrickAccess } from './access.js';
import { ConnFdTables } from './fd-table.js';
import { fopProcs } from './fop-program.js';
import { CLIENT_ID_KEY } from './wire.js';

/** How to serve a brick graph. */
export interface ServeOptions {
  brick: BrickContext;
  /** Task handler modules for the task service (package names or absolute paths). */
  tasks: string[];
  host: string;
  /** 0 = any free port. */
  port: number;
  log: Logger;
  /** Who may connect and as whom their calls run (default: anyone, fully trusted). */
  access?: BrickAccess;
}

/** A brick graph being served. */
export interface BrickServer {
  /** The bound port. */
  readonly port: number;
  /** Fds its clients hold open (or are opening) right now, over all connections. */
  readonly openFds: number;
  /** Stops serving: drops every client (their fds are released) and stops the task service. */
  close(): Promise<void>;
}

/**
 * Serves `graph.top` over the RPC server: program `fop` (one procedure per fop, fd tables per
 * connection) and program `task` (the brick's task service), to the clients `o.access` admits
 * (a client that is not admitted gets no call answered). When a client connection goes away
 * every translator hears `client-disconnect` (to drop its locks) and the connection's open fds
 * are released. The graph itself stays open (a caller may serve it again).
 */
export async function serveGraph(graph: Graph, o: ServeOptions): Promise<BrickServer> {
  const log = o.log;
  const tables = new ConnFdTables();
  const access = o.access ?? OPEN_ACCESS;
  const server = createRpcServer({ log: log.child('rpc'), ...access.rpc });
  const tasks = createTaskService(o.brick, o.tasks, log.child('tasks'));
  server.program('fop', fopProcs(graph.top, tables, access.identity));
  server.program('task', tasks.procs);
  server.onDisconnect((connId) => {
    for (const [name, x] of graph.xlators) {
      try {
        x.notify?.({ kind: 'client-disconnect', client: connId });
      } catch (e) {
        log.error('client-disconnect handler failed', { xlator: name, error: e instanceof Error ? e.stack : String(e) });
      }
    }
    const ctx = createCtx({ xdata: { [CLIENT_ID_KEY]: connId } });
    for (const slot of tables.drop(connId)?.all() ?? []) {
      const { fd } = slot;
      // After the fd's open and the calls already running on it, like a release from the client.
      const free = slot.run(() => (fd.isDir ? graph.top.releasedir(ctx, fd) : graph.top.release(ctx, fd)), true);
      free.catch((e: unknown) => log.debug('releasing a disconnected client\'s fd failed', { path: fd.path, error: String(e) }));
    }
  });
  let port: number;
  try {
    port = await server.listen(o.port, o.host);
  } catch (e) {
    await tasks.close();
    throw e;
  }
  return {
    port,
    get openFds() {
      return tables.count();
    },
    async close() {
      await server.close();
      await tasks.close();
    },
  };
}
