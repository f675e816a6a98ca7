import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { mountVolume, type Volume } from 'glusterfs-core';
import { BIN, run, startCluster, waitFor, type TestCluster } from '../support/cluster.js';
import { HDFS_BIN, hdfsInstalled } from '../support/hdfs.js';
import { killBrick } from '../support/replica.js';

// A real 2 x 2 volume with the HDFS shim: every brick keeps a glocate shard, built by a crawl
// and then kept fresh from its change journal; the glocate CLI asks one brick per replica set.
const t = suite<{ cluster: TestCluster; vol: Volume; names: Set<string>; scratch: string }>('e2e: glocate');

const withHdfs = hdfsInstalled();

type PatternSyntax = 'locate' | 'bre' | 'ere';

t.before(async (ctx) => {
  ctx.cluster = await startCluster({ bricks: 4, replica: 2, hdfs: withHdfs });
  ctx.vol = await mountVolume(ctx.cluster.volumeSpec);
  ctx.scratch = mkdtempSync(join(tmpdir(), 'glocate-e2e-'));
  ctx.names = new Set();
});
t.after(async (ctx) => {
  await ctx.vol?.unmount();
  await ctx.cluster?.stop();
  if (ctx.scratch) rmSync(ctx.scratch, { recursive: true, force: true });
});

async function glocate(cluster: TestCluster, ...args: string[]) {
  return run(BIN.glocate, ['--volume', cluster.volumeSpec, ...args]);
}

/** Lines of a successful glocate run (empty when it found nothing: exit 1, as plocate). */
async function lines(cluster: TestCluster, ...args: string[]): Promise<string[]> {
  const r = await glocate(cluster, ...args);
  if (r.code !== 0 && !(r.code === 1 && r.stdout === '' && r.stderr === '')) throw new Error(`glocate ${args.join(' ')}: ${r.code} ${r.stderr}`);
  return r.stdout.split('\n').filter(Boolean);
}

const sorted = (xs: Iterable<string>) => [...xs].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
const base = (p: string) => p.slice(p.lastIndexOf('/') + 1);

/** Builds a tree through the client API, remembering every name in `names`. */
async function buildTree(vol: Volume, names: Set<string>): Promise<void> {
  const dirs = ['/tree', '/tree/Docs', '/tree/docs-old', '/tree/src', '/tree/src/lib', '/tree/Photos 2024', '/tree/empty'];
  for (const d of dirs) {
    await vol.mkdir(d);
    names.add(d);
  }
  const files: string[] = [];
  for (let i = 0; i < 40; i++) {
    files.push(`/tree/src/mod${i}.c`, `/tree/src/lib/util${i}.h`, `/tree/Photos 2024/IMG_${1000 + i}.JPG`,
      `/tree/Docs/Report-${i}.md`, `/tree/docs-old/report ${i}.txt`);
  }
  await Promise.all(files.map(async (f) => {
    await vol.writeFile(f, `content of ${f}`);
    names.add(f);
  }));
}

t('glocate equals a filter over the known names: substring, -i, globs, -r, --regex, -b, -A', async ({ cluster, vol, names }) => {
  await buildTree(vol, names);
  await waitFor('every name indexed', async () => (await lines(cluster, '/tree')).length === names.size, 20_000);
  const known = [...names];
  const cases: [string[], (p: string) => boolean][] = [
    [['/tree'], (p) => p.includes('/tree')],
    [['report'], (p) => p.includes('report')],
    [['-i', 'report'], (p) => p.toLowerCase().includes('report')],
    [['-i', 'img_101'], (p) => p.toLowerCase().includes('img_101')],
    [['*.h'], (p) => p.endsWith('.h')],
    [['/tree/src/mod?.c'], (p) => /^\/tree\/src\/mod.\.c$/.test(p)],
    [['*/[DP]*'], (p) => /^.*\/[DP].*$/s.test(p)],
    [['-r', 'mod[0-9]\\{2\\}\\.c$'], (p) => /mod[0-9]{2}\.c$/.test(p)],
    [['-r', 'util+'], (p) => p.includes('util+')],
    [['--regex', '(Report|report )1[0-9]'], (p) => /(Report|report )1[0-9]/.test(p)],
    [['--regex', '-i', '^/TREE/photos 2024/img_10[0-3]9'], (p) => /^\/tree\/photos 2024\/img_10[0-3]9/i.test(p)],
    [['-b', 'docs'], (p) => base(p).includes('docs')],
    [['-b', '-i', 'docs'], (p) => base(p).toLowerCase().includes('docs')],
    [['-b', '-w', 'docs'], (p) => p.includes('docs')],
    [['-b', 'm*'], (p) => base(p).startsWith('m')],
    [['mod1', 'util1'], (p) => p.includes('mod1') || p.includes('util1')],
    [['-A', 'src', '1'], (p) => p.includes('src') && p.includes('1')],
    [['nothing-like-this'], () => false],
  ];
  for (const [args, keep] of cases) {
    const expected = sorted(known.filter(keep));
    assert.equal(await lines(cluster, ...args), expected, `glocate ${args.join(' ')}`);
  }
});

t('-c, -l, -0, --json and -e print what plocate would; a bad regex fails before any brick is asked', async ({ cluster, names }) => {
  const all = sorted([...names].filter((p) => p.startsWith('/tree')));
  assert.equal(await lines(cluster, '-c', '/tree'), [String(all.length)]);
  assert.equal(await lines(cluster, '-c', '-l', '5', '/tree'), ['5']);
  assert.equal(await lines(cluster, '-l', '3', '/tree'), all.slice(0, 3));
  assert.equal(await lines(cluster, '-n', '2', '/tree'), all.slice(0, 2));
  const nul = await glocate(cluster, '-0', 'IMG_1001');
  assert.is(nul.stdout, '/tree/Photos 2024/IMG_1001.JPG\0');
  const json = (await lines(cluster, '--json', '/tree/src/lib')).map((l) => JSON.parse(l) as { path: string; dir: boolean });
  assert.equal(json[0], { path: '/tree/src/lib', dir: true });
  assert.equal(json[1]?.dir, false);
  assert.equal(await lines(cluster, '-e', '/tree/Docs/'), all.filter((p) => p.startsWith('/tree/Docs/')));
  const bad = await glocate(cluster, '--regex', 'a[b');
  assert.is(bad.code, 1);
  assert.match(bad.stderr, /^glocate: invalid pattern 'a\[b'/);
  const none = await glocate(cluster);
  assert.is(none.code, 1);
  assert.match(none.stderr, /no pattern to search for specified/);
  // Directories exist on both replica sets: printed once.
  assert.equal(await lines(cluster, '-b', 'empty'), ['/tree/empty']);
});

t('1,000 creates, renames and deletes through the volume show in glocate within 2 s', async ({ cluster, vol }) => {
  await vol.mkdir('/churn');
  const created = Array.from({ length: 1000 }, (_, i) => `/churn/new-${i}.dat`);
  for (let i = 0; i < created.length; i += 100) await Promise.all(created.slice(i, i + 100).map((f) => vol.writeFile(f, 'x')));
  await within2s('creates', async () => await count(vol, '/churn/new-') === 1000);
  for (let i = 0; i < created.length; i += 100) {
    await Promise.all(created.slice(i, i + 100).map((f) => vol.rename(f, f.replace('new-', 'moved-'))));
  }
  await within2s('renames', async () =>
    await count(vol, '/churn/moved-') === 1000 && await count(vol, '/churn/new-') === 0);
  const moved = sorted(created.map((f) => f.replace('new-', 'moved-')));
  assert.equal(await lines(cluster, '/churn/moved-'), moved);
  for (let i = 0; i < moved.length; i += 100) await Promise.all(moved.slice(i, i + 100).map((f) => vol.unlink(f)));
  await within2s('deletes', async () => await count(vol, '/churn/') === 0);
});

t('renaming a directory moves every name under it', async ({ cluster, vol }) => {
  await vol.mkdir('/dir-a/deep/er', { recursive: true });
  for (let i = 0; i < 20; i++) await vol.writeFile(`/dir-a/deep/er/f${i}`, 'x');
  await within2s('the tree', async () => await count(vol, '/dir-a') === 23);
  await vol.rename('/dir-a', '/dir-b');
  await within2s('the rename', async () =>
    await count(vol, '/dir-a') === 0 && await count(vol, '/dir-b/deep/er/f') === 20);
  await vol.rename('/dir-b/deep', '/deep-top');
  await within2s('the inner rename', async () => await count(vol, '/deep-top/er/f1') === 11);
});

t('names written, renamed and removed through hdfs show within 2 s', async ({ cluster, vol, scratch }) => {
  if (!withHdfs || !cluster.hdfs) return;
  const local = join(scratch, 'via-hdfs.txt');
  writeFileSync(local, 'from hdfs');
  const h = (...args: string[]) => run(HDFS_BIN, args, { node: false, env: { HADOOP_NAMENODE: cluster.hdfs!.namenode, HADOOP_USER_NAME: 'root', HADOOP_CONF_DIR: '/nonexistent' } });
  assert.is((await h('mkdir', '-p', '/hdfs-dir')).code, 0);
  assert.is((await h('put', local, '/hdfs-dir/via-hdfs.txt')).code, 0);
  await within2s('hdfs put', async () => await count(vol, '/hdfs-dir/via-hdfs.txt') === 1);
  assert.is((await h('mv', '/hdfs-dir/via-hdfs.txt', '/hdfs-dir/renamed-hdfs.txt')).code, 0);
  await within2s('hdfs mv', async () => await count(vol, '/hdfs-dir/renamed-hdfs.txt') === 1 && await count(vol, 'via-hdfs') === 0);
  assert.is((await h('rm', '-r', '/hdfs-dir')).code, 0);
  await within2s('hdfs rm', async () => await count(vol, '/hdfs-dir') === 0);
  assert.equal(await lines(cluster, 'hdfs'), []);
});

t('a replica set with one brick SIGKILLed gives unchanged output', async ({ cluster, vol }) => {
  const queries: [string, PatternSyntax, boolean][] = [['/tree', 'locate', false], ['REPORT', 'locate', true], ['util[0-9]+\\.h$', 'ere', false], ['/', 'locate', false]];
  const before = await Promise.all(queries.map((q) => list(vol, ...q)));
  assert.equal(before[0], await lines(cluster, '/tree'), 'the brick tasks answer what the CLI prints');
  // glusterd stays frozen while the brick is dead (so it is not restarted): the mounted volume asks the peer.
  const killed = await killBrick(cluster, cluster.bricks[0]!.path);
  try {
    await waitFor('the client to see the brick gone', async () => !(await vol.runTask('glocate.status', null) as { brick: string }[])
      .some((s) => s.brick === cluster.bricks[0]!.path));
    for (let i = 0; i < queries.length; i++) assert.equal(await list(vol, ...queries[i]!), before[i], `query ${queries[i]!.join(' ')}`);
  } finally {
    await killed.revive();
  }
});

t('a restarted brick loads its saved shard and replays the journal instead of crawling', async ({ cluster, vol }) => {
  const brick = cluster.bricks[0]!.path;
  const saved = await waitFor('the first brick\'s shard saved', async () => {
    const s = await brickStatus(vol, brick);
    return s && s.state === 'ready' && s.unsavedMs === 0 ? s : undefined;
  });
  // Changes after the last save reach the restarted brick only through the journal.
  await vol.mkdir('/after-save');
  for (let i = 0; i < 30; i++) await vol.writeFile(`/after-save/f${i}`, 'x');
  await within2s('the new names', async () => await count(vol, '/after-save') === 31);
  const killed = await killBrick(cluster, brick);
  await killed.revive();
  const after = await waitFor('the restarted brick to answer', async () => {
    const s = await brickStatus(vol, brick);
    return s && s.state === 'ready' ? s : undefined;
  }, 30_000);
  assert.is(after.crawls, saved.crawls, 'no crawl over the shard\'s life');
  assert.is(after.crawlsSinceStart, 0);
  assert.match(String(after.crawlReason), /loaded the saved shard/);
  assert.equal(await lines(cluster, '*/after-save/f2'), ['/after-save/f2']);
  await within2s('the replayed names', async () => await count(vol, '/after-save') === 31);
});

t('--update crawls every brick again', async ({ cluster }) => {
  const total = (await lines(cluster, '-c', '/'))[0];
  const r = await glocate(cluster, '--update', '-S');
  assert.is(r.code, 0, r.stderr);
  assert.match(r.stdout, /: glocate --update/);
  assert.not.match(r.stdout, /state (?!ready)/);
  assert.is((await lines(cluster, '-c', '/'))[0], total);
});

/** Distinct names matching a substring, asked of the bricks directly (no CLI start-up in the 2 s). */
async function count(vol: Volume, text: string): Promise<number> {
  const dirs = new Set<string>();
  const results = await vol.runTask('glocate.query', {
    patterns: [{ text, syntax: 'locate', ignoreCase: false, basename: false }], all: false, countOnly: true,
  }, { onChunk: (c) => { for (const p of (c as { paths: string[] }).paths) dirs.add(p); } }) as { files: number }[];
  return results.reduce((n, r) => n + r.files, 0) + dirs.size;
}

/** Every distinct name matching one pattern, sorted, asked of one brick per replica set. */
async function list(vol: Volume, text: string, syntax: PatternSyntax, ignoreCase: boolean): Promise<string[]> {
  const found = new Set<string>();
  await vol.runTask('glocate.query', { patterns: [{ text, syntax, ignoreCase, basename: false }], all: false },
    { onChunk: (c) => { for (const p of (c as { paths: string[] }).paths) found.add(p); } });
  return sorted(found);
}

/** The glocate status of the brick at `path`, when it is the one its replica set answers with. */
async function brickStatus(vol: Volume, path: string): Promise<Record<string, unknown> | undefined> {
  const all = await vol.runTask('glocate.status', null) as Record<string, unknown>[];
  return all.find((s) => s.brick === path);
}

/** Waits at most 2 s (the freshness promise) for `check`, reporting how long it took. */
async function within2s(what: string, check: () => Promise<boolean>): Promise<void> {
  const t0 = Date.now();
  await waitFor(`glocate to show the ${what}`, async () => await check(), 2_000);
  process.stdout.write(`  ${what}: ${Date.now() - t0} ms\n`);
}

t.run();
