import { FsError, mountVolume, defaultVolumeSpec, type Volume } from 'glusterfs-core';
import { readAccounts, runQuery, type Accounts } from '../crawl/index.js';
import { parseFind, type FindQuery } from '../expr/index.js';
import { OutputSink, TextStreams } from '../output/index.js';
import { runChanges } from './gfind-changes.js';

const USAGE = `Usage: gfind [--volume HOST[:PORT]/VOLUME] [-s|--sort] [--json | --parquet FILE | --arrow FILE]
             [--timeout MS] [--crawl-timeout SEC] [PATH...] [EXPRESSION]
       gfind changes --session NAME [--since TIME] [--commit] [--json]

find(1) over a volume, evaluated on the bricks next to the data. PATHs are volume paths (default
/); EXPRESSION is GNU find's (tests, operators, actions), plus -xattr NAME[=VALUE], -gfid HEX and
the action -brick (prints host:path where the entry lives). gfind's own options come first.

  --volume SPEC     volume to search ($GLUSTER_VOLUME, else the npm start cluster)
  -s, --sort        print in path order (otherwise the bricks' output interleaves)
  --json            -print/-print0/-ls write one JSON object a line instead
  --parquet FILE    ... write the matches to a Parquet file instead
  --arrow FILE      ... write the matches to an Arrow IPC file instead
  --timeout MS      how long to wait for glusterd and the bricks (default 10000)
  --crawl-timeout SEC  how long one brick may walk (default 600)
`;

/** gfind's own options, read before the find arguments. */
interface GfindOptions {
  volume: string;
  sort: boolean;
  json: boolean;
  parquet?: string;
  arrow?: string;
  timeoutMs: number;
  crawlTimeoutMs: number;
}

function fail(message: string, code = 1): never {
  process.stderr.write(`gfind: ${message}\n`);
  process.exit(code);
}

/** Splits gfind's leading options from find's arguments. */
function parseOptions(argv: string[]): { o: GfindOptions; rest: string[] } {
  const o: GfindOptions = { volume: defaultVolumeSpec(), sort: false, json: false, timeoutMs: 10_000, crawlTimeoutMs: 600_000 };
  let i = 0;
  const value = (name: string, inline: string | undefined) => {
    if (inline !== undefined) return inline;
    if (i + 1 >= argv.length) fail(`option '${name}' needs an argument`);
    return argv[++i];
  };
  const number = (name: string, text: string) => {
    const n = Number(text);
    if (!Number.isFinite(n) || n <= 0) fail(`option '${name}' needs a positive number, not '${text}'`);
    return n;
  };
  for (; i < argv.length; i++) {
    const a = argv[i];
    const eq = a.startsWith('--') ? a.indexOf('=') : -1;
    const name = eq > 0 ? a.slice(0, eq) : a;
    const inline = eq > 0 ? a.slice(eq + 1) : undefined;
    if (name === '--') { i++; break; }
    if (name === '-h' || name === '--help') { process.stdout.write(USAGE); process.exit(0); }
    if (name === '-s' || name === '--sort') o.sort = true;
    else if (name === '--json') o.json = true;
    else if (name === '--volume') o.volume = value(name, inline);
    else if (name === '--parquet') o.parquet = value(name, inline);
    else if (name === '--arrow') o.arrow = value(name, inline);
    else if (name === '--timeout') o.timeoutMs = number(name, value(name, inline));
    else if (name === '--crawl-timeout') o.crawlTimeoutMs = number(name, value(name, inline)) * 1000;
    else if (name.startsWith('--')) fail(`unknown option '${name}'\n${USAGE}`);
    else break;
  }
  if ([o.json, o.parquet, o.arrow].filter(Boolean).length > 1) fail('choose one of --json, --parquet and --arrow');
  return { o, rest: argv.slice(i) };
}

function parse(rest: string[], accounts: () => Accounts): FindQuery {
  try {
    return parseFind(rest, {
      now: Date.now() / 1000,
      user: (n) => accounts().userIds.get(n),
      group: (n) => accounts().groupIds.get(n),
      uids: () => [...accounts().users.keys()],
      gids: () => [...accounts().groups.keys()],
    });
  } catch (e) {
    return fail(e instanceof FsError ? e.detail : String(e));
  }
}

async function mount(o: GfindOptions): Promise<Volume> {
  try {
    return await mountVolume(o.volume, {
      timeoutMs: o.timeoutMs,
      identity: { uid: process.getuid?.() ?? 0, gid: process.getgid?.() ?? 0, groups: process.getgroups?.() ?? [] },
    });
  } catch (e) {
    const fe = FsError.from(e);
    return fail(`cannot mount ${o.volume}: ${fe.detail || fe.code} (${fe.code})`);
  }
}

async function main(argv: string[]): Promise<number> {
  if (argv[0] === 'changes') return runChanges(argv.slice(1));
  const { o, rest } = parseOptions(argv);
  let accounts: Accounts | undefined;
  const getAccounts = () => (accounts ??= readAccounts());
  // Everything about the expression is checked here, before any brick hears of it.
  const q = parse(rest, getAccounts);
  for (const w of q.warnings) process.stderr.write(`gfind: ${w}\n`);
  let streams: TextStreams;
  try {
    streams = new TextStreams(q.files, () => process.exit(0));
  } catch (e) {
    const fe = FsError.from(e);
    return fail(`'${q.files.find((f) => fe.message.includes(f)) ?? q.files[0]}': ${fe.detail || fe.code}`);
  }
  process.stdout.on('error', () => process.exit(process.exitCode ?? 0));
  const records = o.json || o.parquet !== undefined || o.arrow !== undefined;
  const sink = new OutputSink(streams, { sort: o.sort, json: o.json, parquet: o.parquet, arrow: o.arrow });
  const vol = await mount(o);
  try {
    const outcome = await runQuery(vol, q, {
      records, sort: o.sort, timeoutMs: o.crawlTimeoutMs,
      names: () => ({ users: getAccounts().users, groups: getAccounts().groups }),
      report: (line) => process.stderr.write(`gfind: ${line}\n`),
    }, sink);
    sink.finish();
    return outcome.exitCode;
  } catch (e) {
    const fe = FsError.from(e);
    process.stderr.write(`gfind: ${fe.detail || fe.code} (${fe.code})\n`);
    return 1;
  } finally {
    streams.close();
    await vol.unmount();
  }
}

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (e) {
  if ((e as NodeJS.ErrnoException).code === 'EPIPE') process.exit(0);
  throw e;
}
