import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { BIN, run, startCluster, type TestCluster } from '../support/cluster.js';

// The gfs command as a user types it, against a real 4-brick volume: outputs, exit codes,
// round trips of files and trees, and the messages users see when something is wrong.
const t = suite<{ cluster: TestCluster; local: string }>('e2e: gfs command line');
let gfs: (...args: string[]) => ReturnType<typeof run>;

function tree(root: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else out.set(relative(root, p), createHash('sha1').update(readFileSync(p)).digest('hex'));
    }
  };
  walk(root);
  return out;
}

t.before(async (ctx) => {
  ctx.cluster = await startCluster({ bricks: 4 });
  ctx.local = mkdtempSync(join(tmpdir(), 'gfs-cli-'));
  gfs = (...args) => run(BIN.gfs, args, { env: { GLUSTER_VOLUME: ctx.cluster.volumeSpec } });
  // a small tree: 3 levels, 120 files of assorted sizes, one empty directory
  for (let i = 0; i < 120; i++) {
    const dir = join(ctx.local, 'src', `d${i % 4}`, `e${i % 3}`);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, `f${i}.txt`), `line ${i}\n`.repeat(i * 7));
  }
  mkdirSync(join(ctx.local, 'src', 'empty'));
  writeFileSync(join(ctx.local, 'big.bin'), Buffer.alloc(5 * 2 ** 20 + 123, 0xab));
});
t.after(async (ctx) => {
  await ctx.cluster?.stop();
  rmSync(ctx.local, { recursive: true, force: true });
});

t('mkdir -p, put of a file and a tree, ls, cat and get round-trip byte-identical', async ({ local }) => {
  assert.is((await gfs('mkdir', '-p', '/u/v/w')).code, 0);
  const put = await gfs('put', join(local, 'big.bin'), join(local, 'src'), '/u/v/w');
  assert.is(put.code, 0, put.stderr);
  const ls = await gfs('ls', '/u/v/w');
  assert.is(ls.code, 0);
  assert.ok(/big\.bin/.test(ls.stdout) && /src/.test(ls.stdout), ls.stdout);
  const cat = await gfs('cat', '/u/v/w/src/d1/e1/f1.txt');
  assert.is(cat.stdout, 'line 1\n'.repeat(7));
  const back = join(local, 'back');
  mkdirSync(back);
  const get = await gfs('get', '/u/v/w/src', '/u/v/w/big.bin', back);
  assert.is(get.code, 0, get.stderr);
  assert.equal(tree(join(back, 'src')), tree(join(local, 'src')));
  assert.ok(statSync(join(back, 'src', 'empty')).isDirectory(), 'the empty directory came back');
  assert.is(createHash('sha1').update(readFileSync(join(back, 'big.bin'))).digest('hex'),
    createHash('sha1').update(readFileSync(join(local, 'big.bin'))).digest('hex'));
});

t('du -s prints the exact byte count and the path, computed on the bricks', async ({ local }) => {
  const want = [...readdirSync(join(local, 'src'), { recursive: true, withFileTypes: true })]
    .filter((e) => e.isFile()).reduce((n, e) => n + statSync(join(e.parentPath, e.name)).size, 0);
  const du = await gfs('du', '-s', '/u/v/w/src');
  assert.is(du.code, 0, du.stderr);
  assert.is(du.stdout.trim().split(/\s+/)[0], String(want));
  assert.ok(du.stdout.trim().endsWith('/u/v/w/src'));
  const perChild = await gfs('du', '/u/v/w');
  const lines = perChild.stdout.trim().split('\n');
  assert.ok(lines.some((l) => l.startsWith(String(want)) && l.endsWith('/u/v/w/src')), perChild.stdout);
  assert.ok(lines.some((l) => l.startsWith(String(5 * 2 ** 20 + 123)) && l.endsWith('/u/v/w/big.bin')), perChild.stdout);
});

t('ls -l, stat, mv and rm -r behave like their coreutils namesakes', async () => {
  const ls = await gfs('ls', '-l', '/u/v/w');
  assert.match(ls.stdout, /^-rw-r--r--\s+1\s+root\s+root\s+5243003 .* big\.bin$/m);
  assert.match(ls.stdout, /^drwxr-xr-x\s+\d+\s+root\s+root\s+\d+ .* src$/m);
  const stat = await gfs('stat', '/u/v/w/big.bin');
  assert.match(stat.stdout, /Size: 5243003/);
  assert.match(stat.stdout, /GFID: [0-9a-f-]{36}/);
  assert.is((await gfs('mv', '/u/v/w/big.bin', '/u/moved.bin')).code, 0);
  assert.is((await gfs('stat', '/u/moved.bin')).code, 0);
  const rm = await gfs('rm', '/u/v');
  assert.is(rm.code, 1, 'rm of a directory without -r fails');
  assert.ok(rm.stderr.startsWith('gfs: '), rm.stderr);
  assert.is((await gfs('rm', '-r', '/u/v')).code, 0);
  assert.is((await gfs('ls', '/u')).stdout.trim(), 'moved.bin');
});

t('errors say what went wrong and exit 1', async ({ cluster }) => {
  const missing = await gfs('cat', '/no/such/file');
  assert.is(missing.code, 1);
  assert.is(missing.stderr.trim(), "gfs: cannot read '/no/such/file': No such file or directory (ENOENT)");
  const notEmpty = await gfs('mkdir', '/u');
  assert.is(notEmpty.code, 1);
  assert.match(notEmpty.stderr, /File exists \(EEXIST\)/);
  const down = await run(BIN.gfs, ['--volume', '127.0.0.1:1/gv0', 'ls', '/']);
  assert.is(down.code, 1);
  assert.match(down.stderr, /cannot connect to glusterd at 127\.0\.0\.1:1/);
  assert.match(down.stderr, /npm start|gcluster up/, 'the message says how to start a cluster');
  const noVol = await run(BIN.gfs, ['--volume', `${cluster.mgmt}/nope`, 'ls', '/']);
  assert.is(noVol.code, 1);
  assert.match(noVol.stderr, /nope/);
});

t.run();
