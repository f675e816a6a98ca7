import { Command, Option } from 'commander';
import { FsError, defaultVolumeSpec, mountVolume, type Volume } from 'glusterfs-core';
import { queryVolume, updateVolume, volumeStatus, type BrickIndexStatus } from '../index/client.js';
import { compilePattern, type PatternSpec, type PatternSyntax } from '../index/pattern.js';
import { formatProgress, formatStatistics } from '../index/report.js';

interface Opts {
  volume: string;
  timeout: string;
  ignoreCase?: boolean;
  regexp?: boolean;
  regex?: boolean;
  count?: boolean;
  limit?: string;
  null?: boolean;
  existing?: boolean;
  all?: boolean;
  json?: boolean;
  statistics?: boolean;
  update?: boolean;
}

/** `-b` and `-w` are one setting; the later flag wins, as in plocate. */
let basename = false;

const program = new Command('glocate')
  .description('Find names on the volume, from the index every brick keeps fresh (plocate\'s options).')
  .argument('[patterns...]', 'substrings, globs (with * ? [ ]) or, with -r/--regex, regular expressions')
  .option('--volume <HOST[:PORT]/VOLUME>', 'volume to search ($GLUSTER_VOLUME, else the npm start cluster)', defaultVolumeSpec())
  .option('--timeout <ms>', 'how long to wait for glusterd and the bricks', '10000')
  .option('-i, --ignore-case', 'ignore case distinctions')
  .option('-r, --regexp', 'patterns are POSIX basic regular expressions')
  .option('--regex', 'patterns are POSIX extended regular expressions')
  .option('-b, --basename', 'match only the last component of each path')
  .option('-w, --wholename', 'match the whole path (the default)')
  .option('-c, --count', 'print only the number of matches')
  .option('-l, --limit <N>', 'stop after N matches')
  .addOption(new Option('-n <N>', 'same as --limit').hideHelp())
  .option('-0, --null', 'end each name with NUL instead of newline')
  .option('-e, --existing', 'print only names that still exist on the volume')
  .option('-A, --all', 'print names matching every pattern (default: any pattern)')
  .option('--json', 'one JSON object a line: {"path", "dir"} (with -c: {"count"})')
  .option('-S, --statistics', 'print statistics about each brick\'s index shard')
  .option('--update', 'crawl every brick again before searching (as updatedb; progress on a TTY)')
  .on('option:basename', () => { basename = true; })
  .on('option:wholename', () => { basename = false; })
  .showHelpAfterError()
  .action(async (patterns: string[], o: Opts & { n?: string }) => {
    process.exitCode = await main(patterns, o);
  });

async function main(patterns: string[], o: Opts & { n?: string }): Promise<number> {
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(0);
    throw e;
  });
  if (patterns.length === 0 && !o.statistics && !o.update) return fail('no pattern to search for specified');
  const limitText = o.limit ?? o.n;
  const limit = limitText === undefined ? undefined : Number(limitText);
  if (limit !== undefined && (!Number.isInteger(limit) || limit < 0)) return fail(`invalid limit '${limitText}'`);
  const syntax: PatternSyntax = o.regex ? 'ere' : o.regexp ? 'bre' : 'locate';
  const specs: PatternSpec[] = patterns.map((text) => ({ text, syntax, ignoreCase: o.ignoreCase === true, basename }));
  try {
    specs.forEach(compilePattern); // a bad pattern is an error before any brick is asked
  } catch (e) {
    return fail((e as Error).message.replace(/^EINVAL: /, ''));
  }
  let vol: Volume;
  try {
    vol = await mountVolume(o.volume, { timeoutMs: Number(o.timeout) || 10_000 });
  } catch (e) {
    return fail(`cannot mount ${o.volume}: ${(e as Error).message}`);
  }
  try {
    if (o.update) await update(vol);
    if (o.statistics) process.stdout.write(formatStatistics(vol.name, await volumeStatus(vol)));
    if (specs.length === 0) return 0;
    return await search(vol, specs, o, limit);
  } catch (e) {
    const fe = FsError.from(e);
    return fail(`${fe.message.replace(/^(?:[A-Z]+: )+/, '')} (${fe.code})`);
  } finally {
    await vol.unmount();
  }
}

async function search(vol: Volume, patterns: PatternSpec[], o: Opts, limit: number | undefined): Promise<number> {
  const progress = new ProgressLine();
  const found = await queryVolume(vol, { patterns, all: o.all === true, limit: o.existing ? undefined : limit, countOnly: o.count && !o.existing }, {
    onWait: (s) => progress.show(formatProgress(s)),
  });
  progress.done();
  let { paths, dirs } = found;
  let count = found.count;
  if (o.existing) {
    const keep = await existing(vol, paths, limit);
    paths = paths.filter((_, i) => keep[i]);
    dirs = dirs.filter((_, i) => keep[i]);
    count = paths.length;
  }
  if (o.count) {
    process.stdout.write(o.json ? `${JSON.stringify({ count })}\n` : `${count}\n`);
    return count > 0 ? 0 : 1;
  }
  const end = o.null ? '\0' : '\n';
  const lines = o.json ? paths.map((p, i) => JSON.stringify({ path: p, dir: dirs[i] }) + '\n') : paths.map((p) => p + end);
  for (let i = 0; i < lines.length; i += 10_000) process.stdout.write(lines.slice(i, i + 10_000).join(''));
  return paths.length > 0 ? 0 : 1;
}

/** Which paths the volume still has (lstat through the volume, 64 at a time), until `limit` are found. */
async function existing(vol: Volume, paths: string[], limit = Infinity): Promise<boolean[]> {
  const keep: boolean[] = new Array(paths.length).fill(false);
  let kept = 0;
  for (let i = 0; i < paths.length && kept < limit; i += 64) {
    const batch = paths.slice(i, i + 64);
    const there = await Promise.all(batch.map((p) => vol.exists(p)));
    for (let j = 0; j < there.length && kept < limit; j++) {
      if (there[j]) {
        keep[i + j] = true;
        kept++;
      }
    }
  }
  return keep;
}

/** Starts a crawl on every brick and waits for all of them, with a progress line on a TTY. */
async function update(vol: Volume): Promise<void> {
  const before = await updateVolume(vol);
  const progress = new ProgressLine();
  const done = (s: BrickIndexStatus[]) =>
    s.every((b, i) => !b.crawling && b.state === 'ready' && b.crawls > before[i]!.crawls);
  for (;;) {
    const s = await volumeStatus(vol);
    const failed = s.find((b) => b.state === 'failed' || b.error.startsWith('crawl failed'));
    if (failed) throw new FsError('EIO', `${failed.subvolume}: ${failed.error}`);
    if (done(s)) break;
    progress.show(formatProgress(s));
    await new Promise((r) => setTimeout(r, 200));
  }
  progress.done();
}

/** A line redrawn on stderr when it is a terminal; silent otherwise. */
class ProgressLine {
  #shown = false;

  show(text: string): void {
    if (!process.stderr.isTTY) return;
    process.stderr.write(`\r\x1b[K${text}`);
    this.#shown = true;
  }

  done(): void {
    if (this.#shown) process.stderr.write('\r\x1b[K');
  }
}

function fail(msg: string): number {
  process.stderr.write(`glocate: ${msg}\n`);
  return 1;
}

await program.parseAsync();
