import type { XlatorDef } from '../fop/index.js';
import { buildGraph, parseVolfile, resolveXlator, type Graph } from '../volume/index.js';
import { brickAccessOf } from './access.js';
import { serveGraph, type ServeOptions } from './serve.js';

/** How to start a brick from its volfile. */
export interface BrickOptions extends ServeOptions {
  /** The brick-side volfile (JSON), typically storage/posix under features/locks. */
  volfileText: string;
  /** Translator lookup (default: the registry). */
  resolve?: (type: string) => XlatorDef | undefined;
}

/** A running brick. */
export interface Brick {
  readonly port: number;
  readonly graph: Graph;
  /** Stops serving, then closes the graph. */
  close(): Promise<void>;
}

/**
 * Builds the brick graph from its volfile and serves it (see {@link serveGraph}) with the access
 * policy of its protocol/server node. EINVAL for a bad volfile; ENOENT for missing TLS files; the
 * listen error (EADDRINUSE…) if the port cannot be bound.
 */
export async function startBrick(o: BrickOptions): Promise<Brick> {
  const vf = parseVolfile(o.volfileText);
  const access = brickAccessOf(vf);
  const graph = buildGraph(vf, o.resolve ?? resolveXlator, o.log);
  let served;
  try {
    served = await serveGraph(graph, { ...o, access: o.access ?? access });
  } catch (e) {
    await graph.close();
    throw e;
  }
  return {
    port: served.port,
    graph,
    async close() {
      await served.close();
      await graph.close();
    },
  };
}
