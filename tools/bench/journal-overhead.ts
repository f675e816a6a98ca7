import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { runCommand } from './command.js';
import { findTree, volumeSink } from './find-tree.js';
import { ourVolume, type OurVolume } from './our-volume.js';
import { median, round } from './timed-lines.js';

/** What the journal-overhead part is run with. */
export interface JournalBenchOptions {
  repo: string;
  work: string;
  /** Port bases of the two clusters (journal on, journal off). */
  portBases: readonly [number, number];
  /** Files of 1–4 KiB created per timing. */
  files: number;
  rounds: number;
  concurrency: number;
  log(msg: string): void;
}

/** Median create times with the change journal on and off, and the overhead. */
export interface JournalFigures {
  files: number;
  rounds: number;
  /** Seconds per round, in round order (each includes a `sync`). */
  journal_on_s: number[];
  journal_off_s: number[];
  journal_on_median_s: number;
  journal_off_median_s: number;
  /** (on − off) / off, from the medians. */
  overhead: number;
  /** Journal files under the bricks' `.glusterfs/changelogs` afterwards: the proof that on is on and off is off. */
  journal_files: { on: number; off: number };
}

/**
 * The change journal's cost on small-file creates: two 4-brick distribute volumes, one with
 * `changelog.changelog on`, one with `off` (set through `gluster volume set`, which restarts the
 * bricks with it), each mounted through the client API. Each round creates `files` files of 1–4
 * KiB in a fresh directory of each volume, `concurrency` in flight, and times it to the end of a
 * `sync` (the journal is fsynced in batches; the files' data must be on disk for the comparison
 * to count that). The order alternates from round to round, so neither volume always goes first.
 */
export async function measureJournal(o: JournalBenchOptions): Promise<JournalFigures> {
  const vols: OurVolume[] = [];
  try {
    for (const [i, state] of (['on', 'off'] as const).entries()) {
      o.log(`journal ${state}: starting a 4-brick distribute volume`);
      vols.push(await ourVolume({
        repo: o.repo, home: join(o.work, `journal-${state}`), portBase: o.portBases[i], bricks: 4, replica: 1, volume: 'journal',
        options: { 'changelog.changelog': state },
      }));
    }
    const times: [number[], number[]] = [[], []];
    for (let r = 0; r < o.rounds; r++) {
      for (const i of r % 2 ? [1, 0] : [0, 1]) {
        const tree = findTree({ root: `/round${r}`, files: o.files, dirs: 10, seed: 100 + r });
        await runCommand('sync', []);
        const t0 = performance.now();
        await tree.write(volumeSink(vols[i].vol), o.concurrency);
        await runCommand('sync', []);
        times[i].push(round((performance.now() - t0) / 1000));
        o.log(`journal ${i ? 'off' : 'on'} round ${r + 1}: ${times[i].at(-1)} s`);
      }
    }
    const [on, off] = times.map(median);
    return {
      files: o.files, rounds: o.rounds, journal_on_s: times[0], journal_off_s: times[1],
      journal_on_median_s: round(on), journal_off_median_s: round(off), overhead: round((on - off) / off),
      journal_files: { on: journalFiles(vols[0].bricks), off: journalFiles(vols[1].bricks) },
    };
  } finally {
    for (const v of vols) await v.down();
  }
}

/** Files in the bricks' journal directories (0 where there is none). */
function journalFiles(bricks: readonly string[]): number {
  let n = 0;
  for (const b of bricks) {
    try {
      n += readdirSync(join(b, '.glusterfs', 'changelogs'), { recursive: true }).length;
    } catch { /* no journal directory */ }
  }
  return n;
}
