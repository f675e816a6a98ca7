import { Command, InvalidArgumentError } from 'commander';
import { formatHealInfo, formatSplitBrainOutcome, healInfo, resolveSplitBrain } from '../../heal/index.js';
import type { HostHealStatistics, MgmtClient } from '../../mgmt/index.js';
import { formatHealCount, formatHealStatistics, formatLaunched, launchLine } from './format-heal.js';
import { healRefusal, withReplicaSets } from './heal-sets.js';
import { crawlMarks, fullCrawlsDone, waitHealed } from './heal-wait.js';
import { parseHealWords, type HealRequest } from './heal-words.js';
import { fail, printJson, reasonOf, withGlusterd } from './session.js';

interface HealOpts {
  json?: boolean;
  wait?: boolean;
  timeout?: number;
}

function parseSeconds(v: string): number {
  const n = Number(v);
  if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError('must be a positive number of seconds');
  return n;
}

/**
 * `gluster volume heal VOL [full | enable | disable | info [summary|split-brain] |
 * statistics [heal-count] | split-brain POLICY …] [--wait [--timeout S]] [--json]`.
 * Launching heals goes through glusterd to every server's self-heal daemon; info, heal-count
 * and split-brain resolution mount the volume's replica sets here, as GlusterFS's glfsheal does.
 */
export function volumeHealCommand(): Command {
  return new Command('heal')
    .description('heal a replicated volume now (index or full crawl by every server\'s self-heal daemon), list what needs heal, show crawl statistics, resolve split-brain')
    .argument('<name>', 'volume name')
    .argument('[words...]', 'full | enable | disable | info [summary|split-brain] | statistics [heal-count] | split-brain {bigger-file FILE | latest-mtime FILE | source-brick HOST:BRICK [FILE]}')
    .option('--wait', 'with no words or full: wait until heal info lists no entry (a progress line on a terminal)')
    .option('--timeout <seconds>', 'with --wait: give up (exit 1) after this long', parseSeconds)
    .option('--json', 'print the result as JSON')
    .action(async (name: string, words: string[], o: HealOpts, cmd: Command) => {
      const req = parseHealWords(words);
      if ('error' in req) fail(req.error);
      if ((o.wait || o.timeout !== undefined) && req.kind !== 'trigger') {
        fail(`--wait and --timeout apply only to \`gluster volume heal ${name}\` and \`gluster volume heal ${name} full\`.`);
      }
      if (o.timeout !== undefined && !o.wait) fail('--timeout needs --wait.');
      await withGlusterd(cmd, (c) => runHeal(c, name, req, o));
    });
}

async function runHeal(c: MgmtClient, name: string, req: HealRequest, o: HealOpts): Promise<void> {
  switch (req.kind) {
    case 'trigger': return launch(c, name, req.full, o);
    case 'enable': return enable(c, name, req.on, o);
    case 'statistics': return statistics(c, name, o);
    default: return onSets(c, name, req, o);
  }
}

async function launch(c: MgmtClient, name: string, full: boolean, o: HealOpts): Promise<void> {
  // Where each daemon's crawl history stands before a full heal, to know when it has run.
  const marks = full && o.wait ? crawlMarks(await c.volumeHealStatistics(name).catch(() => [])) : undefined;
  try {
    await c.volumeHeal(name, full);
  } catch (e) {
    fail(`${launchLine(name, full)} unsuccessful:\n${reasonOf(e)}`);
  }
  if (o.json && !o.wait) printJson({ volume: name, crawl: full ? 'full' : 'index', launched: true });
  else if (!o.json) process.stdout.write(formatLaunched(name, full));
  if (!o.wait) return;
  try {
    await withReplicaSets(c, name, (sets) => waitHealed(sets, {
      volume: name, timeoutMs: o.timeout === undefined ? undefined : o.timeout * 1000,
      retrigger: async () => { await c.volumeHeal(name, false); },
      ...(marks ? { crawlDone: () => c.volumeHealStatistics(name).then((h) => fullCrawlsDone(h, marks), () => false) } : {}),
    }));
  } catch (e) {
    fail(reasonOf(e));
  }
  if (o.json) printJson({ volume: name, crawl: full ? 'full' : 'index', launched: true, pending: 0 });
  else process.stdout.write(`Heal on volume ${name} is complete: no entries pending.\n`);
}

async function enable(c: MgmtClient, name: string, on: boolean, o: HealOpts): Promise<void> {
  const what = `${on ? 'Enable' : 'Disable'} heal on volume ${name} has been`;
  try {
    const vol = await c.volumeSet(name, 'cluster.self-heal-daemon', on ? 'on' : 'off');
    if (o.json) printJson(vol);
    else process.stdout.write(`${what} successful \n`);
  } catch (e) {
    fail(`${what} unsuccessful:\n${reasonOf(e)}`);
  }
}

async function statistics(c: MgmtClient, name: string, o: HealOpts): Promise<void> {
  let hosts: HostHealStatistics[];
  try {
    hosts = await c.volumeHealStatistics(name);
  } catch (e) {
    fail(`Gathering crawl statistics on volume ${name} has been unsuccessful:\n${reasonOf(e)}`);
  }
  if (o.json) printJson(hosts);
  else process.stdout.write(formatHealStatistics(name, hosts));
  if (hosts.some((h) => h.error !== undefined)) process.exitCode = 1;
}

/** info, heal-count and split-brain: the volume's replica sets, mounted here. */
async function onSets(c: MgmtClient, name: string, req: HealRequest, o: HealOpts): Promise<void> {
  try {
    const [vol] = await c.volumeInfo(name);
    const refusal = healRefusal(vol);
    if (refusal) fail(refusal);
    await withReplicaSets(c, name, async (sets) => {
      if (req.kind === 'split-brain') {
        const outcome = await resolveSplitBrain(sets, req.policy, { file: req.file, sourceBrick: 'sourceBrick' in req ? req.sourceBrick : undefined });
        if (o.json) printJson(outcome);
        else process.stdout.write(formatSplitBrainOutcome(outcome));
        if (outcome.failed.length) process.exitCode = 1;
        return;
      }
      const mode = req.kind === 'info' ? req.mode : 'info';
      const bricks = await healInfo(sets, { splitBrainOnly: mode === 'split-brain' });
      if (o.json) printJson(bricks);
      else if (req.kind === 'heal-count') process.stdout.write(formatHealCount(name, bricks));
      else process.stdout.write(formatHealInfo(bricks, mode));
    });
  } catch (e) {
    fail(reasonOf(e));
  }
}
