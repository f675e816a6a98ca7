import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { mountVolume, type Volume } from 'glusterfs-core';
import { startCluster, type TestCluster } from '../support/cluster.js';
import { expectedHdfsChecksum } from '../support/hdfs-checksum.js';
import { hdfs, startShim, type HdfsResult, type TestShim } from '../support/hdfs.js';

// Every hdfs-cli subcommand of the protocol brief's table, run by Debian's real `hdfs` binary
// against the real shim over a 2 x 2 distributed-replicated volume, with a small block size so
// files span several blocks. Outputs and exit codes are asserted exactly.
const test = suite('e2e/hdfs-cli');
const BLOCK = 256 * 1024;
const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
// `ls -l` prints "Mon DD HH:MM" for this year's files.
const DATE = '[A-Z][a-z]{2} [ 0-9]\\d \\d\\d:\\d\\d';

let cluster: TestCluster;
let shim: TestShim;
let vol: Volume;
let local = '';

const run = (args: string[], opts: Parameters<typeof hdfs>[2] = {}) => hdfs(shim, args, opts);

function ok(r: HdfsResult, what: string): HdfsResult {
  assert.is(r.code, 0, `${what}: exit ${r.code}, stderr: ${r.err}`);
  return r;
}

function fails(r: HdfsResult, stderr: string): void {
  assert.is(r.code, 1, `expected exit 1, got ${r.code} (${r.out}${r.err})`);
  assert.is(r.err, stderr);
}

test.before(async () => {
  cluster = await startCluster({ bricks: 4, replica: 2 });
  shim = await startShim(cluster, { blockSize: '256k' });
  vol = await mountVolume(cluster.volumeSpec);
  local = mkdtempSync(join(tmpdir(), 'gts-hdfs-local-'));
});

test.after(async () => {
  await vol?.unmount();
  await shim?.stop();
  await cluster?.stop();
  rmSync(local, { recursive: true, force: true });
});

test('put and cat round-trip a file spanning five blocks byte for byte; the volume holds the same bytes', async () => {
  const data = randomBytes(4 * BLOCK + 12_345);
  writeFileSync(join(local, 'big.bin'), data);
  ok(await run(['mkdir', '-p', '/data/in']), 'mkdir -p');
  const put = ok(await run(['put', join(local, 'big.bin'), '/data/in/big.bin']), 'put');
  assert.is(put.out, '');
  const cat = ok(await run(['cat', '/data/in/big.bin']), 'cat');
  assert.is(cat.stdout.length, data.length);
  assert.is(sha(cat.stdout), sha(data));
  assert.is(sha(await vol.readFile('/data/in/big.bin')), sha(data), 'the file is one plain file on the volume');
  const ls = ok(await run(['ls', '-l', '/data/in/big.bin']), 'ls -l');
  assert.match(ls.out, new RegExp(`^-rw-r--r-- root  root  ${data.length} ${DATE} /data/in/big\\.bin\\n$`));
});

test('checksum matches Hadoop\'s MD5-of-MD5-of-CRC32C computed independently', async () => {
  const data = await vol.readFile('/data/in/big.bin');
  const r = ok(await run(['checksum', '/data/in/big.bin']), 'checksum');
  assert.is(r.out, `${expectedHdfsChecksum(data, BLOCK)} /data/in/big.bin\n`);
  await vol.writeFile('/data/bar.txt', 'bar\n');
  assert.is(ok(await run(['checksum', '/data/bar.txt']), 'checksum').out, '27c076e4987344253650d3335a5d08ce /data/bar.txt\n');
  fails(await run(['checksum', '/data']), 'checksum /data: is a directory\n');
});

test('head and tail read unaligned ranges across block boundaries', async () => {
  const data = await vol.readFile('/data/in/big.bin');
  assert.is(sha(ok(await run(['head', '-c', '300000', '/data/in/big.bin']), 'head -c').stdout), sha(data.subarray(0, 300_000)));
  assert.is(sha(ok(await run(['tail', '-c', '270001', '/data/in/big.bin']), 'tail -c').stdout), sha(data.subarray(data.length - 270_001)));
  const lines = Array.from({ length: 5000 }, (_, i) => `line ${i}`).join('\n') + '\n';
  await vol.writeFile('/data/lines.txt', lines);
  assert.is(ok(await run(['head', '-n', '3', '/data/lines.txt']), 'head -n').out, 'line 0\nline 1\nline 2\n');
  assert.is(ok(await run(['tail', '-n', '2', '/data/lines.txt']), 'tail -n').out, 'line 4998\nline 4999\n');
  fails(await run(['cat', '/data/none']), 'open /data/none: file does not exist\n');
});

test('put of a directory tree and of stdin; get and getmerge bring them back', async () => {
  const tree = join(local, 'tree');
  mkdirSync(join(tree, 'sub'), { recursive: true });
  writeFileSync(join(tree, 'a.txt'), 'alpha\n');
  writeFileSync(join(tree, 'b.txt'), 'bravo\n');
  writeFileSync(join(tree, 'sub', 'c.txt'), 'charlie\n');
  ok(await run(['put', tree, '/data/']), 'put dir');
  const ls = ok(await run(['ls', '/data/tree']), 'ls').out;
  assert.is(ls, 'a.txt\nb.txt\nsub\n');
  ok(await run(['put', '-', '/data/stdin.txt'], { input: 'from stdin\n' }), 'put -');
  assert.is((await vol.readFile('/data/stdin.txt')).toString(), 'from stdin\n');
  fails(await run(['put', '-', '/data/stdin.txt'], { input: 'again\n' }), 'put /data/stdin.txt: file already exists\n');

  ok(await run(['get', '/data/tree', join(local, 'back')]), 'get');
  assert.is(readFileSync(join(local, 'back', 'a.txt'), 'utf8'), 'alpha\n');
  assert.is(readFileSync(join(local, 'back', 'sub', 'c.txt'), 'utf8'), 'charlie\n');
  ok(await run(['get', '/data/in/big.bin', join(local, 'big.back')]), 'get file');
  assert.is(sha(readFileSync(join(local, 'big.back'))), sha(readFileSync(join(local, 'big.bin'))));
  ok(await run(['getmerge', '/data/tree', join(local, 'merged.txt')]), 'getmerge');
  assert.is(readFileSync(join(local, 'merged.txt'), 'utf8'), 'alpha\nbravo\n');
});

test('mkdir, mkdir -p, and their errors', async () => {
  ok(await run(['mkdir', '/m1']), 'mkdir');
  fails(await run(['mkdir', '/m1']), 'mkdir /m1: file already exists\n');
  ok(await run(['mkdir', '-p', '/m1']), 'mkdir -p existing');
  ok(await run(['mkdir', '-p', '/m1/x/y/z']), 'mkdir -p deep');
  assert.ok((await vol.stat('/m1/x/y/z')).isDirectory());
  fails(await run(['mkdir', '/nodir/y']), 'mkdir /nodir/y: file does not exist\n');
  const ls = ok(await run(['ls', '-l', '/m1']), 'ls -l').out;
  assert.match(ls, new RegExp(`^drwxr-xr-x root  root  0 ${DATE} x\\n$`));
});

test('mv renames, moves into a directory, -n refuses to overwrite, -T treats the target as a file', async () => {
  await vol.writeFile('/m1/f1', 'one');
  await vol.writeFile('/m1/f2', 'two');
  ok(await run(['mv', '/m1/f1', '/m1/g1']), 'mv');
  assert.ok(!(await vol.exists('/m1/f1')));
  assert.is(await vol.readFile('/m1/g1', 'utf8'), 'one');
  fails(await run(['mv', '-n', '/m1/g1', '/m1/f2']), 'rename /m1/f2: file already exists\n');
  assert.is(await vol.readFile('/m1/f2', 'utf8'), 'two', '-n left the target alone');
  ok(await run(['mv', '/m1/g1', '/m1/f2']), 'mv over a file');
  assert.is(await vol.readFile('/m1/f2', 'utf8'), 'one');
  ok(await run(['mv', '/m1/f2', '/m1/x']), 'mv into a dir');
  assert.is(await vol.readFile('/m1/x/f2', 'utf8'), 'one');
  ok(await run(['mkdir', '/m2']), 'mkdir');
  ok(await run(['mv', '-T', '/m1/x/y', '/m2/yy']), 'mv -T');
  assert.ok((await vol.stat('/m2/yy/z')).isDirectory());
  fails(await run(['mv', '/m1/none', '/m2/q']), 'rename /m1/none: file does not exist\n');
  const into = await run(['mv', '/m1', '/m1/x/inside']);
  assert.is(into.code, 1, 'a directory cannot move into its own subtree');
  assert.ok((await vol.stat('/m1/x')).isDirectory());
});

test('rm refuses a directory without -r, -r removes it, -f ignores a missing path', async () => {
  ok(await run(['mkdir', '-p', '/r1/a/b']), 'mkdir');
  await vol.writeFile('/r1/a/b/f', 'x');
  fails(await run(['rm', '/r1']), 'remove /r1: file is a directory\n');
  ok(await run(['rm', '-r', '/r1']), 'rm -r');
  assert.ok(!(await vol.exists('/r1')));
  fails(await run(['rm', '/r1']), 'remove /r1: file does not exist\n');
  ok(await run(['rm', '-f', '/r1']), 'rm -f missing');
  await vol.writeFile('/r2', 'x');
  ok(await run(['rm', '/r2']), 'rm file');
  assert.ok(!(await vol.exists('/r2')));
});

test('touch creates an empty file and updates the mtime of an existing one', async () => {
  ok(await run(['touch', '/t1']), 'touch new');
  const st = await vol.stat('/t1');
  assert.is(st.size, 0);
  await vol.setattr('/t1', { mtimeMs: Date.parse('2020-01-02T03:04:05Z') });
  ok(await run(['touch', '/t1']), 'touch existing');
  assert.ok((await vol.stat('/t1')).mtimeMs > Date.parse('2025-01-01'), 'mtime moved to now');
  fails(await run(['touch', '/nodir/t']), 'create /nodir/t: file does not exist\n');
});

test('chmod -R, chown and chown USER:GROUP show in ls -l and on the volume', async () => {
  ok(await run(['mkdir', '-p', '/c1/d']), 'mkdir');
  await vol.writeFile('/c1/d/f', 'x');
  ok(await run(['chmod', '-R', '750', '/c1']), 'chmod -R');
  for (const p of ['/c1', '/c1/d', '/c1/d/f']) assert.is((await vol.stat(p)).mode & 0o7777, 0o750, p);
  ok(await run(['chown', 'alice', '/c1/d/f']), 'chown');
  ok(await run(['chown', 'bob:staff', '/c1/d']), 'chown u:g');
  const ls = ok(await run(['ls', '-l', '/c1/d']), 'ls').out;
  assert.match(ls, new RegExp(`^-rwxr-x--- alice  alice  1 ${DATE} f\\n$`));
  const up = ok(await run(['ls', '-l', '/c1']), 'ls').out;
  assert.match(up, new RegExp(`^drwxr-x--- bob  staff  0 ${DATE} d\\n$`));
  fails(await run(['chmod', '700', '/c1/none']), 'stat /c1/none: file does not exist\n');
});

test('du -s, du and df report sizes from the volume', async () => {
  ok(await run(['mkdir', '/du']), 'mkdir');
  await vol.writeFile('/du/a', Buffer.alloc(1000));
  await vol.mkdir('/du/sub');
  await vol.writeFile('/du/sub/b', Buffer.alloc(234));
  assert.is(ok(await run(['du', '-s', '/du']), 'du -s').out, '1234    /du\n', 'sizes in a tab-aligned column');
  assert.is(ok(await run(['du', '/du']), 'du').out, '1000    /du/a\n234     /du/sub/b\n234     /du/sub\n1234    /du\n');
  const df = ok(await run(['df']), 'df').out.split('\n');
  assert.match(df[0], /^\s*Filesystem\s+Size\s+Used\s+Available\s+Use%$/);
  const [fs, size, used, avail, pct] = df[1].trim().split(/\s+/);
  assert.is(fs, shim.namenode);
  assert.ok(Number(size) > 0 && Number(used) >= 0 && Number(avail) > 0, df[1]);
  assert.match(pct, /^\d+%$/);
});

test('truncate cuts a file; growing it or truncating a directory fails', async () => {
  await vol.writeFile('/tr', 'hello world');
  ok(await run(['truncate', '5', '/tr']), 'truncate');
  assert.is(await vol.readFile('/tr', 'utf8'), 'hello');
  fails(await run(['truncate', '50', '/tr']), 'truncate /tr: invalid argument\n');
  fails(await run(['truncate', '1', '/du']), 'truncate /du: file does not exist\n');
});

test('a 2,500-entry directory lists completely and in byte order across listing pages', async () => {
  await vol.mkdir('/many');
  const names = Array.from({ length: 2500 }, (_, i) => `f${String(i).padStart(5, '0')}${i % 7 === 0 ? 'Z' : 'a'}`);
  for (let i = 0; i < names.length; i += 100) {
    await Promise.all(names.slice(i, i + 100).map((n) => vol.writeFile(`/many/${n}`, n)));
  }
  const r = ok(await run(['ls', '/many']), 'ls');
  const sorted = [...names].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
  assert.equal(r.out.trimEnd().split('\n'), sorted);
});

test('ls -R does not exist in this client: usage, exit 0', async () => {
  const r = await run(['ls', '-R', '/']);
  assert.is(r.code, 0);
  assert.match(r.err, /^unknown option: -R\n/);
  assert.ok(!existsSync(join(local, 'none')));
});

test.run();
