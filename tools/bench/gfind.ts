import './threadpool.js';
import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCommand } from './command.js';
import { freePortBase } from './free-ports.js';
import { LAYOUTS, measureFuse, measureOurs, type ExprFigures, type FindBenchOptions } from './gfind-tree.js';
import { builtCommand, measureLocate, type LocateFigures } from './glocate-bench.js';
import { measureJournal, type JournalFigures } from './journal-overhead.js';
import { removeTree } from './our-volume.js';
import { realGluster } from './real-gluster.js';
import { medianRun, round } from './timed-lines.js';

// Issue #10's benchmark (`npm run bench:gfind`), one JSON line on stdout, progress on stderr:
//  1. gfind: FILES files of 1–4 KiB in DIRS directories, on a 4-brick distribute volume and on
//     2 x 2: `gfind -type f` and `gfind -name '*7*' -size +2k` against (a) GNU find on the raw
//     bricks, one per replica set, in parallel and (b) GNU find over a real GlusterFS 10 FUSE
//     mount of the same tree (both volumes written once per run, reused for both expressions).
//  2. glocate over NAMES names against plocate (updatedb of a local mirror of the same names).
//  3. The change journal's cost on small-file creates (changelog.changelog on vs off, and the
//     default configuration whose glocate index and trigger runner follow the journal vs off).
// Commands that have not landed yet are listed in "missing" and their figures are null.
// Flags: --files N (100000), --dirs N (100), --names N (1000000), --pattern S (7777), --runs N
// (3, after one warm-up), --fuse-runs N (1), --journal-files N (10000 per volume and round),
// --journal-batch N (1000), --rounds N (3),
// --concurrency N (64), --create-concurrency N (256, glocate's names), --parts find,locate,journal,
// --layouts distribute_4,replicate_2x2, --fuse-layouts (default: --layouts), --no-gluster (skip
// GlusterFS 10), --anchor PATH (real-gluster.sh; default ../shared/anchors/ from the repository),
// --port-base N (27300). A quick run: --files 10000 --names 100000.
// Where the time goes (2 busy cores): replicated creates run at ~200-300 files/s on both systems,
// so the 2 x 2 trees take minutes each; glocate's names are created at ~1,000-3,000/s.
const args = process.argv.slice(2);
const flag = (name: string, dflt: number) => {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : dflt;
};
const text = (name: string, dflt: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : dflt;
};
const parts = new Set(text('--parts', 'find,locate,journal').split(','));
const repo = new URL('../../../', import.meta.url).pathname;
const anchor = text('--anchor', join(repo, '..', 'shared', 'anchors', 'real-gluster.sh'));
const work = mkdtempSync(join(tmpdir(), 'gts-gfind-bench-'));
const log = (m: string) => process.stderr.write(`bench: ${m}\n`);
const gfind = builtCommand(repo, 'gfind');
const glocate = builtCommand(repo, 'glocate');
const missing = [...(gfind ? [] : ['gfind']), ...(glocate ? [] : ['glocate'])];
const glusterSkipped = args.includes('--no-gluster') ? 'skipped (--no-gluster)'
  : existsSync(anchor) ? undefined : `skipped: no anchor script at ${anchor} (give --anchor PATH)`;
const useGluster = glusterSkipped === undefined;
if (glusterSkipped) log(`GlusterFS 10: ${glusterSkipped}`);
const real = realGluster(anchor, join(work, 'real-gluster'));
let realUp = false;

/** Port bases with room for glusterd and four bricks, from --port-base upward. */
async function ports(n: number): Promise<number[]> {
  const out: number[] = [];
  let from = flag('--port-base', 27300);
  for (let i = 0; i < n; i++) {
    out.push(await freePortBase(from, [0, 1, 2, 3, 4, 5, 6]));
    from = out[i] + 100;
  }
  return out;
}

/** Stops every cluster started under the scratch directory and GlusterFS 10, then removes it. */
async function cleanUp(): Promise<void> {
  for (const d of readdirSync(work)) {
    if (existsSync(join(work, d, 'gcluster.json'))) await runCommand(join(repo, 'tools/bin/gcluster.js'), ['down', '--home', join(work, d)]);
  }
  if (realUp) await real.down();
  await removeTree(work);
}

const onSignal = (sig: NodeJS.Signals) => {
  log(`${sig}: stopping what this bench started`);
  void cleanUp().finally(() => process.exit(130));
};
process.once('SIGINT', onSignal);
process.once('SIGTERM', onSignal);

const errorOf = (e: unknown) => (e instanceof Error ? e.message : String(e)).slice(0, 800);

/** Part 1: both layouts, ours then GlusterFS 10's, merged per expression with the ratios. */
async function findPart() {
  const [base] = await ports(1);
  const o: FindBenchOptions = {
    repo, work, portBase: base, files: flag('--files', 100_000), dirs: flag('--dirs', 100), runs: flag('--runs', 3),
    fuseRuns: flag('--fuse-runs', 1), concurrency: flag('--concurrency', 64), gfind, log,
  };
  const start = gfind ? await medianRun([{ bin: gfind, args: ['--help'] }], 5) : undefined;
  const result: Record<string, unknown> = {
    files: o.files, dirs: o.dirs, gfind_process_start_s: start ? round(start.seconds) : null, ...(glusterSkipped ? { glusterfs: glusterSkipped } : {}),
  };
  const chosen = text('--layouts', LAYOUTS.map((l) => l.name).join(',')).split(',');
  const fuseChosen = text('--fuse-layouts', chosen.join(',')).split(',');
  const layouts: Record<string, { write_s: Record<string, number | null>; exprs: Record<string, ExprFigures>; error?: string }> = {};
  for (const l of LAYOUTS.filter((x) => chosen.includes(x.name))) {
    try {
      const ours = await measureOurs(l, o);
      layouts[l.name] = { write_s: { ours: ours.write_s, glusterfs_fuse: null }, exprs: ours.exprs };
    } catch (e) {
      log(`ours ${l.name} FAILED: ${errorOf(e)}`);
      layouts[l.name] = { write_s: { ours: null, glusterfs_fuse: null }, exprs: {}, error: `ours: ${errorOf(e)}` };
    }
  }
  if (useGluster) {
    try {
      realUp = true;
      for (const l of LAYOUTS.filter((x) => fuseChosen.includes(x.name))) {
        layouts[l.name] ??= { write_s: { ours: null, glusterfs_fuse: null }, exprs: {} };
        const v = await real.up(l.replica > 1 ? 'gf22' : 'gfdist', l.bricks, l.replica);
        const fuse = await measureFuse(v.mount, l, o);
        layouts[l.name].write_s.glusterfs_fuse = fuse.write_s;
        for (const [name, f] of Object.entries(fuse.exprs)) Object.assign(layouts[l.name].exprs[name] ??= {} as ExprFigures, f);
      }
    } catch (e) {
      log(`GlusterFS 10 FAILED: ${errorOf(e)}`);
      result.glusterfs_error = errorOf(e);
    } finally {
      await real.down();
      realUp = false;
    }
  }
  const startS = start?.seconds ?? 0;
  for (const l of Object.values(layouts)) {
    for (const f of Object.values(l.exprs)) {
      const counts = [f.gfind_lines, f.raw_bricks_lines, f.fuse_lines].filter((n): n is number => typeof n === 'number');
      Object.assign(f, {
        counts_agree: counts.every((n) => n === f.expected),
        speedup_vs_fuse: f.gfind_s && f.fuse_find_s ? round(f.fuse_find_s / f.gfind_s, 1) : null,
        ratio_vs_raw_bricks: f.gfind_s && f.raw_bricks_find_s ? round(f.gfind_s / f.raw_bricks_find_s, 2) : null,
        within_1_5x_raw_plus_start: f.gfind_s !== null ? f.gfind_s <= 1.5 * f.raw_bricks_find_s + startS : null,
      });
    }
  }
  return { ...result, ...layouts };
}

const report: Record<string, unknown> = { bench: 'gfind', missing };
try {
  if (parts.has('find')) {
    try {
      report.find = await findPart();
    } catch (e) {
      report.find = { error: errorOf(e) };
    }
  }
  if (parts.has('locate')) {
    try {
      const [base] = await ports(1);
      report.locate = await measureLocate({
        repo, work, portBase: base, names: flag('--names', 1_000_000), dirs: 1000, pattern: text('--pattern', '7777'),
        runs: Math.max(flag('--runs', 3), 5), concurrency: flag('--create-concurrency', 256), glocate, log,
      });
    } catch (e) {
      log(`glocate FAILED: ${errorOf(e)}`);
      report.locate = { error: errorOf(e) };
    }
  }
  if (parts.has('journal')) {
    try {
      report.journal = await measureJournal({
        repo, work, portBases: await ports(3), files: flag('--journal-files', 10_000), rounds: flag('--rounds', 3), batch: flag('--journal-batch', 1000),
        concurrency: flag('--concurrency', 64), log,
      });
    } catch (e) {
      log(`journal FAILED: ${errorOf(e)}`);
      report.journal = { error: errorOf(e) };
    }
  }
  report.targets = targets(report);
  report.runtime_s = Math.round(performance.now() / 1000);
  process.stdout.write(JSON.stringify(report) + '\n');
} finally {
  await cleanUp();
}

/** The targets, each true/false, or null where the figure was not measured. */
function targets(r: Record<string, unknown>) {
  const exprs = Object.values((r.find ?? {}) as Record<string, { exprs?: Record<string, Record<string, unknown>> }>)
    .flatMap((l) => (l && typeof l === 'object' && l.exprs ? Object.values(l.exprs) : []));
  const all = (key: string, ok: (v: number | boolean) => boolean) => {
    const vs = exprs.map((e) => e[key]).filter((v): v is number | boolean => typeof v === 'number' || typeof v === 'boolean');
    return vs.length ? vs.every(ok) : null;
  };
  const loc = r.locate as Partial<LocateFigures> | undefined;
  const jr = r.journal as Partial<JournalFigures> | undefined;
  const agree = [...exprs.map((e) => e.counts_agree), loc?.counts_agree].filter((v): v is boolean => typeof v === 'boolean');
  return {
    gfind_30x_faster_than_fuse: all('speedup_vs_fuse', (v) => (v as number) >= 30),
    gfind_within_1_5x_raw_bricks_plus_start: all('within_1_5x_raw_plus_start', (v) => v === true),
    counts_agree: agree.length ? agree.every(Boolean) : null,
    glocate_brick_query_under_20ms: typeof loc?.brick_query_ms === 'number' ? loc.brick_query_ms < 20 : null,
    glocate_command_under_150ms_warm: typeof loc?.glocate_s === 'number' ? loc.glocate_s < 0.15 : null,
    journal_overhead_under_10pct: typeof jr?.overhead === 'number' ? jr.overhead < 0.1 : null,
  };
}
