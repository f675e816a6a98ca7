import { serveGraph, type BrickServer } from '../../../../src/brick/index.js';
import type { GraphEvent, XlatorDef } from '../../../../src/fop/index.js';
import { silentLogger } from '../../../../src/log/index.js';
import { buildGraph, parseVolfile, resolveXlator, type Graph } from '../../../../src/volume/index.js';
import { xlator as memory } from '../../../../src/xlators/storage/memory/index.js';

const log = silentLogger();
/** The registry, plus storage/memory in case it is not registered yet. */
export const resolve = (t: string): XlatorDef | undefined => resolveXlator(t) ?? (t === 'storage/memory' ? (memory as XlatorDef) : undefined);

/** A brick graph on storage/memory, built from volfile text like production. */
export function memoryBrickGraph(): Graph {
  const text = JSON.stringify({
    volume: 'tv', top: 'tv-mem',
    nodes: [{ name: 'tv-mem', type: 'storage/memory', options: {}, children: [] }],
  });
  return buildGraph(parseVolfile(text), resolve, log);
}

/** Serves `graph` in this process on `port` (0 = any). */
export function serveBrick(graph: Graph, port = 0): Promise<BrickServer> {
  return serveGraph(graph, { brick: { path: '/nonexistent-brick', volume: 'tv', subvolume: 'tv-client-0' }, tasks: [], host: '127.0.0.1', port, log });
}

/** A client graph with one protocol/client, plus the events that reached its top. */
export function clientGraph(options: Record<string, string | number>): { graph: Graph; events: GraphEvent[] } {
  const text = JSON.stringify({
    volume: 'tv', top: 'tv-client-0',
    nodes: [{ name: 'tv-client-0', type: 'protocol/client', options: { 'remote-host': '127.0.0.1', ...options }, children: [] }],
  });
  const graph = buildGraph(parseVolfile(text), resolve, log);
  const events: GraphEvent[] = [];
  graph.onEvent((e) => events.push(e));
  return { graph, events };
}

/** Resolves once the client translator reports `up` (or `!up`). */
export async function waitUp(graph: Graph, up = true, timeoutMs = 10_000): Promise<void> {
  const x = graph.xlators.get('tv-client-0')!;
  const t0 = Date.now();
  while (x.up !== up) {
    if (Date.now() - t0 > timeoutMs) throw new Error(`client did not become ${up ? 'up' : 'down'}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}
