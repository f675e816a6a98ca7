import { join } from 'node:path';
import { dirSink, findTree, volumeSink } from './find-tree.js';
import { onePerSet, ourVolume } from './our-volume.js';
import { medianRun, round, type Cmd } from './timed-lines.js';

/** A volume layout of the benchmark. */
export interface Layout { name: 'distribute_4' | 'replicate_2x2'; bricks: number; replica: number }

export const LAYOUTS: readonly Layout[] = [
  { name: 'distribute_4', bricks: 4, replica: 1 },
  { name: 'replicate_2x2', bricks: 4, replica: 2 },
];

/** A find expression of the benchmark with the count its tree must give. */
export interface Expr { name: string; args: string[]; expected: number }

/** What the find part is run with. */
export interface FindBenchOptions {
  repo: string;
  /** Scratch directory for cluster homes. */
  work: string;
  portBase: number;
  files: number;
  dirs: number;
  /** Timed runs per command after one untimed warm-up (median reported). */
  runs: number;
  /** Timed runs of GNU find over FUSE (each takes seconds; median reported). */
  fuseRuns: number;
  concurrency: number;
  /** The gfind entry script, or undefined while the command has not landed. */
  gfind?: string;
  log(msg: string): void;
}

/** Times and line counts of one expression on one layout (seconds; null where not measured). */
export interface ExprFigures {
  expected: number;
  gfind_s: number | null;
  gfind_lines: number | null;
  raw_bricks_find_s: number;
  raw_bricks_lines: number;
  fuse_find_s?: number | null;
  fuse_lines?: number | null;
  error?: string;
}

/** The benchmark tree and its two expressions. */
export function treeAndExprs(o: Pick<FindBenchOptions, 'files' | 'dirs'>) {
  const tree = findTree({ root: '/gfind-tree', files: o.files, dirs: o.dirs, seed: 10 });
  const exprs: Expr[] = [
    { name: 'type_f', args: ['-type', 'f'], expected: tree.expectedFiles },
    { name: 'name_7_size_2k', args: ['-name', '*7*', '-size', '+2k'], expected: tree.expectedSevenOver2k },
  ];
  return { tree, exprs };
}

/**
 * Our side of one layout: `gcluster up` a 4-brick volume of the layout, write the tree through
 * the client API (timed), then per expression the median of `runs` of (a) GNU find on one brick
 * of each replica set at once (the physical limit: the same walk with no network and no merge)
 * and (b) `gfind` when it exists. The cluster is stopped before returning.
 */
export async function measureOurs(layout: Layout, o: FindBenchOptions): Promise<{ write_s: number; exprs: Record<string, ExprFigures> }> {
  const { tree, exprs } = treeAndExprs(o);
  const v = await ourVolume({
    repo: o.repo, home: join(o.work, `ours-${layout.name}`), portBase: o.portBase, bricks: layout.bricks, replica: layout.replica, volume: 'findbench',
  });
  try {
    o.log(`ours ${layout.name}: writing ${o.files} files through the client API`);
    const t0 = performance.now();
    await tree.write(volumeSink(v.vol), o.concurrency);
    const write_s = round((performance.now() - t0) / 1000);
    o.log(`ours ${layout.name}: written in ${write_s} s (${Math.round(o.files / write_s)} files/s)`);
    const out: Record<string, ExprFigures> = {};
    for (const e of exprs) {
      const raw: Cmd[] = onePerSet(v.bricks, layout.replica).map((b) => ({ bin: 'find', args: [join(b, 'gfind-tree'), ...e.args] }));
      const r = await medianRun(raw, o.runs);
      const fig: ExprFigures = { expected: e.expected, gfind_s: null, gfind_lines: null, raw_bricks_find_s: round(r.seconds), raw_bricks_lines: r.lines };
      if (o.gfind) {
        try {
          const g = await medianRun([{ bin: o.gfind, args: ['--volume', v.spec, '/gfind-tree', ...e.args] }], o.runs);
          Object.assign(fig, { gfind_s: round(g.seconds), gfind_lines: g.lines });
        } catch (err) {
          fig.error = (err as Error).message.slice(0, 500);
        }
      }
      o.log(`ours ${layout.name} ${e.name}: raw bricks ${fig.raw_bricks_find_s} s (${fig.raw_bricks_lines} lines), gfind ${fig.gfind_s ?? '-'} s (${fig.gfind_lines ?? '-'} lines)`);
      out[e.name] = fig;
    }
    return { write_s, exprs: out };
  } finally {
    await v.down();
  }
}

/** GlusterFS 10's side of one layout, on a volume the anchor script brought up and FUSE-mounted. */
export async function measureFuse(mount: string, layout: Layout, o: FindBenchOptions): Promise<{ write_s: number; exprs: Record<string, { fuse_find_s: number; fuse_lines: number }> }> {
  const { tree, exprs } = treeAndExprs(o);
  o.log(`GlusterFS ${layout.name}: writing ${o.files} files through its FUSE mount`);
  const t0 = performance.now();
  await tree.write(dirSink(mount), o.concurrency);
  const write_s = round((performance.now() - t0) / 1000);
  o.log(`GlusterFS ${layout.name}: written in ${write_s} s (${Math.round(o.files / write_s)} files/s)`);
  const out: Record<string, { fuse_find_s: number; fuse_lines: number }> = {};
  for (const e of exprs) {
    const r = await medianRun([{ bin: 'find', args: [join(mount, 'gfind-tree'), ...e.args] }], o.fuseRuns);
    out[e.name] = { fuse_find_s: round(r.seconds), fuse_lines: r.lines };
    o.log(`GlusterFS ${layout.name} ${e.name}: find over FUSE ${out[e.name].fuse_find_s} s (${r.lines} lines)`);
  }
  return { write_s, exprs: out };
}
