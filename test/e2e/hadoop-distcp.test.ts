import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { startCluster, type TestCluster } from '../support/cluster.js';
import { HadoopShell, hadoopPeers, startMiniHdfs, type MiniHdfs, type ShellResult } from '../support/hadoop.js';
import { expectedJavaChecksum } from '../support/hdfs-checksum.js';

// DistCp (hadoop-distcp 3.4.2, the local job runner) between two volumes, each behind its own
// shim, and between a real HDFS (the minicluster, replication 2) and a volume, both ways, with
// -update. DistCp's own CRC check runs on every copy (no -skipcrccheck), and every file's
// `hadoop fs -checksum` (HDFS's MD5-of-MD5-of-CRC32C, or COMPOSITE-CRC32C) must be the same on
// both sides and equal to what is computed here from the bytes. One JVM runs every command.
const test = suite('e2e/hadoop-distcp');
const MiB = 1024 * 1024;
const BLOCK = MiB;

/** The tree copied around: multi-block files (one ending on a block boundary), small ones, an empty one. */
const SIZES: Record<string, number> = {
  'big.bin': 2 * MiB + MiB / 2 + 123,
  'exact.bin': 2 * MiB,
  'empty.txt': 0,
  'sub/mid.bin': 700_000,
  'sub/deeper/one.bin': MiB + 1,
  'sub/deeper/small.txt': 13,
};
const FILES = Object.keys(SIZES);
const content = new Map<string, Buffer>();

let a: TestCluster, b: TestCluster, mini: MiniHdfs, shell: HadoopShell;
let A = '', B = '', M = '';
let home = '';

async function ok(r: Promise<ShellResult>, what: string): Promise<string> {
  const res = await r;
  assert.is(res.code, 0, `${what}: exit ${res.code}\n${res.out}\n${res.err.slice(-3000)}`);
  return res.out;
}

/** Runs DistCp with `args` and returns its CopyMapper counters (COPY, SKIP, BYTESCOPIED, ...). */
async function distcp(...args: string[]): Promise<Record<string, number>> {
  const out = await ok(shell.run('distcp', ...args), `distcp ${args.join(' ')}`);
  return Object.fromEntries(out.trim().split('\n').filter(Boolean).map((l) => l.split('=')).map(([k, v]) => [k, Number(v)]));
}

/** `hadoop fs -checksum` of each file of the tree under `root`: relative path → "ALGORITHM\tHEX". */
async function checksums(root: string, ...conf: string[]): Promise<Record<string, string>> {
  const out = await ok(shell.fs(...conf, '-checksum', ...FILES.map((f) => `${root}/${f}`)), `checksum ${root}`);
  return Object.fromEntries(out.trim().split('\n').map((l) => l.split('\t')).map(([p, algo, hex]) => [p!.slice(root.length + 1), `${algo}\t${hex}`]));
}

/** What -checksum must print for the tree's current bytes, written with `blockSize`. */
function expectedChecksums(blockSize = BLOCK, composite = false): Record<string, string> {
  return Object.fromEntries(FILES.map((f) => [f, expectedJavaChecksum(content.get(f)!, blockSize, composite)]));
}

/** Fetches the tree under `root` with -get and checks every file's bytes against `content`. */
async function assertBytes(root: string): Promise<void> {
  const into = mkdtempSync(join(home, 'get-'));
  await ok(shell.fs('-get', root, into), `get ${root}`);
  const base = join(into, root.split('/').at(-1)!);
  for (const f of FILES) assert.ok(readFileSync(join(base, f)).equals(content.get(f)!), `${root}/${f}: bytes differ`);
}

/** Modification times (ms) of the tree's files under `root`. */
async function mtimes(root: string): Promise<Record<string, string>> {
  const out = await ok(shell.fs('-stat', '%Y', ...FILES.map((f) => `${root}/${f}`)), `stat ${root}`);
  const lines = out.trim().split('\n');
  return Object.fromEntries(FILES.map((f, i) => [f, lines[i]!]));
}

/** Writes `data` as the tree's file `f`, locally and at `root`. */
async function rewrite(root: string, f: string, data: Buffer): Promise<void> {
  content.set(f, data);
  const local = join(home, 'tree', f);
  writeFileSync(local, data);
  await ok(shell.fs('-put', '-f', local, `${root}/${f}`), `put -f ${f}`);
}

test.before(async () => {
  home = mkdtempSync(join(tmpdir(), 'gts-distcp-'));
  for (const f of FILES) {
    content.set(f, f.endsWith('.txt') && SIZES[f] ? Buffer.from('hello distcp\n') : randomBytes(SIZES[f]!));
    mkdirSync(dirname(join(home, 'tree', f)), { recursive: true });
    writeFileSync(join(home, 'tree', f), content.get(f)!);
  }
  hadoopPeers();
  [a, b, mini] = await Promise.all([
    startCluster({ bricks: 4, replica: 2, hdfs: { blockSize: '1m' } }),
    startCluster({ bricks: 2, replica: 2, hdfs: { blockSize: '1m' } }),
    startMiniHdfs({ dir: join(home, 'minicluster'), datanodes: 2, replication: 2, blockSize: BLOCK }),
  ]);
  A = `hdfs://${a.hdfs!.namenode}`;
  B = `hdfs://${b.hdfs!.namenode}`;
  M = mini.uri;
  // The first volume is the default file system, as on a cluster whose jobs run on it (the
  // local job runner keeps its staging files and DistCp's copy listing on the local disk).
  shell = new HadoopShell(A, {
    'mapreduce.framework.name': 'local', 'dfs.blocksize': BLOCK, 'dfs.replication': 2,
    'hadoop.tmp.dir': join(home, 'hadoop-tmp'),
  }, hadoopPeers().jobs);
  await ok(shell.fs('-put', join(home, 'tree'), `${A}/tree`), 'put the tree');
});

test.after(async () => {
  await shell?.close();
  await Promise.all([a?.stop(), b?.stop(), mini?.stop()]);
  rmSync(home, { recursive: true, force: true });
});

test('DistCp copies a tree from one volume to another; each file\'s bytes and HDFS checksum equal the source\'s', async () => {
  const c = await distcp('-update', `${A}/tree`, `${B}/tree`);
  assert.is(c.COPY, FILES.length);
  assert.is(c.BYTESCOPIED, FILES.reduce((n, f) => n + SIZES[f]!, 0));
  const expected = expectedChecksums();
  assert.equal(await checksums(`${A}/tree`), expected);
  assert.equal(await checksums(`${B}/tree`), expected);
  await assertBytes(`${B}/tree`);
});

test('a second -update after one file changed (same length) copies that file only', async () => {
  const before = await mtimes(`${B}/tree`);
  await rewrite(`${A}/tree`, 'sub/mid.bin', randomBytes(SIZES['sub/mid.bin']!));
  const c = await distcp('-update', `${A}/tree`, `${B}/tree`);
  assert.equal([c.COPY, c.SKIP, c.BYTESCOPIED], [1, FILES.length - 1, SIZES['sub/mid.bin']]);
  const after = await mtimes(`${B}/tree`);
  for (const f of FILES) assert.is(after[f] === before[f], f !== 'sub/mid.bin', `${f} mtime`);
  assert.equal(await checksums(`${B}/tree`), expectedChecksums());
  await assertBytes(`${B}/tree`);
});

test('DistCp copies the tree from a volume to a real HDFS; the HDFS checksums equal the volume\'s', async () => {
  const c = await distcp('-update', `${A}/tree`, `${M}/tree`);
  assert.is(c.COPY, FILES.length);
  assert.equal(await checksums(`${M}/tree`), expectedChecksums());
  assert.equal(await checksums(`${M}/tree`), await checksums(`${A}/tree`));
  await assertBytes(`${M}/tree`);
});

test('DistCp copies from a real HDFS to a volume, and -update then copies only the file changed on HDFS', async () => {
  let c = await distcp('-update', `${M}/tree`, `${A}/from-hdfs`);
  assert.is(c.COPY, FILES.length);
  assert.equal(await checksums(`${A}/from-hdfs`), expectedChecksums());
  await rewrite(`${M}/tree`, 'big.bin', randomBytes(SIZES['big.bin']! + 4000));
  c = await distcp('-update', `${M}/tree`, `${A}/from-hdfs`);
  assert.equal([c.COPY, c.SKIP, c.BYTESCOPIED], [1, FILES.length - 1, content.get('big.bin')!.length]);
  assert.equal(await checksums(`${A}/from-hdfs`), await checksums(`${M}/tree`));
  await assertBytes(`${A}/from-hdfs`);
});

test('DistCp\'s CRC check is live: a copy to another block size fails it with MD5MD5CRC and passes with COMPOSITE_CRC', async () => {
  const twoMiB = String(2 * MiB);
  const md5 = await shell.run('distcp', '-D', `dfs.blocksize=${twoMiB}`, `${M}/tree/big.bin`, `${A}/other-block-size`);
  assert.is.not(md5.code, 0, 'a copy to 2 MiB blocks must fail the MD5-of-MD5 check');
  assert.match(md5.err, `Checksum mismatch between ${M}/tree/big.bin and ${A}/other-block-size`);
  assert.match(md5.err, 'Source and target differ in block-size');
  const composite = ['-D', 'dfs.checksum.combine.mode=COMPOSITE_CRC'];
  const c = await distcp(...composite, '-D', `dfs.blocksize=${twoMiB}`, '-update', `${M}/tree`, `${A}/composite`);
  assert.is(c.COPY, FILES.length);
  const expected = expectedChecksums(BLOCK, true);
  assert.equal(await checksums(`${A}/composite`, ...composite), expected);
  assert.equal(await checksums(`${M}/tree`, ...composite), expected);
  assert.equal(await checksums(`${A}/composite`), expectedChecksums(2 * MiB));
});

/**
 * `-stat` of every entry of the tree under `root` as its directory listings give them (the globs
 * list each directory; DistCp's copy listing reads the same getListing answers).
 */
async function listedStats(root: string): Promise<string[]> {
  const globs = ['*', 'sub/*', 'sub/deeper/*'].map((g) => `${root}/${g}`);
  return (await ok(shell.fs('-stat', '%n %F %u:%g %a %o %r %Y', ...globs), `stat ${root}`)).trim().split('\n');
}

/** The same as {@link listedStats}, each entry asked for by its path (getFileInfo). */
async function fileInfoStats(root: string): Promise<string[]> {
  const paths = ['big.bin', 'empty.txt', 'exact.bin', 'sub', 'sub/deeper', 'sub/mid.bin', 'sub/deeper/one.bin', 'sub/deeper/small.txt'];
  return (await ok(shell.fs('-stat', '%n %F %u:%g %a %o %r %Y', ...paths.map((p) => `${root}/${p}`)), `stat ${root}`)).trim().split('\n');
}

test('-p keeps replication, owner, group, permission bits, block size, modification times and xattrs, from a volume to HDFS and from HDFS to another volume', async () => {
  await ok(shell.fs('-chmod', '640', `${A}/tree/sub/mid.bin`), 'chmod');
  await ok(shell.fs('-chmod', '750', `${A}/tree/sub/deeper`), 'chmod dir');
  await ok(shell.fs('-chown', 'alice:analysts', `${A}/tree/sub/deeper/small.txt`), 'chown');
  await ok(shell.fs('-setrep', '1', `${A}/tree/sub/deeper/small.txt`), 'setrep');
  await ok(shell.fs('-setfattr', '-n', 'user.origin', '-v', 'volume-a', `${A}/tree/big.bin`), 'setfattr');
  await ok(shell.fs('-touch', '-m', '-t', '20200102:030405', `${A}/tree/exact.bin`), 'touch');
  const source = await listedStats(`${A}/tree`);
  assert.ok(source.some((l) => new RegExp(`^small.txt regular file alice:analysts 644 ${BLOCK} 1 \\d+$`).test(l)), source.join('\n'));
  // One status per inode, whichever call reads it: DistCp takes times from both.
  const info = await fileInfoStats(`${A}/tree`);
  assert.equal(info, source, 'getFileInfo and getListing agree');
  let c = await distcp('-update', '-prugpbtx', `${A}/tree`, `${M}/preserved`);
  assert.is(c.COPY, FILES.length);
  assert.equal(await listedStats(`${M}/preserved`), source, 'on HDFS');
  c = await distcp('-update', '-prugpbtx', `${M}/preserved`, `${B}/preserved`);
  assert.is(c.COPY, FILES.length);
  assert.equal(await listedStats(`${B}/preserved`), source, 'on the other volume');
  for (const root of [`${M}/preserved`, `${B}/preserved`]) {
    const x = await ok(shell.fs('-getfattr', '-n', 'user.origin', `${root}/big.bin`), `getfattr ${root}`);
    assert.match(x, 'user.origin="volume-a"');
  }
  // The source kept the first big.bin (the HDFS copy changed since), so compare with it.
  assert.equal(await checksums(`${B}/preserved`), await checksums(`${A}/tree`));
});

test('-pb copies files of a non-default block size with that block size, so the MD5-of-MD5 check passes', async () => {
  const c = await distcp('-update', '-pb', `${A}/composite`, `${M}/kept-blocks`);
  assert.is(c.COPY, FILES.length);
  const sizes = (root: string) => ok(shell.fs('-stat', '%n %o', `${root}/big.bin`, `${root}/sub/mid.bin`), `stat ${root}`);
  assert.is(await sizes(`${M}/kept-blocks`), `big.bin ${2 * MiB}\nmid.bin ${2 * MiB}\n`);
  assert.equal(await checksums(`${M}/kept-blocks`), expectedChecksums(2 * MiB));
});

test.run();
