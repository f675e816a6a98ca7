import {
  type CallCtx, type Graph, type Subvol, buildGraph, createCtx, parseVolfile, resolveXlator, silentLogger,
} from '../../../../src/index.js';

/** A one-node storage/memory graph built from volfile text, as production builds graphs. */
export interface MemoryFixture {
  graph: Graph;
  top: Subvol;
  ctx: CallCtx;
}

/** Builds `storage/memory` with the given options. */
export function memoryFixture(options: Record<string, string | number | boolean> = {}): MemoryFixture {
  const text = JSON.stringify({
    volume: 't',
    top: 't-mem',
    nodes: [{ name: 't-mem', type: 'storage/memory', options }],
  });
  const graph = buildGraph(parseVolfile(text), resolveXlator, silentLogger());
  return { graph, top: graph.top, ctx: createCtx() };
}

/** The errno a promise rejects with (or 'ok'), for table-driven checks. */
export async function errnoOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return 'ok';
  } catch (e) {
    return (e as { code?: string }).code ?? String(e);
  }
}
