import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type CallCtx, type Graph, type Subvol, buildGraph, createCtx, parseVolfile, resolveXlator, silentLogger,
} from '../../../../src/index.js';

/** A storage/posix graph on a fresh temp brick, built from volfile text like production does. */
export interface PosixFixture {
  /** The brick root (real path). */
  dir: string;
  graph: Graph;
  top: Subvol;
  ctx: CallCtx;
  /** Absolute brick path of a volume path. */
  at(p: string): string;
  done(): Promise<void>;
}

/** Builds `storage/posix` (plus extra options) over a mkdtemp brick. */
export function posixFixture(options: Record<string, string | number | boolean> = {}, dir?: string): PosixFixture {
  const brick = dir ?? mkdtempSync(join(tmpdir(), 'posix-brick-'));
  const text = JSON.stringify({
    volume: 't',
    top: 't-posix',
    nodes: [{ name: 't-posix', type: 'storage/posix', options: { directory: brick, ...options } }],
  });
  const graph = buildGraph(parseVolfile(text), resolveXlator, silentLogger());
  return {
    dir: brick,
    graph,
    top: graph.top,
    ctx: createCtx(),
    at: (p) => (p === '/' ? brick : brick + p),
    async done() {
      await graph.close();
      if (!dir) rmSync(brick, { recursive: true, force: true });
    },
  };
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
