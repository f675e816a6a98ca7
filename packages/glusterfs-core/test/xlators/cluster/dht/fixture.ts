import { constants as O } from 'node:fs';
import {
  type CallCtx, type Fops, type Graph, type Subvol, type Xlator, type XlatorDef, buildGraph, createCtx, createFd, parseVolfile,
  resolveXlator, silentLogger,
} from '../../../../src/index.js';

export { errnoOf } from '../../storage/memory/fixture.js';

type Opts = Record<string, string | number | boolean | string[]>;

/** A cluster/dht graph over storage/memory bricks, built from volfile text. */
export interface DhtFixture {
  graph: Graph;
  top: Subvol;
  ctx: CallCtx;
  /** The dht instance (for notify). */
  dht: Xlator;
  /** Brick i's own fops, bypassing dht (to inspect what sits where). */
  brick(i: number): Fops;
  /** Brick names, in child order. */
  names: string[];
  /** The brick instances, by name (another fixture may share them: a second client). */
  bricks: Map<string, Xlator>;
}

/**
 * `bricks` storage/memory children under one cluster/dht (volfile type `dht`, default
 * `cluster/dht`); `errorGen[i]` puts a debug/error-gen with those options between dht and brick i.
 */
export function dhtFixture(
  init: { bricks?: number; dht?: Opts; errorGen?: Record<number, Opts>; type?: string; shareWith?: DhtFixture } = {},
): DhtFixture {
  const n = init.bricks ?? 4;
  const names = Array.from({ length: n }, (_, i) => `t-brick-${i}`);
  const nodes: object[] = [];
  const children = names.map((b, i) => {
    const eg = init.errorGen?.[i];
    if (!eg) return b;
    nodes.push({ name: `t-err-${i}`, type: 'debug/error-gen', options: eg, children: [b] });
    return `t-err-${i}`;
  });
  nodes.unshift({ name: 't-dht', type: init.type ?? 'cluster/dht', options: init.dht ?? {}, children });
  for (const b of names) nodes.push({ name: b, type: 'storage/memory' });
  const bricks = init.shareWith?.bricks ?? new Map<string, Xlator>();
  // A second client mounts the same bricks: storage/memory instances are reused by name.
  const memory = resolveXlator('storage/memory')!;
  const shared: XlatorDef = { ...memory, create: (x) => bricks.get(x.name) ?? bricks.set(x.name, memory.create(x)).get(x.name)! };
  const resolve = (t: string) => (t === 'storage/memory' ? shared : resolveXlator(t));
  const graph = buildGraph(parseVolfile(JSON.stringify({ volume: 't', top: 't-dht', nodes })), resolve, silentLogger());
  return {
    graph, top: graph.top, ctx: createCtx(), names, bricks,
    dht: graph.xlators.get('t-dht')!,
    brick: (i) => bricks.get(names[i])!.fops as Fops,
  };
}

/** Creates `path` with `data` through `top`. */
export async function writeFile(top: Fops, ctx: CallCtx, path: string, data: string | Buffer = ''): Promise<void> {
  const fd = createFd(path, O.O_WRONLY);
  await top.create(ctx, { path }, O.O_WRONLY | O.O_CREAT | O.O_TRUNC, 0o644, fd);
  if (data.length) await top.write(ctx, fd, Buffer.from(data), 0);
  await top.release(ctx, fd);
}

/** Reads all of `path` through `top`. */
export async function readFile(top: Fops, ctx: CallCtx, path: string): Promise<string> {
  const fd = createFd(path, O.O_RDONLY);
  await top.open(ctx, { path }, O.O_RDONLY, fd);
  const b = await top.read(ctx, fd, 1 << 20, 0);
  await top.release(ctx, fd);
  return b.toString();
}

/** Every name in directory `path`, paging `page` entries at a time (a fresh fd per page when `reopen`). */
export async function listDir(top: Fops, ctx: CallCtx, path: string, page = 100, reopen = false): Promise<string[]> {
  const names: string[] = [];
  let fd = createFd(path, 0, true);
  await top.opendir(ctx, { path }, fd);
  for (let off = 0; ;) {
    const p = await top.readdir(ctx, fd, off, page);
    names.push(...p.entries.map((e) => e.name));
    if (p.entries.length) off = p.entries.at(-1)!.off;
    if (p.eof) break;
    if (reopen) {
      await top.releasedir(ctx, fd);
      fd = createFd(path, 0, true);
      await top.opendir(ctx, { path }, fd);
    }
  }
  await top.releasedir(ctx, fd);
  return names;
}

/** Which bricks hold an entry at `path` (by direct lookup). */
export async function holders(f: DhtFixture, path: string): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < f.names.length; i++) {
    try {
      await f.brick(i).lookup(f.ctx, { path }, []);
      out.push(i);
    } catch {
      // absent on this brick
    }
  }
  return out;
}
