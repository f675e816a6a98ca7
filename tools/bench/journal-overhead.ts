import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCommand } from './command.js';
import { findTree, volumeSink } from './find-tree.js';
import { ourVolume, type OurVolume } from './our-volume.js';
import { median, round } from './timed-lines.js';

/** What the journal-overhead part is run with. */
export interface JournalBenchOptions {
  repo: string;
  work: string;
  /** Port bases of the three clusters (see {@link SYSTEMS}). */
  portBases: readonly number[];
  /** Files of 1–4 KiB created per volume per round. */
  files: number;
  /** Files per timed batch; the volumes take turns batch by batch. */
  batch: number;
  rounds: number;
  concurrency: number;
  log(msg: string): void;
}

/** Median create times per system, the overheads, and the proof that the journal was on or off. */
export interface JournalFigures {
  files: number;
  rounds: number;
  /** Seconds per round, in round order (each ends with a `sync`), per system. */
  seconds: Record<string, number[]>;
  median_s: Record<string, number>;
  /** The journal itself: (on − off) / off, from the medians, no journal consumers on either. */
  overhead: number;
  /** The default configuration (gfind's handlers: glocate's index and the trigger runner follow the journal) against off. */
  overhead_with_consumers: number;
  /** `CHANGELOG.*` files under the bricks' `.glusterfs/changelogs` afterwards. */
  journal_files: Record<string, number>;
}

/**
 * The three volumes compared. `off` and `on` load no task handler modules (an empty handler
 * module, so nothing follows the journal: the difference is the journal's own writing);
 * `on_with_consumers` is the default, where gfind's resident handlers read the journal as it
 * grows (glocate's index, the trigger runner), which is what turning the journal on costs a
 * volume that uses them.
 */
const SYSTEMS = [
  { name: 'off', changelog: 'off', bare: true },
  { name: 'on', changelog: 'on', bare: true },
  { name: 'on_with_consumers', changelog: 'on', bare: false },
] as const;

/**
 * The change journal's cost on small-file creates: three 4-brick distribute volumes
 * ({@link SYSTEMS}), options set through `gluster volume set` (glusterd restarts the bricks with
 * them), each mounted through the client API. Each round creates `files` files of 1–4 KiB in a
 * fresh directory of each volume, `concurrency` in flight, in batches of `batch` files: the
 * volumes take turns batch by batch (the order rotating from round to round), and each batch is
 * timed to the end of a `sync` (the journal is fsynced in batches; the files' data must be on
 * disk too for the comparison to count that). Taking turns in small batches matters on a shared
 * machine: the load of other work drifts within seconds, and every volume then meets the same.
 */
export async function measureJournal(o: JournalBenchOptions): Promise<JournalFigures> {
  const noTasks = join(o.work, 'no-task-handlers.mjs');
  writeFileSync(noTasks, '// No brick task handlers: nothing on the bricks reads the change journal.\nexport const handlers = [];\n');
  const vols: OurVolume[] = [];
  try {
    for (const [i, s] of SYSTEMS.entries()) {
      o.log(`journal ${s.name}: starting a 4-brick distribute volume`);
      vols.push(await ourVolume({
        repo: o.repo, home: join(o.work, `journal-${s.name}`), portBase: o.portBases[i], bricks: 4, replica: 1, volume: 'journal',
        options: { 'changelog.changelog': s.changelog, ...(s.bare ? { 'brick.task-modules': noTasks } : {}) },
      }));
    }
    const times = SYSTEMS.map(() => [] as number[]);
    for (let r = 0; r < o.rounds; r++) {
      const spent = SYSTEMS.map(() => 0);
      for (let b = 0, done = 0; done < o.files; b++, done += o.batch) {
        const files = Math.min(o.batch, o.files - done);
        for (let k = 0; k < SYSTEMS.length; k++) {
          const i = (k + r) % SYSTEMS.length;
          const tree = findTree({ root: `/round${r}/batch${b}`, files, dirs: 10, seed: 100 + r * 1000 + b });
          await runCommand('sync', []);
          const t0 = performance.now();
          await tree.write(volumeSink(vols[i].vol), o.concurrency);
          await runCommand('sync', []);
          spent[i] += (performance.now() - t0) / 1000;
        }
      }
      spent.forEach((t, i) => times[i].push(round(t)));
      o.log(`journal round ${r + 1}: ${SYSTEMS.map((s, i) => `${s.name} ${times[i].at(-1)} s`).join(', ')}`);
    }
    const med = times.map(median);
    const by = <T>(f: (i: number) => T) => Object.fromEntries(SYSTEMS.map((s, i) => [s.name, f(i)]));
    return {
      files: o.files, rounds: o.rounds, seconds: by((i) => times[i]), median_s: by((i) => round(med[i])),
      overhead: round((med[1] - med[0]) / med[0]), overhead_with_consumers: round((med[2] - med[0]) / med[0]),
      journal_files: by((i) => journalFiles(vols[i].bricks)),
    };
  } finally {
    for (const v of vols) await v.down();
  }
}

/** Journal files (`CHANGELOG.*`) in the bricks' journal directories. */
function journalFiles(bricks: readonly string[]): number {
  let n = 0;
  for (const b of bricks) {
    try {
      n += readdirSync(join(b, '.glusterfs', 'changelogs')).filter((f) => f.startsWith('CHANGELOG.')).length;
    } catch { /* no journal directory */ }
  }
  return n;
}
