import { Command, CommanderError } from 'commander';
import { defaultVolumeSpec, FsError, mountVolume, parseVolumeSpec, redactGfids, type Volume } from 'glusterfs-core';
import {
  checkSessionName, deleteSession, formatChange, listSessions, parseSince, runFeed, type FeedOutcome,
} from '../changes/index.js';

interface ChangesOpts {
  volume: string;
  session?: string;
  since?: string;
  commit?: boolean;
  json?: boolean;
  delete?: boolean;
  list?: boolean;
  timeout: string;
}

/**
 * `gfind changes …` (argv: the arguments after `changes`): what changed in a volume since a
 * session's point or a time, from the bricks' change journals, one `OP PATH [NEWPATH]` line per
 * change as glusterfind prints them (or `--json` objects). `--commit` moves the session's
 * point; `--delete` and `--list` manage sessions. Returns the exit code: 0, or 1 after an
 * error (printed as `gfind: …`) or when some changes could not be listed.
 */
export async function runChanges(argv: string[]): Promise<number> {
  const program = command();
  let opts: ChangesOpts;
  try {
    program.parse(argv, { from: 'user' });
    opts = program.opts<ChangesOpts>();
    checkCombination(opts);
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode;
    return fail(e);
  }
  let vol: Volume | undefined;
  try {
    const since = opts.since === undefined ? undefined : parseSince(opts.since);
    const session = opts.session === undefined ? undefined : checkSessionName(opts.session);
    vol = await mountVolume(parseVolumeSpec(opts.volume), { timeoutMs: Number(opts.timeout) || 10_000 });
    if (opts.list) return await printList(vol, opts.json === true);
    if (opts.delete) return await removeSession(vol, session!);
    const outcome = await runFeed(vol, { session, since, commit: opts.commit === true });
    return await printFeed(outcome, opts, session);
  } catch (e) {
    return fail(e);
  } finally {
    await vol?.unmount();
  }
}

function command(): Command {
  return new Command('gfind changes')
    .description('What changed in the volume since a session\'s point (or --since), from the bricks\' change journals.')
    .option('--volume <HOST[:PORT]/VOLUME>', 'volume to use ($GLUSTER_VOLUME, else the npm start cluster)', defaultVolumeSpec())
    .option('--session <NAME>', 'the session whose point the window starts at (created at now on first use)')
    .option('--since <TIME>', 'start the window at TIME instead: epoch seconds, an age (15m, 2h, 1d) or a date (2024-06-01T12:00)')
    .option('--commit', 'move the session\'s point to the end of this window (without it the window comes again)')
    .option('--json', 'one JSON object a line: {op, path, newPath?, gfid, type?}')
    .option('--delete', 'forget the session on every live brick')
    .option('--list', 'list the sessions the bricks have')
    .option('--timeout <ms>', 'how long to wait for glusterd and the bricks', '10000')
    .exitOverride()
    .showHelpAfterError();
}

function checkCombination(o: ChangesOpts): void {
  const bad = (msg: string) => new FsError('EINVAL', msg);
  if (o.list && (o.session || o.since || o.commit || o.delete)) throw bad('--list takes no other option but --volume and --json');
  if (o.delete && (!o.session || o.since || o.commit)) throw bad('--delete needs --session NAME and nothing else');
  if (!o.list && !o.session && o.since === undefined) throw bad('give --session NAME (or --since TIME for a one-off window)');
  if (o.commit && !o.session) throw bad('--commit needs --session NAME');
}

async function printFeed(o: FeedOutcome, opts: ChangesOpts, session: string | undefined): Promise<number> {
  const lines = o.changes.map((c) => formatChange(c, opts.json === true));
  if (lines.length) await write(lines.join('\n') + '\n');
  if (o.created) warn(`session '${session}' created: changes from now on are listed by the next run`);
  let code = 0;
  if (o.unresolved > 0) {
    warn(`${o.unresolved} change(s) left out: their directory is gone and the window does not name it`);
    code = 1;
  }
  if (o.uncovered.length > 0) {
    const which = o.uncovered.map((u) => `${u.subvolume} (from ${isoTime(u.journalStart)})`).join(', ');
    warn(`the window starts at ${isoTime(o.start!)} but these journals begin later: ${which}; changes there before they begin are not listed`);
    // With --since the user asked for more history than the journal has; a session's own gap is a loss.
    if (opts.since === undefined) code = 1;
  }
  return code;
}

async function printList(vol: Volume, json: boolean): Promise<number> {
  const { sessions } = await listSessions(vol);
  if (json) {
    const lines = sessions.map((s) => JSON.stringify({ session: s.session, volume: vol.name, time: s.time, bricks: s.bricks }));
    if (lines.length) await write(lines.join('\n') + '\n');
    return 0;
  }
  if (sessions.length === 0) {
    await write('No sessions found.\n');
    return 0;
  }
  const row = (a: string, b: string, c: string) => `${a.padEnd(25)} ${b.padEnd(25)} ${c}`.trimEnd();
  const rows = [row('SESSION', 'VOLUME', 'SESSION TIME'), '-'.repeat(75)];
  for (const s of sessions) rows.push(row(s.session, vol.name, localTime(s.time)));
  await write(rows.join('\n') + '\n');
  return 0;
}

async function removeSession(vol: Volume, session: string): Promise<number> {
  const { removed, down } = await deleteSession(vol, session);
  if (removed === 0) {
    warn(`session '${session}' does not exist on volume ${vol.name}`);
    return 1;
  }
  if (down.length) warn(`${down.join(', ')} down: they keep the session until --delete runs again while they are up`);
  return 0;
}

/** `2024-06-01 12:00:00` in local time, as glusterfind's list prints session times. */
function localTime(ms: number): string {
  const d = new Date(ms);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
}

function isoTime(ms: number): string {
  return new Date(ms).toISOString();
}

function write(text: string): Promise<void> {
  return new Promise((resolve, reject) => {
    process.stdout.write(text, (e) => (e && (e as NodeJS.ErrnoException).code !== 'EPIPE' ? reject(e) : resolve()));
  });
}

function warn(msg: string): void {
  process.stderr.write(`gfind: ${redactGfids(msg)}\n`);
}

function fail(e: unknown): number {
  const fe = FsError.from(e);
  warn(`changes: ${fe.message.replace(/^(?:[A-Z]+: )+/, '')} (${fe.code})`);
  return 1;
}
