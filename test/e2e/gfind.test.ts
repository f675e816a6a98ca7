import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getAttributeSync } from '@napi-rs/xattr';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { mountVolume, type Volume } from 'glusterfs-core';
import { BIN, run, startCluster, waitFor, type TestCluster } from '../support/cluster.js';
import { buildLocal, buildOnVolume, buildTree, type Tree } from '../support/find-tree.js';

// gfind against GNU find: the same ~20,000-entry tree is built through the client API on a real
// 2 x 2 volume and with plain syscalls in a local directory; for every expression, gfind's
// output over the volume must be the same set of lines as GNU find's over the local copy. Both
// run with the same arguments on a relative start path `t`, so the printed paths agree.
const SEED = 20_240_610;
const FILES = 19_200;
const DAY = 86400;
/** Names with a newline in them (left out where output is split into lines). */
const NL = '*\n*';

interface Ctx {
  cluster: TestCluster;
  vol: Volume;
  tree: Tree;
  base: string;
  now: number;
}

const t = suite<Ctx>('e2e: gfind');

// uvu reports a failed before hook only as "0 / N": say why.
t.before(async (ctx) => setUp(ctx).catch((e: Error) => {
  console.error(`setting up the suite failed: ${e.stack ?? e.message}`);
  throw e;
}));

async function setUp(ctx: Ctx): Promise<void> {
  ctx.now = Math.floor(Date.now() / 1000);
  ctx.tree = buildTree('t', FILES, SEED, ctx.now);
  ctx.base = mkdtempSync(join(tmpdir(), 'gfind-local-'));
  buildLocal(ctx.tree, ctx.base);
  ctx.cluster = await startCluster({ bricks: 4, replica: 2 });
  ctx.vol = await mountVolume(ctx.cluster.volumeSpec);
  const t0 = Date.now();
  await buildOnVolume(ctx.tree, ctx.vol);
  console.log(`  built ${ctx.tree.entries} entries on the volume in ${((Date.now() - t0) / 1000).toFixed(1)} s (seed ${SEED})`);
}

t.after(async (ctx) => {
  await ctx.vol?.unmount();
  await ctx.cluster?.stop();
  if (ctx.base) rmSync(ctx.base, { recursive: true, force: true });
});

/** One comparison: find arguments (after the start path), how to split records, how to normalise a record. */
interface Case {
  args: string[];
  sep?: '\n' | '\0';
  /**
   * -ls: the inode and block columns differ by construction (GFID inodes, xattr blocks on
   * bricks); 'nodate' also drops the date (symlink times cannot be set through the API).
   */
  ls?: true | 'nodate';
}

function cases(ctx: Ctx): Case[] {
  const old = new Date((ctx.now - 100 * DAY - DAY / 4) * 1000);
  const p2 = (n: number) => String(n).padStart(2, '0');
  const date = `${old.getFullYear()}-${p2(old.getMonth() + 1)}-${p2(old.getDate())} ${p2(old.getHours())}:${p2(old.getMinutes())}`;
  const { linked, timed } = ctx.tree;
  return [
    { args: [] },
    { args: ['-type', 'f'] },
    { args: ['-type', 'd'] },
    { args: ['-type', 'l'] },
    { args: ['-type', 'f,l'] },
    { args: ['-name', '*7*'] },
    { args: ['-name', '*7*', '-size', '+2k'] },
    { args: ['-iname', 'f1*.txt'] },
    { args: ['-name', '.*'] },
    { args: ['-name', '*[[:space:]]*'] },
    { args: ['-name', '[!f]*', '-type', 'f'] },
    { args: ['-type', 'f', '-size', '-1k'] },
    { args: ['-type', 'f', '-size', '512c'] },
    { args: ['-type', 'f', '-size', '+1', '-size', '-5'] },
    { args: ['-type', 'f', '-size', '+60k'] },
    { args: ['-type', 'f', '-size', '2'] },
    { args: ['-empty'] },
    { args: ['-type', 'd', '!', '-empty'] },
    { args: ['-path', '*/s3/*'] },
    { args: ['-ipath', '*/D2/S*'] },
    { args: ['-wholename', '*space*'] },
    { args: ['-regex', '.*/f[0-9]*7\\.txt'] },
    { args: ['-iregex', '.*/S[12]/.*\\.LOG'] },
    { args: ['-regex', '.*/\\(d1\\|d2\\)/s[0-9]/f[0-9]+\\(\\.dat\\)?'] },
    { args: ['-regextype', 'posix-extended', '-regex', '.*/(d1|d2)/s[0-9]/f[0-9]+\\.(dat|log)'] },
    { args: ['-type', 'f', '-perm', '644'] },
    { args: ['-type', 'f', '-perm', '-u+x'] },
    { args: ['-perm', '/o+w'] },
    { args: ['-perm', '-g=r', '-perm', '/u=x,g=x'] },
    { args: ['-perm', '-1000'] },
    { args: ['-user', 'cloudsdk'] },
    { args: ['-uid', '+999'] },
    { args: ['-group', 'nogroup', '-o', '-gid', '4343'] },
    { args: ['-nouser'] },
    { args: ['-nogroup'] },
    { args: ['-type', 'f', '-links', '2'] },
    { args: ['-type', 'd', '-links', '+3'] },
    { args: ['-samefile', linked] },
    { args: ['-type', 'f', '-mtime', '+30'] },
    { args: ['-mtime', '-2'] },
    { args: ['-type', 'f', '-mtime', '7'] },
    { args: ['-type', 'f', '-mmin', '-60'] },
    { args: ['-type', 'f', '-mmin', '+180', '-mtime', '0'] },
    { args: ['-type', 'f', '-atime', '+100'] },
    { args: ['-type', 'f', '-amin', '-30'] },
    { args: ['-cmin', '-60', '-name', '*9'] },
    { args: ['-newermt', date] },
    { args: ['-newer', timed] },
    { args: ['-maxdepth', '2'] },
    { args: ['-mindepth', '3', '-maxdepth', '4', '-type', 'd'] },
    { args: ['-depth', '-name', 's1'] },
    { args: ['-path', 't/d3', '-prune', '-o', '-print'] },
    { args: ['-name', 's[0-4]', '-prune', '-o', '-type', 'f', '-name', '*5*', '-print'] },
    { args: ['-name', '*1*', '-print', '-o', '-name', '*2*', '-printf', '[%f]\\n'] },
    { args: ['(', '-type', 'f', '-size', '+1k', ')', '-printf', 'F %p\\n', ',', '-type', 'd', '-printf', 'D %p\\n'] },
    { args: ['!', '(', '-name', '*.txt', '-o', '-type', 'd', ')', '-not', '-type', 'l'] },
    { args: ['-printf', '%p %m %M %U %G %u %g %n %y %d\\n'] },
    { args: ['-type', 'f', '-printf', '%s|%p\\n'] },
    { args: ['-printf', '%P|%f|%h|%H|%l|%Y\\n'] },
    { args: ['-type', 'f', '-mtime', '+1', '-printf', '%T@ %A@ %t %a %TY-%Tm-%Td %TH:%TM:%TS %AD %T+ %Tc\\n'] },
    { args: ['-printf', '%-12f|%5d|%.3p|%10.4f\\t\\101\\0\\n'] },
    { args: ['-print0'], sep: '\0' },
    { args: ['-name', '*line*', '-print0'], sep: '\0' },
    { args: ['-xtype', 'l'] },
    { args: ['-xtype', 'd'] },
    { args: ['-xtype', 'f', '-type', 'l'] },
    { args: ['-lname', '*missing*'] },
    { args: ['-type', 'f', '-mtime', '+1', '-ls'], ls: true },
    { args: ['-type', 'l', '-ls'], ls: 'nodate' },
    { args: ['-empty', '-o', '-size', '+60k'] },
    { args: ['-true', '-false'] },
    { args: ['-type', 'f', '-name', '*3*', '!', '-newer', timed] },
  ];
}

function split(out: string, sep: '\n' | '\0', ls: Case['ls'] = undefined): string[] {
  const lines = out.split(sep);
  if (lines.at(-1) === '') lines.pop();
  if (!ls) return lines.sort();
  return lines.map((l) => {
    const f = l.trim().split(/ +/).slice(2);
    if (ls === 'nodate') f.splice(5, 3);
    return f.join(' ');
  }).sort();
}

/** A short account of how two sorted record lists differ. */
function difference(ours: string[], gnu: string[]): string {
  const a = new Set(ours), b = new Set(gnu);
  const extra = ours.filter((x) => !b.has(x)).slice(0, 5);
  const missing = gnu.filter((x) => !a.has(x)).slice(0, 5);
  return `gfind ${ours.length} vs find ${gnu.length}; only gfind: ${JSON.stringify(extra)}; only find: ${JSON.stringify(missing)}`;
}

async function compareAll(ctx: Ctx, list: Case[], concurrency: number): Promise<string[]> {
  const failures: string[] = [];
  let next = 0;
  await Promise.all(Array.from({ length: concurrency }, async () => {
    for (let i = next++; i < list.length; i = next++) {
      const c = list[i];
      const args = ['t', ...c.args];
      const gnu = spawnSync('find', args, { cwd: ctx.base, encoding: 'utf8', maxBuffer: 1 << 28 });
      const ours = await run(BIN.gfind, ['--volume', ctx.cluster.volumeSpec, ...args]);
      const label = `gfind ${JSON.stringify(c.args)}`;
      if (ours.code !== gnu.status) {
        failures.push(`${label}: exit ${ours.code} (find: ${gnu.status}); stderr ${ours.stderr.slice(0, 300)}`);
        continue;
      }
      const a = split(ours.stdout, c.sep ?? '\n', c.ls), b = split(gnu.stdout, c.sep ?? '\n', c.ls);
      if (b.length === 0 && c.args.length && !c.args.includes('-false')) failures.push(`${label}: find printed nothing; the case tests nothing`);
      if (JSON.stringify(a) !== JSON.stringify(b)) failures.push(`${label}: ${difference(a, b)}`);
    }
  }));
  return failures;
}

t('the tree has about 20,000 entries', ({ tree }) => {
  assert.ok(tree.entries >= 19_800 && tree.entries <= 21_000, `${tree.entries} entries`);
});

t('for every expression gfind prints the same set as GNU find on a local copy', async (ctx) => {
  const list = cases(ctx);
  assert.ok(list.length >= 40, `${list.length} expressions`);
  const failures = await compareAll(ctx, list, 3);
  assert.equal(failures, [], failures.join('\n'));
});

t('-fprint writes the same lines to its file, and nothing to stdout', async (ctx) => {
  const ours = join(ctx.base, 'ours.txt'), gnu = join(ctx.base, 'gnu.txt');
  const r = await run(BIN.gfind, ['--volume', ctx.cluster.volumeSpec, 't', '-name', '*4*', '-fprint', ours]);
  assert.is(r.code, 0, r.stderr);
  assert.is(r.stdout, '');
  spawnSync('find', ['t', '-name', '*4*', '-fprint', gnu], { cwd: ctx.base });
  assert.equal(split(readFileSync(ours, 'utf8'), '\n'), split(readFileSync(gnu, 'utf8'), '\n'));
});

/** Every path under `t` of the local copy whose user.tag xattr passes `keep` (hard links share theirs). */
function localTagged(base: string, keep: (v: string) => boolean): string[] {
  const out: string[] = [];
  const walk = (rel: string) => {
    for (const d of readdirSync(join(base, rel), { withFileTypes: true })) {
      const p = `${rel}/${d.name}`;
      if (d.isDirectory()) walk(p);
      const v = d.isSymbolicLink() ? null : getAttributeSync(join(base, p), 'user.tag');
      if (v && keep(v.toString())) out.push(p);
    }
  };
  walk('t');
  return out.sort();
}

t('-xattr and -gfid find what was set through the client API', async (ctx) => {
  const spec = ctx.cluster.volumeSpec;
  for (const value of ctx.tree.tagged.keys()) {
    const r = await run(BIN.gfind, ['--volume', spec, 't', '-xattr', `user.tag=${value}`, '-print0']);
    assert.is(r.code, 0, r.stderr);
    const want = localTagged(ctx.base, (v) => v === value);
    assert.ok(want.length >= ctx.tree.tagged.get(value)!.length);
    assert.equal(split(r.stdout, '\0'), want, `user.tag=${value}`);
  }
  const any = await run(BIN.gfind, ['--volume', spec, 't', '-xattr', 'user.tag', '-print0']);
  assert.equal(split(any.stdout, '\0'), localTagged(ctx.base, () => true));
  const st = await ctx.vol.lstat('/' + ctx.tree.timed);
  const byGfid = await run(BIN.gfind, ['--volume', spec, '-gfid', st.gfid.replace(/-/g, '').toUpperCase(), '-printf', '%p %i\\n']);
  assert.is(byGfid.stdout, `/${ctx.tree.timed} ${st.ino}\n`);
  const byInum = await run(BIN.gfind, ['--volume', spec, 't', '-inum', String(st.ino)]);
  assert.is(byInum.stdout, `${ctx.tree.timed}\n`);
});

t('-brick names the brick that holds each file, and directories once', async (ctx) => {
  // (Volume.locate follows a symlink, so symlinks stay out of this check.)
  const args = ['-maxdepth', '1', '!', '-name', NL, '!', '-type', 'l'];
  const r = await run(BIN.gfind, ['--volume', ctx.cluster.volumeSpec, '/t/d0', ...args, '-brick']);
  assert.is(r.code, 0, r.stderr);
  const lines = split(r.stdout, '\n');
  const gnu = split(spawnSync('find', ['t/d0', ...args], { cwd: ctx.base, encoding: 'utf8' }).stdout, '\n');
  assert.is(lines.length, gnu.length);
  for (const line of lines) {
    const brick = ctx.cluster.bricks.find((b) => line.startsWith(`${b.host}:${b.path}/`));
    assert.ok(brick, line);
    const path = line.slice(brick.host.length + 1 + brick.path.length);
    const where = await ctx.vol.locate(path);
    assert.ok(where.some((l) => l.brick === brick.path), `${path} is on ${JSON.stringify(where)}`);
  }
});

t('-quit stops after the first match on any brick', async (ctx) => {
  const r = await run(BIN.gfind, ['--volume', ctx.cluster.volumeSpec, 't', '-type', 'f', '-name', '*5*', '-print', '-quit']);
  assert.is(r.code, 0, r.stderr);
  const lines = split(r.stdout, '\n');
  assert.is(lines.length, 1, r.stdout);
  assert.match(lines[0], /5/);
});

t('-s prints in path order; --json, --parquet and --arrow carry the same entries', async (ctx) => {
  const spec = ctx.cluster.volumeSpec;
  const sel = ['-name', '*2*', '!', '-name', NL];
  const sorted = await run(BIN.gfind, ['--volume', spec, '-s', 't/d1', ...sel]);
  const lines = sorted.stdout.split('\n').slice(0, -1);
  assert.equal(lines, [...lines].sort());
  const json = await run(BIN.gfind, ['--volume', spec, '--json', 't/d1', ...sel]);
  const records = json.stdout.trim().split('\n').map((l) => JSON.parse(l) as { path: string; size: number; mode: string });
  assert.equal(records.map((r) => r.path).sort(), lines);
  const gnu = spawnSync('find', ['t/d1', ...sel, '-printf', '%p %s %#m\\n'], { cwd: ctx.base, encoding: 'utf8' });
  const dirsOut = new Set(split(spawnSync('find', ['t/d1', '-type', 'd'], { cwd: ctx.base, encoding: 'utf8' }).stdout, '\n'));
  const want = split(gnu.stdout, '\n').filter((l) => !dirsOut.has(l.split(' ')[0]));
  const got = records.filter((r) => !dirsOut.has(r.path)).map((r) => `${r.path} ${r.size} ${r.mode}`).sort();
  assert.equal(got, want);
  const pq = join(ctx.base, 'out.parquet'), arrow = join(ctx.base, 'out.arrow');
  assert.is((await run(BIN.gfind, ['--volume', spec, '--parquet', pq, 't/d1', ...sel])).code, 0);
  assert.is((await run(BIN.gfind, ['--volume', spec, '--arrow', arrow, 't/d1', ...sel])).code, 0);
  const { parquetReadObjects } = await import('hyparquet');
  const buf = readFileSync(pq);
  const rows = await parquetReadObjects({ file: buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.length) });
  assert.equal(rows.map((r) => r.path as string).sort(), lines);
  // DuckDB, an independent Parquet reader, sees the same rows, sizes and types.
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const duck = await (await DuckDBInstance.create(':memory:')).connect();
  const read = await duck.runAndReadAll(`select path, size, type from read_parquet('${pq.replace(/'/g, "''")}')`);
  const duckRows = read.getRowObjects() as { path: string; size: bigint | number; type: string }[];
  assert.equal(duckRows.map((r) => r.path).sort(), [...lines].sort());
  const bySize = new Map(records.map((r) => [r.path, r.size]));
  for (const r of duckRows) assert.is(Number(r.size), bySize.get(r.path), r.path);
  const { tableFromIPC } = await import('apache-arrow');
  const table = tableFromIPC(readFileSync(arrow));
  assert.equal([...table.getChild('path')!].map(String).sort(), lines);
});

t('malformed expressions fail with find\'s words before anything runs; a missing start path is exit 1', async (ctx) => {
  const spec = ctx.cluster.volumeSpec;
  const bad: [string[], string][] = [
    [['-foo'], "gfind: unknown predicate '-foo'\n"],
    [['t', '-name', 'x', 'y'], "gfind: paths must precede expression: 'y'\n"],
    [['t', '-name'], "gfind: missing argument to '-name'\n"],
    [['t', '-regex', '\\(x'], "gfind: failed to compile regular expression '\\(x': Unmatched ( or \\(\n"],
    [['t', '-printf', '%'], 'gfind: error: % at end of format string\n'],
  ];
  for (const [args, stderr] of bad) {
    const r = await run(BIN.gfind, ['--volume', spec, ...args]);
    assert.is(r.code, 1, args.join(' '));
    assert.is(r.stderr, stderr);
    assert.is(r.stdout, '');
  }
  const r = await run(BIN.gfind, ['--volume', spec, 'nope', 't/d2', '-maxdepth', '0']);
  assert.is(r.code, 1);
  assert.is(r.stderr, "gfind: 'nope': No such file or directory\n");
  assert.is(r.stdout, 't/d2\n');
});

t('with one brick of each replica set killed, the output is unchanged', async (ctx) => {
  const some = cases(ctx).filter((c) => ['-type', '-empty', '-printf', '-samefile', '-newer'].includes(c.args[0] ?? '') || c.args.length === 0);
  const before = await compareAll(ctx, some.slice(0, 8), 2);
  assert.equal(before, []);
  const procs = await ctx.cluster.status();
  const victims = [ctx.cluster.bricks[0], ctx.cluster.bricks[3]];
  for (const b of victims) {
    const p = procs.find((x) => x.role === 'brick' && x.path === b.path);
    assert.ok(p, `brick process of ${b.path}: ${JSON.stringify(procs)}`);
    // glusterd restarts a dead brick; with its directory moved away the restart cannot succeed,
    // so the brick stays down while gfind runs.
    renameSync(b.path, b.path + '.away');
    process.kill(p.pid, 'SIGKILL');
  }
  await waitFor('the killed bricks to be down', async () => {
    const up = (await ctx.cluster.status()).filter((x) => x.role === 'brick' && (x as { online?: boolean }).online !== false).map((x) => x.path);
    return victims.every((v) => !up.includes(v.path));
  });
  const after = await compareAll(ctx, some.slice(0, 8), 2);
  assert.equal(after, [], after.join('\n'));
});

t.run();
