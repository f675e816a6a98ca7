import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { mountVolfile, type Volume } from '../../src/api/index.js';
import { isFsError } from '../../src/errors/index.js';
import { createCtx } from '../../src/fop/index.js';
import { type BrickLocation, parsePathinfo } from '../../src/api/locate.js';
import { rejectsWith } from './expect-code.js';

const parse = suite('api/locate: parsePathinfo');

const loc = (brick: string, path: string, host = 'h1'): BrickLocation => ({ host, brick, path });

const CASES: [string, string, BrickLocation[]][] = [
  ['one posix brick', '<POSIX(/b/1):h1:/b/1/dir/f>', [loc('/b/1', '/b/1/dir/f')]],
  [
    'distribute over replicate, in the order given',
    '(<DISTRIBUTE:gv0-dht> (<REPLICATE:gv0-replicate-0> <POSIX(/bricks/b1):server1:/bricks/b1/dir/file> <POSIX(/bricks/b2):server2:/bricks/b2/dir/file>))',
    [loc('/bricks/b1', '/bricks/b1/dir/file', 'server1'), loc('/bricks/b2', '/bricks/b2/dir/file', 'server2')],
  ],
  [
    'a directory on every set',
    '(<DISTRIBUTE:v> (<REPLICATE:v-0> <POSIX(/a):h1:/a/d> <POSIX(/b):h2:/b/d>) (<REPLICATE:v-1> <POSIX(/c):h3:/c/d>))',
    [loc('/a', '/a/d'), loc('/b', '/b/d', 'h2'), loc('/c', '/c/d', 'h3')],
  ],
  ['a brick root', '(<DISTRIBUTE:v> <POSIX(/b/1):127.0.0.2:/b/1>)', [loc('/b/1', '/b/1', '127.0.0.2')]],
  ['memory bricks name a made-up directory with a colon', '<POSIX(memory:v-0):localhost:memory:v-0/f>', [loc('memory:v-0', 'memory:v-0/f', 'localhost')]],
  ['an IPv6 host', '<POSIX(/b):::1:/b/x>', [loc('/b', '/b/x', '::1')]],
  ['names with spaces, parentheses and >', '<POSIX(/b):h1:/b/a (1)/x>y z>', [loc('/b', '/b/a (1)/x>y z')]],
  ['no brick element', '(<DISTRIBUTE:v> )', []],
];

for (const [what, text, want] of CASES) {
  parse(`parses ${what}`, () => {
    assert.equal(parsePathinfo(text), want);
  });
}

parse('a truncated element is EIO', async () => {
  for (const text of ['<POSIX(/b', '<POSIX(/b):h1:/c/x>', '<POSIX(/b):h1:/b/x']) {
    await rejectsWith(Promise.resolve().then(() => parsePathinfo(text)), 'EIO');
  }
});

parse.run();

// Distribute over two replica sets of memory bricks: a plain replica 2 set and a replica 3
// arbiter 1 set, as glusterd's volgen stacks them (the arbiter brick under features/arbiter).
function volfile(): string {
  const bricks = (set: number, n: number) => Array.from({ length: n }, (_, i) => `lv-brick-${set}-${i}`);
  const sets = [bricks(0, 2), bricks(1, 3)];
  const nodes: object[] = [
    { name: 'lv', type: 'cluster/dht', children: ['lv-replicate-0', 'lv-replicate-1'] },
    { name: 'lv-replicate-0', type: 'cluster/afr', children: sets[0] },
    { name: 'lv-replicate-1', type: 'cluster/afr', options: { 'arbiter-count': 1 }, children: sets[1] },
    ...sets[0].map((name) => ({ name, type: 'storage/memory' })),
    ...sets[1].slice(0, 2).map((name) => ({ name, type: 'storage/memory' })),
    { name: 'lv-brick-1-2', type: 'features/arbiter', children: ['lv-arb-mem'] },
    { name: 'lv-arb-mem', type: 'storage/memory' },
  ];
  return JSON.stringify({ volume: 'lv', top: 'lv', nodes });
}

const SET_BRICKS = [['lv-brick-0-0', 'lv-brick-0-1'], ['lv-brick-1-0', 'lv-brick-1-1']];
const at = (brick: string, path: string): BrickLocation => ({ host: 'localhost', brick: `memory:${brick}`, path: `memory:${brick}${path}` });

const test = suite<{ vol: Volume }>('api/locate: Volume.locate over dht and afr');
test.before.each(async (ctx) => {
  ctx.vol = await mountVolfile(volfile());
});
test.after.each(async (ctx) => {
  await ctx.vol.unmount();
});

/** Writes files until both sets hold some; returns the file names per set index. */
async function spread(vol: Volume, dir: string): Promise<string[][]> {
  await vol.mkdir(dir, { recursive: true });
  const bySet: string[][] = [[], []];
  for (let i = 0; bySet.some((s) => s.length < 2); i++) {
    const p = `${dir}/f${i}`;
    await vol.writeFile(p, 'data');
    const found = await vol.locate(p);
    const set = SET_BRICKS.findIndex((names) => found[0]?.brick === `memory:${names[0]}`);
    assert.ok(set >= 0, `${p} located on ${JSON.stringify(found)}`);
    bySet[set].push(p);
  }
  return bySet;
}

test('a file lists exactly the data bricks of the replica set holding it, in replica order', async ({ vol }) => {
  const bySet = await spread(vol, '/d');
  for (const [set, files] of bySet.entries()) {
    for (const p of files) assert.equal(await vol.locate(p), SET_BRICKS[set].map((b) => at(b, p)), p);
  }
});

test('the arbiter brick is never listed, for files or directories', async ({ vol }) => {
  await spread(vol, '/d');
  const all = [...await vol.locate('/d'), ...await vol.locate('/d/f0'), ...await vol.locate('/d/f1')];
  assert.not.ok(all.some((l) => l.brick.includes('lv-brick-1-2') || l.brick.includes('lv-arb-mem')), JSON.stringify(all));
});

test('a directory lists every data brick of every set', async ({ vol }) => {
  await vol.mkdir('/x/y', { recursive: true });
  assert.equal(await vol.locate('/x/y'), SET_BRICKS.flat().map((b) => at(b, '/x/y')));
  assert.equal(await vol.locate('/'), SET_BRICKS.flat().map((b) => at(b, '')), 'the root is each brick directory');
});

test('a replica that is down is left out; with the whole set down the file is ENOTCONN', async ({ vol }) => {
  const bySet = await spread(vol, '/d');
  const p = bySet[0][0];
  const afr = vol.graph.xlators.get('lv-replicate-0')!;
  afr.notify!({ kind: 'child-down', child: 'lv-brick-0-0' });
  assert.equal(await vol.locate(p), [at('lv-brick-0-1', p)]);
  assert.equal(await vol.locate('/d'), ['lv-brick-0-1', ...SET_BRICKS[1]].map((b) => at(b, '/d')));
  afr.notify!({ kind: 'child-down', child: 'lv-brick-0-1' });
  await rejectsWith(vol.locate(p), 'ENOTCONN');
  afr.notify!({ kind: 'child-up', child: 'lv-brick-0-0' });
  assert.equal(await vol.locate(p), [at('lv-brick-0-0', p)]);
});

test('a renamed file is located where its data is, not at the link file where its new name hashes', async ({ vol }) => {
  const bySet = await spread(vol, '/d');
  let linked = 0;
  for (const [i, p] of [...bySet[0], ...bySet[1]].entries()) {
    const before = await vol.locate(p);
    for (let k = 0; k < 8; k++) {
      const to = `/d/renamed-${i}-${k}`;
      await vol.rename(p, to);
      const after = await vol.locate(to);
      assert.equal(after, before.map((l) => ({ ...l, path: l.path.slice(0, -p.length) + to })), `${p} → ${to}`);
      const otherSet = SET_BRICKS.find((names) => `memory:${names[0]}` !== before[0]!.brick)!;
      if (await exists(vol, otherSet[0], to)) linked++;
      await vol.rename(to, p);
    }
  }
  assert.ok(linked > 0, 'some rename left a link file on the other set');
});

test('a missing path is ENOENT; a symlink is followed to its target', async ({ vol }) => {
  await rejectsWith(vol.locate('/nope'), 'ENOENT');
  const bySet = await spread(vol, '/d');
  await vol.symlink(bySet[1][0], '/link');
  assert.equal(await vol.locate('/link'), await vol.locate(bySet[1][0]));
});

/** Whether `path` exists on memory brick `brick` itself (bypassing the graph above it). */
async function exists(vol: Volume, brick: string, path: string): Promise<boolean> {
  try {
    await vol.graph.xlators.get(brick)!.fops.lookup!(createCtx(), { path }, []);
    return true;
  } catch (e) {
    if (isFsError(e, 'ENOENT')) return false;
    throw e;
  }
}

test.run();
