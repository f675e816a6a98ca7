import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { glusterSystem } from './gluster-system.js';
import { measureHeal, type HealResult } from './heal-run.js';
import type { HealFilesOptions } from './heal-files.js';
import type { HealSystem } from './heal-system.js';
import { oursSystem } from './ours-system.js';
import { bestSeqWrite, type SeqWriteOptions } from './seq-write.js';

// Self-heal and replicated sequential write on a 2 x 2 distributed-replicate volume, ours
// (client API, our glusterd/glustershd, port base 27100 so GlusterFS can have 24007) against
// GlusterFS 10 (FUSE mount, from the anchor script), in this run. Per system: create 1,000 files
// of 1–4 KiB, kill one brick of the first replica set, rewrite or append to all 1,000 and create
// 100 more, restart the brick, `gluster volume heal VOL`, and time restart → `heal VOL info`
// showing 0 entries on every brick (polled; the time includes the last poll). Then the best of
// `--runs` 1 GiB sequential writes (1 MiB writes, 4 in flight, fsync, close). Prints one JSON
// line; progress goes to stderr. Flags: --files N, --new N, --dirs N, --seq-mib N (0 skips),
// --runs N, --inflight N, --port-base N, --heal-timeout S, --no-trigger (leave healing to the
// daemons), --no-gluster, --no-ours.
const args = process.argv.slice(2);
const flag = (name: string, dflt: number) => {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : dflt;
};
const files: HealFilesOptions = {
  files: flag('--files', 1000), newFiles: flag('--new', 100), dirs: flag('--dirs', 10), concurrency: 32, seed: 42,
};
const seq: SeqWriteOptions = { bytes: flag('--seq-mib', 1024) * 2 ** 20, chunkBytes: 1 << 20, inflight: flag('--inflight', 4), runs: flag('--runs', 2) };
const healRun = { timeoutMs: flag('--heal-timeout', 300) * 1000, trigger: !args.includes('--no-trigger') };
const repo = new URL('../../../', import.meta.url).pathname;
const anchor = join(repo, '..', 'shared', 'anchors', 'real-gluster.sh');
const work = mkdtempSync(join(tmpdir(), 'gts-heal-bench-'));
const log = (m: string) => process.stderr.write(`bench: ${m}\n`);

/** One system's figures (null where its phase failed, with the reason in `error`). */
type SystemResult = { healSeconds: number | null; seqWriteMBps: number | null; error?: string } & Partial<Omit<HealResult, 'healSeconds'>>;

let active: HealSystem | undefined;
let interrupted = false;

async function measure(start: () => Promise<HealSystem>): Promise<SystemResult> {
  const out: SystemResult = { healSeconds: null, seqWriteMBps: null };
  const fail = (phase: string, e: unknown) => {
    const msg = `${phase}: ${e instanceof Error ? e.message : String(e)}`;
    log(`FAILED ${msg}`);
    out.error = out.error ? `${out.error}; ${msg}` : msg;
  };
  let sys: HealSystem;
  try {
    sys = active = await start();
  } catch (e) {
    fail('start', e);
    return out;
  }
  try {
    try {
      Object.assign(out, await measureHeal(sys, files, healRun, log));
    } catch (e) {
      fail('self-heal', e);
    }
    if (seq.bytes > 0) {
      try {
        out.seqWriteMBps = await bestSeqWrite(sys, seq, log);
      } catch (e) {
        fail('sequential write', e);
      }
    }
  } finally {
    log(`${sys.name}: stopping`);
    await sys.down().catch((e) => log(`${sys.name}: stop failed: ${(e as Error).message}`));
    active = undefined;
  }
  return out;
}

const onSignal = (sig: NodeJS.Signals) => {
  interrupted = true;
  log(`${sig}: stopping what this bench started`);
  void (active?.down() ?? Promise.resolve()).finally(() => {
    rmSync(work, { recursive: true, force: true });
    process.exit(130);
  });
};
process.once('SIGINT', onSignal);
process.once('SIGTERM', onSignal);

const ratio = (a: number | null | undefined, b: number | null | undefined) => (a && b ? Math.round((a / b) * 100) / 100 : null);
try {
  let ours: SystemResult | null = null;
  let theirs: SystemResult | null = null;
  if (!args.includes('--no-ours')) {
    log(`ours: 2 x 2 distributed-replicate, client API, port base ${flag('--port-base', 27100)}`);
    ours = await measure(() => oursSystem({ repo, home: join(work, 'ours'), portBase: flag('--port-base', 27100), volume: 'healbench' }));
  }
  if (!args.includes('--no-gluster') && existsSync(anchor) && !interrupted) {
    log('GlusterFS 10: 2 x 2 distributed-replicate, FUSE mount');
    theirs = await measure(() => glusterSystem({ anchor, root: join(work, 'real-gluster'), volume: 'healbench' }));
  }
  if (interrupted) await new Promise(() => {}); // the signal handler exits once cleanup is done
  process.stdout.write(JSON.stringify({
    bench: 'self-heal', files_modified: files.files, files_new: files.newFiles,
    ours, glusterfs_fuse: theirs,
    ratio: {
      heal_speedup: ratio(theirs?.healSeconds, ours?.healSeconds),
      seq_write: ratio(ours?.seqWriteMBps, theirs?.seqWriteMBps),
    },
  }) + '\n');
} finally {
  rmSync(work, { recursive: true, force: true });
}
