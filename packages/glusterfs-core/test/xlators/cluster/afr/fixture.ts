import { constants as O } from 'node:fs';
import {
  type CallCtx, type Fops, type Graph, type Subvol, type Xlator, buildGraph, createCtx, createFd, parseVolfile,
  resolveXlator, silentLogger, withDefaults,
} from '../../../../src/index.js';

type Opts = Record<string, string | number | boolean | string[]>;

/** A cluster/afr graph over brick stacks (index → locks → [arbiter →] memory), from volfile text. */
export interface AfrFixture {
  graph: Graph;
  top: Subvol;
  ctx: CallCtx;
  afr: Xlator;
  /** Brick i's own top (index), bypassing replicate. */
  brick(i: number): Fops;
  /** Child names (`t-client-<i>`), as pending keys name them. */
  names: string[];
  down(i: number): void;
  up(i: number): void;
}

/** `replica` bricks under one cluster/afr with `afr` options; `arbiter` makes the last one an arbiter. */
export function afrFixture(init: { replica?: number; afr?: Opts; arbiter?: boolean } = {}): AfrFixture {
  const n = init.replica ?? 2;
  const names = Array.from({ length: n }, (_, i) => `t-client-${i}`);
  const nodes: object[] = [{
    name: 't-afr', type: 'cluster/afr',
    options: { ...(init.arbiter ? { 'arbiter-count': 1 } : {}), ...init.afr }, children: names,
  }];
  names.forEach((b, i) => {
    const arb = init.arbiter && i === n - 1;
    nodes.push({ name: b, type: 'features/index', children: [`t-locks-${i}`] });
    nodes.push({ name: `t-locks-${i}`, type: 'features/locks', children: [arb ? `t-arb-${i}` : `t-mem-${i}`] });
    if (arb) nodes.push({ name: `t-arb-${i}`, type: 'features/arbiter', children: [`t-mem-${i}`] });
    nodes.push({ name: `t-mem-${i}`, type: 'storage/memory' });
  });
  const graph = buildGraph(parseVolfile(JSON.stringify({ volume: 't', top: 't-afr', nodes })), resolveXlator, silentLogger());
  const afr = graph.xlators.get('t-afr')!;
  return {
    graph, top: graph.top, ctx: createCtx(), afr, names,
    brick: (i) => stack(graph, [names[i], `t-locks-${i}`, ...(init.arbiter && i === n - 1 ? [`t-arb-${i}`] : []), `t-mem-${i}`]),
    down: (i) => afr.notify!({ kind: 'child-down', child: names[i] }),
    up: (i) => afr.notify!({ kind: 'child-up', child: names[i] }),
  };
}

/** Creates (or truncates) `path` with `data` through `fops`. */
export async function writeFile(fops: Fops, ctx: CallCtx, path: string, data: string | Buffer = ''): Promise<void> {
  const fd = createFd(path, O.O_WRONLY);
  await fops.create(ctx, { path }, O.O_WRONLY | O.O_CREAT, 0o644, fd);
  await fops.ftruncate(ctx, fd, 0);
  if (data.length) await fops.write(ctx, fd, Buffer.from(data), 0);
  await fops.flush(ctx, fd);
  await fops.release(ctx, fd);
}

/** Writes `data` at `offset` of the existing file `path`. */
export async function patchFile(fops: Fops, ctx: CallCtx, path: string, data: Buffer, offset: number): Promise<void> {
  const fd = createFd(path, O.O_WRONLY);
  await fops.open(ctx, { path }, O.O_WRONLY, fd);
  await fops.write(ctx, fd, data, offset);
  await fops.flush(ctx, fd);
  await fops.release(ctx, fd);
}

/** All of `path` through `fops`. */
export async function readFile(fops: Fops, ctx: CallCtx, path: string): Promise<Buffer> {
  const fd = createFd(path, O.O_RDONLY);
  await fops.open(ctx, { path }, O.O_RDONLY, fd);
  const parts: Buffer[] = [];
  try {
    for (let off = 0; ;) {
      const b = await fops.read(ctx, fd, 1 << 20, off);
      if (b.length === 0) break;
      parts.push(b);
      off += b.length;
    }
  } finally {
    await fops.release(ctx, fd);
  }
  return Buffer.concat(parts);
}

// A brick's stack as a Subvol with pass-throughs filled in, top first.
function stack(graph: Graph, chain: string[]): Subvol {
  let below: Subvol | undefined;
  for (const name of [...chain].reverse()) below = withDefaults(name, graph.xlators.get(name)!.fops, below);
  return below!;
}
