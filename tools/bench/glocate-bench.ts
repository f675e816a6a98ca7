import { existsSync, mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import type { Volume } from 'glusterfs-core';
import { mustRun, runCommand } from './command.js';
import { nameSet } from './glocate-names.js';
import { ourVolume, removeTree } from './our-volume.js';
import { pollUntil } from './process-state.js';
import { median, medianRun, round } from './timed-lines.js';

/** What the glocate part is run with. */
export interface LocateBenchOptions {
  repo: string;
  work: string;
  portBase: number;
  names: number;
  dirs: number;
  /** A plain substring (plocate's default pattern kind). */
  pattern: string;
  runs: number;
  concurrency: number;
  /** The glocate entry script, or undefined while the command has not landed. */
  glocate?: string;
  log(msg: string): void;
}

/** glocate against plocate on the same names (seconds; null where not measured). */
export interface LocateFigures {
  names: number;
  pattern: string;
  expected: number;
  plocate_s: number;
  plocate_lines: number;
  updatedb_s: number;
  /** Creating the names in a local directory for updatedb (not a compared figure). */
  mirror_create_s: number;
  /** Creating the names in our volume through the client API, and the rate. */
  volume_create_s: number | null;
  volume_creates_per_s: number | null;
  /** From the end of the creates until `glocate -c` counts every match. */
  index_fresh_after_s: number | null;
  glocate_s: number | null;
  glocate_lines: number | null;
  /** glocate's whole command over plocate's (both warm, from process start). */
  glocate_over_plocate: number | null;
  /** plocate and glocate each printed exactly the expected matches. */
  counts_agree: boolean | null;
  /** The slowest brick's own query time (median), as its `glocate.query` task reports it, ms. */
  brick_query_ms: number | null;
  note?: string;
}

/**
 * plocate over a local mirror of the names (empty files, `updatedb -U MIRROR -o DB` into a private
 * database, pruning nothing) against glocate over a 4-brick distribute volume holding the same
 * names, created through the client API (real creates: GFIDs, handles, journal records; putting
 * entries straight on the bricks would skip all of that). Both answered warm: one untimed run,
 * then the median of `runs`, each a whole command from process start.
 */
export async function measureLocate(o: LocateBenchOptions): Promise<LocateFigures> {
  const names = nameSet({ root: '/glocate-names', names: o.names, dirs: o.dirs });
  // plocate matches the whole local path: the mirror's own prefix must not hold the pattern.
  let mirror = mkdtempSync(join(o.work, 'mirror-'));
  while (mirror.includes(o.pattern)) mirror = mkdtempSync(join(o.work, 'mirror-'));
  const expected = names.expected(o.pattern);
  o.log(`glocate: ${o.names} names, pattern '${o.pattern}' (${expected} matches expected); local mirror for plocate`);
  let t0 = performance.now();
  names.mirror(mirror);
  const mirror_create_s = round((performance.now() - t0) / 1000);
  const db = join(o.work, 'plocate.db');
  t0 = performance.now();
  await mustRun('updatedb', ['-U', mirror, '-o', db, '--prunepaths', '', '--prunefs', '', '--prunenames', '', '--prune-bind-mounts', 'no', '-l', 'no'], 600_000);
  const updatedb_s = round((performance.now() - t0) / 1000);
  const p = await medianRun([{ bin: 'plocate', args: ['-d', db, o.pattern] }], o.runs);
  await removeTree(mirror);
  o.log(`plocate: ${round(p.seconds)} s, ${p.lines} lines (updatedb ${updatedb_s} s)`);
  const out: LocateFigures = {
    names: o.names, pattern: o.pattern, expected, plocate_s: round(p.seconds), plocate_lines: p.lines, updatedb_s, mirror_create_s,
    volume_create_s: null, volume_creates_per_s: null, index_fresh_after_s: null, glocate_s: null, glocate_lines: null, glocate_over_plocate: null, counts_agree: p.lines === expected ? null : false, brick_query_ms: null,
  };
  if (!o.glocate) {
    out.note = 'glocate has not landed (packages/gfind/dist/src/cli/glocate.js missing): the names were not created in a volume';
    return out;
  }
  const glocate = o.glocate;
  const v = await ourVolume({ repo: o.repo, home: join(o.work, 'ours-glocate'), portBase: o.portBase, bricks: 4, replica: 1, volume: 'locatebench' });
  try {
    o.log(`ours: creating ${o.names} names through the client API, ${o.concurrency} in flight`);
    t0 = performance.now();
    await names.create(v.vol, o.concurrency, (n) => o.log(`  ${n} created (${Math.round(n / ((performance.now() - t0) / 1000))}/s)`));
    out.volume_create_s = round((performance.now() - t0) / 1000);
    out.volume_creates_per_s = Math.round(o.names / out.volume_create_s);
    o.log(`ours: created in ${out.volume_create_s} s; waiting for every brick's index`);
    t0 = performance.now();
    await pollUntil(`glocate -c ${o.pattern} to count ${expected}`, async () => {
      const r = await runCommand(glocate, ['--volume', v.spec, '-c', o.pattern]);
      return r.stdout.trim() === String(expected) ? true : undefined;
    }, 600_000, 500);
    out.index_fresh_after_s = round((performance.now() - t0) / 1000);
    const g = await medianRun([{ bin: glocate, args: ['--volume', v.spec, o.pattern] }], o.runs);
    Object.assign(out, { glocate_s: round(g.seconds), glocate_lines: g.lines, glocate_over_plocate: round(g.seconds / p.seconds, 1),
      counts_agree: p.lines === expected && g.lines === expected });
    out.brick_query_ms = await brickQueryMs(v.vol, o.pattern, o.runs);
    o.log(`glocate: ${out.glocate_s} s, ${out.glocate_lines} lines, brick-side ${out.brick_query_ms ?? '-'} ms`);
    return out;
  } finally {
    await v.down();
  }
}

/**
 * The brick-side query time, ms: the median over `runs` (after one warm-up) of the slowest
 * brick's own time for the query, which every `glocate.query` brick task reports in its final
 * answer (`{matches, files, entries, ms}`, see packages/gfind/README.md). The bricks answer in
 * parallel, so the slowest one is what a query waits for.
 */
async function brickQueryMs(vol: Volume, pattern: string, runs: number): Promise<number> {
  const args = { patterns: [{ text: pattern, syntax: 'locate', ignoreCase: false, basename: false }], all: false };
  const slowest = async () => Math.max(...(await vol.runTask('glocate.query', args) as { ms: number }[]).map((r) => r.ms));
  await slowest();
  const all: number[] = [];
  for (let i = 0; i < runs; i++) all.push(await slowest());
  return round(median(all), 2);
}

/** The entry script of a gfind-package command once it is built (its bin file imports it), else undefined. */
export function builtCommand(repo: string, name: 'gfind' | 'glocate'): string | undefined {
  return existsSync(join(repo, 'packages/gfind/dist/src/cli', `${name}.js`)) ? join(repo, 'packages/gfind/bin', `${name}.js`) : undefined;
}
