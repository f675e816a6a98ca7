import { FsError, normalizePath, replicaSets, type Stats, type Volume } from 'glusterfs-core';
import { exprNeeds, typeLetter, type FindQuery } from '../expr/index.js';
import type { CrawlArgs, CrawlChunk, CrawlResult, Prepass, RecordColumns, StartPath } from './args.js';

/** Where a query's output goes, as it arrives from the bricks. */
export interface QuerySink {
  text(stream: number, text: string): void;
  /** Sortable units `[path, stream, text]` (with `sort`). */
  units(u: [string, number, string][]): void;
  records(c: RecordColumns): void;
}

/** How to run a query. */
export interface QueryOptions {
  /** -print/-print0/-ls to stdout produce records instead of text. */
  records: boolean;
  /** Output as sortable units. */
  sort: boolean;
  /** Per-brick time limit of the walk. */
  timeoutMs: number;
  /** uid/gid → name maps (the client's account files), read only when the expression prints names. */
  names(): { users: Map<number, string>; groups: Map<number, string> };
  /** Receives find's error lines (without the program name) as they happen. */
  report(line: string): void;
  /** Entries or bytes per chunk a brick sends. */
  batchEntries?: number;
  batchBytes?: number;
}

/** How the query ended: find's exit code (1 when any error was reported). */
export interface QueryOutcome {
  exitCode: number;
}

const TYPE_OF_ERRNO: Record<string, string> = { ENOENT: 'N', ENOTDIR: 'N', ELOOP: 'L' };

/**
 * Runs a parsed find query on a mounted volume: stats reference files and start paths on the
 * client (a missing one is find's `'x': No such file or directory`, exit 1, the others still
 * run), gathers what spans replica sets when the expression needs it (-empty, -xtype, %Y), then
 * walks on one live brick per replica set at once, streaming output into `sink`. A -quit on
 * any brick stops the others. A brick failure (crash, timeout, ENOTCONN) rejects with its errno.
 */
export async function runQuery(vol: Volume, q: FindQuery, opts: QueryOptions, sink: QuerySink): Promise<QueryOutcome> {
  let exitCode = 0;
  const report = (line: string) => {
    exitCode = 1;
    opts.report(line);
  };
  for (const ref of q.refs) {
    const st = await statOrReport(vol, ref.path, report);
    if (!st) return { exitCode };
    if (ref.node.op === 'samefile') ref.node.gfid = st.gfid;
    else ref.node.ref = (ref.want === 'a' ? st.atimeMs : ref.want === 'c' ? st.ctimeMs : st.mtimeMs) / 1000;
  }
  const starts: StartPath[] = [];
  for (const shown of q.paths) {
    if (shown === '') {
      report("'': No such file or directory");
      continue;
    }
    if (await statOrReport(vol, shown, report)) starts.push({ shown, path: normalizePath(shown) });
  }
  if (starts.length === 0) return { exitCode };

  const needs = exprNeeds(q.expr);
  const names = needs.names ? opts.names() : { users: new Map<number, string>(), groups: new Map<number, string>() };
  const sets = replicaSets(vol.volfile);
  const args: CrawlArgs = {
    mode: 'walk', starts, expr: q.expr, maxdepth: q.maxdepth, mindepth: q.mindepth, depth: q.depth, now: q.now,
    dirOwners: sets[0] ?? [], hosts: hostsOf(vol), records: opts.records, sort: opts.sort,
    users: [...names.users], groups: [...names.groups], emptyDirs: [], targets: {},
    batchEntries: opts.batchEntries ?? 1000, batchBytes: opts.batchBytes ?? 64 * 1024,
  };
  if (needs.empty || needs.targets) await prepass(vol, args, sets.length, opts.timeoutMs);

  const ac = new AbortController();
  let quitting = false;
  const onChunk = (raw: unknown) => {
    if (quitting) return;
    const c = raw as CrawlChunk;
    if (c.t) c.t.forEach((text, stream) => text && sink.text(stream, text));
    if (c.u) sink.units(c.u);
    if (c.r) sink.records(c.r);
    if (c.q) {
      // find stops at the first -quit: what other bricks send after it is dropped.
      quitting = true;
      ac.abort();
    }
  };
  let results: CrawlResult[];
  try {
    results = (await vol.runTask('gfind.crawl', args, { onChunk, timeoutMs: opts.timeoutMs, signal: ac.signal })) as CrawlResult[];
  } catch (e) {
    if (quitting) return { exitCode };
    throw e;
  }
  for (const r of results) for (const line of r.errors) report(line);
  return { exitCode };
}

/** lstat through the volume; a failure becomes find's error line and undefined. */
async function statOrReport(vol: Volume, path: string, report: (line: string) => void): Promise<Stats | undefined> {
  try {
    return await vol.lstat(normalizePath(path));
  } catch (e) {
    const fe = FsError.from(e);
    if (fe.code !== 'ENOENT' && fe.code !== 'ENOTDIR') throw fe;
    report(`'${path}': ${fe.code === 'ENOENT' ? 'No such file or directory' : 'Not a directory'}`);
    return undefined;
  }
}

/** The host each brick is reached by, from the client volfile's protocol/client nodes. */
function hostsOf(vol: Volume): Record<string, string> {
  const out: Record<string, string> = {};
  for (const n of vol.volfile.nodes) {
    if (n.type === 'protocol/client' && typeof n.options['remote-host'] === 'string') out[n.name] = n.options['remote-host'];
  }
  return out;
}

/**
 * Fills `args.emptyDirs` (directories empty on every replica set) and `args.targets` (what each
 * symlink resolves to, stat'ed through the volume, which follows links across sets).
 */
async function prepass(vol: Volume, args: CrawlArgs, setCount: number, timeoutMs: number): Promise<void> {
  const per = (await vol.runTask('gfind.crawl', { ...args, mode: 'prepass' }, { timeoutMs })) as Prepass[];
  const count = new Map<string, number>();
  for (const p of per) for (const d of p.empty) count.set(d, (count.get(d) ?? 0) + 1);
  args.emptyDirs = [...count].filter(([, n]) => n === setCount).map(([d]) => d);
  const links = [...new Set(per.flatMap((p) => p.links))];
  const targets: Record<string, string> = {};
  const CONCURRENCY = 32;
  for (let i = 0; i < links.length; i += CONCURRENCY) {
    await Promise.all(links.slice(i, i + CONCURRENCY).map(async (l) => {
      try {
        targets[l] = typeLetter((await vol.stat(l)).mode);
      } catch (e) {
        targets[l] = TYPE_OF_ERRNO[FsError.from(e).code] ?? 'N';
      }
    }));
  }
  args.targets = targets;
}
