import { compareBrickPair } from './brick-pair.js';
import { healFiles, type HealFilesOptions } from './heal-files.js';
import { pendingFromHealInfo } from './heal-info.js';
import type { HealSystem } from './heal-system.js';

/** What one self-heal measurement found. */
export interface HealResult {
  /** From the brick restart command to the first `heal info` that shows every brick at 0. */
  healSeconds: number;
  /** How long the restart itself took (part of healSeconds). */
  restartSeconds: number;
  /** Entries the first `heal info` after the restart listed (all bricks connected). */
  pendingAtStart: number | null;
  /** Whether the two copies of the damaged replica set are byte-identical afterwards. */
  healedCopiesMatch: boolean;
}

const TRIGGER_TRIES = 20;
const POLL_GAP_MS = 100;

type Log = (m: string) => void;

/** How the heal is waited for. */
export interface HealRunOptions {
  /** Give up when the index is not empty this long after the restart. */
  timeoutMs: number;
  /** Run `gluster volume heal VOL` after the restart (false: leave it to the daemon alone). */
  trigger: boolean;
}

/**
 * The self-heal experiment on one system: create the files, kill the victim brick, modify every
 * file and create the new ones through the system's client, restart the brick, launch a heal as
 * an operator would (retried while it is refused as the brick comes up), then poll `heal info` until
 * every brick shows 0 entries. Finally compares the damaged set's two brick copies.
 */
export async function measureHeal(sys: HealSystem, o: HealFilesOptions, run: HealRunOptions, log: Log): Promise<HealResult> {
  const plan = healFiles('/heal', o);
  await plan.create(sys.files);
  log(`${sys.name}: ${o.files} files created; killing brick ${sys.pair[1]}`);
  await sys.killBrick();
  let t = performance.now();
  await plan.modify(sys.files);
  await plan.createNew(sys.files);
  log(`${sys.name}: brick down; ${o.files} files modified and ${o.newFiles} created in ${secs(t)} s`);

  const t0 = performance.now();
  await sys.restartBrick();
  const restartSeconds = (performance.now() - t0) / 1000;
  log(`${sys.name}: brick restarted in ${restartSeconds.toFixed(2)} s${run.trigger ? '; launching heal' : ''}`);
  if (run.trigger) await launchHeal(sys, log);
  const { pendingAtStart, polls } = await waitEmptyIndex(sys, t0, run.timeoutMs, log);
  const healSeconds = (performance.now() - t0) / 1000;
  log(`${sys.name}: heal index empty ${healSeconds.toFixed(2)} s after the restart (${polls} polls of heal info)`);

  t = performance.now();
  const cmp = compareBrickPair(sys.pair[0], sys.pair[1]);
  if (cmp.differing.length) {
    log(`${sys.name}: AFTER HEAL ${cmp.differing.length} of ${cmp.files} files differ between the bricks of the set, e.g. ${cmp.differing.slice(0, 5).join(', ')}`);
  } else {
    log(`${sys.name}: both copies of the set hold the same ${cmp.files} files (compared in ${secs(t)} s)`);
  }
  return { healSeconds: round(healSeconds), restartSeconds: round(restartSeconds), pendingAtStart, healedCopiesMatch: cmp.differing.length === 0 };
}

async function launchHeal(sys: HealSystem, log: Log): Promise<void> {
  let last = '';
  for (let i = 1; i <= TRIGGER_TRIES; i++) {
    const r = await sys.triggerHeal();
    if (r.ok) {
      if (i > 1) log(`${sys.name}: heal launched on try ${i} (before: ${last.replace(/\s+/g, ' ')})`);
      return;
    }
    last = r.message;
    await sleep(250);
  }
  log(`${sys.name}: \`gluster volume heal\` refused ${TRIGGER_TRIES} times (last: ${last}); waiting for the daemon anyway`);
}

async function waitEmptyIndex(sys: HealSystem, t0: number, timeoutMs: number, log: Log) {
  let pendingAtStart: number | null = null;
  let lastLogged = -1;
  let polls = 0;
  for (;;) {
    polls++;
    const pending = pendingFromHealInfo(await sys.healInfo());
    if (pending !== undefined && pendingAtStart === null) pendingAtStart = pending;
    if (pending === 0) return { pendingAtStart, polls };
    const elapsed = performance.now() - t0;
    if (pending !== undefined && pending !== lastLogged && (lastLogged < 0 || polls % 10 === 0)) {
      log(`${sys.name}: ${pending} entries pending heal at ${(elapsed / 1000).toFixed(1)} s`);
      lastLogged = pending;
    }
    if (elapsed > timeoutMs) {
      throw new Error(`${sys.name}: heal index not empty ${timeoutMs / 1000} s after the brick restart (last: ${pending ?? 'a brick not connected'})`);
    }
    await sleep(POLL_GAP_MS);
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const round = (x: number) => Math.round(x * 100) / 100;
const secs = (since: number) => ((performance.now() - since) / 1000).toFixed(2);
