import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { mountVolume, type Volume } from 'glusterfs-core';
import { RPC_ERROR_CODE, RPC_STATUS } from 'hcfs-shim';
import { startCluster, waitFor, type TestCluster } from '../support/cluster.js';
import { HadoopShell, hadoopPeers, runJava, startMiniHdfs, type MiniHdfs, type ShellResult } from '../support/hadoop.js';
import { expectedHdfsChecksum } from '../support/hdfs-checksum.js';
import { HDFS_BIN, startShim, type TestShim } from '../support/hdfs.js';
import { callPacket } from '../support/hrpc-client.js';
import { RemoteError, withNamenode } from '../support/namenode-client.js';

// Hadoop's own shell (FsShell 3.4.2, one JVM per file system) against the shim on a 2 x 2
// volume and against a real HDFS (the minicluster: two datanodes, replication 2), the same
// commands in the same order. Outputs and exit codes are compared line by line once times,
// the namenode's URI and the default group are normalised, and the shim's answers are also
// checked against the bytes put (cat, get, checksums). Where HDFS and the shim differ by
// design (packages/hcfs-shim/README.md, "Differences from HDFS"), the shim's answer is checked
// on its own.
const test = suite('e2e/hadoop-shell');
const BLOCK = 1024 * 1024;

let cluster: TestCluster;
let shim: TestShim;
let mini: MiniHdfs;
let vol: Volume;
let home: string;
/** A shell per target; the shim's pings on every call slower than 20 ms, so pings are exercised. */
const shells: { shim?: HadoopShell; mini?: HadoopShell } = {};
/** Where each target's shell writes local files (-get, -getmerge). */
const out = { shim: '', mini: '' };
/** Group of new files on the shim: the volume root's real group; HDFS's default is "supergroup". */
let shimGroup = '';
const input = { text: '', lines: '', big: Buffer.alloc(0), one: '' };
const local = (name: string) => join(home, 'in', name);

test.before(async () => {
  home = mkdtempSync(join(tmpdir(), 'gts-hadoop-shell-'));
  for (const d of ['in', 'out-shim', 'out-mini']) mkdirSync(join(home, d));
  out.shim = join(home, 'out-shim');
  out.mini = join(home, 'out-mini');
  input.text = 'alpha\nbeta\ngamma\n';
  input.lines = Array.from({ length: 5000 }, (_, i) => `${i + 1}\n`).join('');
  input.big = randomBytes(2 * BLOCK + 12345);
  input.one = 'one more line\n';
  writeFileSync(local('a.txt'), input.text);
  writeFileSync(local('b.txt'), input.lines);
  writeFileSync(local('big.bin'), input.big);
  writeFileSync(local('one.txt'), input.one);
  [cluster, mini] = await Promise.all([
    startCluster({ bricks: 4, replica: 2 }),
    startMiniHdfs({ dir: join(home, 'mini'), datanodes: 2, replication: 2, blockSize: BLOCK }),
  ]);
  shim = await startShim(cluster, { blockSize: '1m' });
  // The same client settings on both: the Java client sends its own block size and replication.
  const conf = { 'dfs.replication': 2, 'dfs.blocksize': BLOCK };
  shells.shim = new HadoopShell(`hdfs://${shim.namenode}`, { ...conf, 'ipc.ping.interval': 20 });
  shells.mini = new HadoopShell(mini.uri, conf);
  vol = await mountVolume(cluster.volumeSpec);
  shimGroup = (await shells.shim.fs('-stat', '%g', '/')).out.trim();
});

test.after(async () => {
  await Promise.all([shells.shim?.close(), shells.mini?.close()]);
  await vol?.unmount();
  await Promise.all([mini?.stop(), shim?.stop()]);
  await cluster?.stop();
  rmSync(home, { recursive: true, force: true });
});

/** Times, the namenode's URI, local output dirs and the default group made equal; columns by single spaces. */
function normalise(text: string, target: 'shim' | 'mini'): string[] {
  let t = text.replace(/hdfs:\/\/127\.0\.0\.1:\d+/g, 'hdfs://NN').replaceAll(out[target], '{OUT}')
    .replace(/\d{4}-\d{2}-\d{2} \d{2}:\d{2}(:\d{2})?/g, 'DATE');
  if (target === 'mini') t = t.replace(/\bsupergroup\b/g, shimGroup);
  return t.split('\n').map((l) => l.replace(/ +/g, ' ').trimEnd()).filter((l) => l !== '' && !/^\s*at |^\s*\.\.\. \d+ more$/.test(l));
}

/** Runs one driver command on both, `{OUT}` standing for each one's local output dir. */
async function both(...words: string[]): Promise<{ shim: ShellResult; mini: ShellResult }> {
  const on = (t: 'shim' | 'mini') => shells[t]!.run(...words.map((w) => w.replaceAll('{OUT}', out[t])));
  const [s, m] = await Promise.all([on('shim'), on('mini')]);
  return { shim: s, mini: m };
}

/** Runs a command on both and asserts the same exit code, output and error lines; returns the shim's result. */
async function same(...words: string[]): Promise<ShellResult> {
  const r = await both(...words);
  const what = words.join(' ');
  assert.is(r.shim.code, r.mini.code, `${what}: exit codes (shim ${r.shim.err} / HDFS ${r.mini.err})`);
  assert.equal(normalise(r.shim.out, 'shim'), normalise(r.mini.out, 'mini'), `${what}: output`);
  // The namenode's errors: HDFS sends its stack trace in the message; the client prints its first line.
  assert.equal(normalise(r.shim.err, 'shim'), normalise(r.mini.err, 'mini'), `${what}: errors`);
  return r.shim;
}

const fs = (...args: string[]) => same('fs', ...args);

/** The Java client's checksum line for `data` stored in 1 MiB blocks, computed here. */
function checksumLine(path: string, data: Buffer): string {
  const blocks = Math.ceil(data.length / BLOCK);
  const crcPerBlock = blocks > 1 ? BLOCK / 512 : 0;
  const hex = '00000200' + crcPerBlock.toString(16).padStart(16, '0') + expectedHdfsChecksum(data, BLOCK);
  return `${path}\tMD5-of-${crcPerBlock}MD5-of-512CRC32C\t${hex}\n`;
}

test('writing and listing: -mkdir -p, -put, -copyFromLocal -f, -touchz, -ls -R, -stat, -test', async () => {
  await fs('-mkdir', '-p', '/s/d1/d2');
  await fs('-put', local('a.txt'), '/s/d1/a.txt');
  await fs('-put', local('big.bin'), '/s/big.bin');
  await fs('-copyFromLocal', '-f', local('b.txt'), '/s/d1/b.txt');
  await fs('-copyFromLocal', '-f', local('b.txt'), '/s/d1/b.txt');
  const again = await fs('-put', local('a.txt'), '/s/d1/a.txt');
  assert.match(again.err, /put: `\/s\/d1\/a.txt': File exists/);
  await fs('-touchz', '/s/empty');
  await fs('-mkdir', '/s/x/y');
  const ls = await fs('-ls', '-R', '/s');
  assert.equal(ls.out.split('\n').filter(Boolean).map((l) => l.split(/ +/).at(-1)), [
    '/s/big.bin', '/s/d1', '/s/d1/a.txt', '/s/d1/b.txt', '/s/d1/d2', '/s/empty',
  ]);
  const stat = await fs('-stat', '%F %u %g %b %r %o %n', '/s/d1/a.txt');
  assert.is(stat.out, `regular file root ${shimGroup} ${input.text.length} 2 ${BLOCK} a.txt\n`);
  for (const [flag, path] of [['-e', '/s/d1/a.txt'], ['-d', '/s/d1'], ['-f', '/s/d1'], ['-z', '/s/d1/a.txt'], ['-z', '/s/empty'], ['-e', '/s/nope']]) {
    await fs('-test', flag!, path!);
  }
});

test('reading: -cat, -tail, -text, -get, -getmerge and -checksum give the bytes put', async () => {
  assert.is((await fs('-cat', '/s/d1/a.txt')).out, input.text);
  assert.is((await fs('-tail', '/s/d1/b.txt')).out, input.lines.slice(-1024));
  assert.is((await fs('-text', '/s/d1/a.txt')).out, input.text);
  await fs('-get', '/s/d1/a.txt', '{OUT}/got-a.txt');
  await fs('-get', '/s/big.bin', '{OUT}/got-big.bin');
  await fs('-getmerge', '/s/d1', '{OUT}/merged.txt');
  for (const t of ['shim', 'mini'] as const) {
    assert.is(readFileSync(join(out[t], 'got-a.txt'), 'utf8'), input.text, `${t} -get`);
    assert.ok(readFileSync(join(out[t], 'got-big.bin')).equals(input.big), `${t} -get of three blocks`);
    assert.is(readFileSync(join(out[t], 'merged.txt'), 'utf8'), input.text + input.lines, `${t} -getmerge`);
  }
  assert.is((await fs('-checksum', '/s/big.bin')).out, checksumLine('/s/big.bin', input.big));
  assert.is((await fs('-checksum', '/s/d1/a.txt')).out, checksumLine('/s/d1/a.txt', Buffer.from(input.text)));
  await fs('-cat', '/s/nope');
});

test('changing: -chmod -R, -chown, -chgrp, -mv, -cp, -setfattr, -getfattr -d, -find', async () => {
  await fs('-chmod', '-R', '750', '/s/d1');
  await fs('-chown', 'alice', '/s/d1/a.txt');
  await fs('-chgrp', 'staff', '/s/d1/a.txt');
  const ls = await fs('-ls', '/s/d1');
  assert.match(ls.out, /-rwxr-x--- +2 alice staff +17 \S+ \S+ \/s\/d1\/a.txt/);
  await fs('-mv', '/s/d1/b.txt', '/s/d1/b2.txt');
  await fs('-cp', '/s/d1/b2.txt', '/s/c.txt');
  assert.is((await fs('-cat', '/s/c.txt')).out, input.lines);
  await fs('-setfattr', '-n', 'user.color', '-v', 'blue', '/s/c.txt');
  await fs('-setfattr', '-n', 'user.flag', '/s/c.txt');
  assert.is((await fs('-getfattr', '-d', '/s/c.txt')).out, '# file: /s/c.txt\nuser.color="blue"\nuser.flag\n');
  await fs('-setfattr', '-x', 'user.flag', '/s/c.txt');
  await fs('-getfattr', '-n', 'user.flag', '/s/c.txt');
  assert.is((await fs('-find', '/s', '-name', '*.txt')).out, '/s/c.txt\n/s/d1/a.txt\n/s/d1/b2.txt\n');
  await fs('-ls', '-R', '/s');
});

test('space: -du -s -h, -du, -count -q (-u), and -df -h whose figures are the volume\'s own', async () => {
  await fs('-du', '-s', '-h', '/s');
  await fs('-du', '/s');
  const count = await fs('-count', '-q', '/s');
  const total = input.text.length + 2 * input.lines.length + input.big.length;
  assert.equal(count.out.trim().split(/ +/), ['none', 'inf', 'none', 'inf', '3', '5', String(total), '/s']);
  await fs('-count', '-q', '-h', '-v', '/s');
  await fs('-count', '-u', '/s');
  // The volume's capacity is its bricks' disks, not the minicluster's: compare the shape.
  const df = await both('fs', '-df', '-h');
  assert.is(df.shim.code, 0, df.shim.err);
  const shape = (s: string) => s.split('\n').filter(Boolean).map((l) => l.split(/ +/).map((w) => (/^[\d.]+%?$/.test(w) || /^[KMGTP]$/.test(w) ? 'N' : w.replace(/:\d+$/, ':PORT'))));
  assert.equal(shape(df.shim.out), shape(df.mini.out));
});

test('append and truncate: -appendToFile through the Java append pipeline, -truncate -w', async () => {
  await fs('-appendToFile', local('one.txt'), '/s/c.txt');
  assert.is((await fs('-cat', '/s/c.txt')).out, input.lines + input.one);
  await fs('-put', local('big.bin'), '/s/t.bin');
  await fs('-appendToFile', local('one.txt'), '/s/t.bin');
  const grown = Buffer.concat([input.big, Buffer.from(input.one)]);
  assert.is((await fs('-checksum', '/s/t.bin')).out, checksumLine('/s/t.bin', grown));
  await fs('-truncate', '-w', String(2 * BLOCK), '/s/t.bin');
  // Inside a block: HDFS recovers the block in the background and -w waits for the length.
  await fs('-truncate', '-w', String(BLOCK + 1000), '/s/t.bin');
  await both('waitclosed', '/s/t.bin');
  await fs('-stat', '%b', '/s/t.bin');
  assert.is((await fs('-checksum', '/s/t.bin')).out, checksumLine('/s/t.bin', input.big.subarray(0, BLOCK + 1000)));
  await fs('-appendToFile', local('one.txt'), '/s/t.bin');
  await fs('-truncate', '-w', '999999999', '/s/t.bin');
  await fs('-truncate', '-w', '10', '/s/d1');
});

test('-setrep as far as the volume allows: a file takes 1 or 2 copies; -w returns; 3 cannot be held here', async () => {
  await fs('-setrep', '1', '/s/c.txt');
  await fs('-ls', '/s/c.txt');
  await fs('-stat', '%r', '/s/c.txt');
  await fs('-setrep', '-w', '2', '/s/big.bin');
  await fs('-setrep', '2', '/s/d1');
  await fs('-setrep', '0', '/s/c.txt');
  // HDFS's excess replica goes when its datanodes next report; the volume's count is reported at once.
  const w1 = await shells.shim!.fs('-setrep', '-w', '1', '/s/big.bin');
  assert.is(w1.out, 'Replication 1 set: /s/big.bin\nWaiting for /s/big.bin ... done\n');
  assert.equal((await shells.shim!.run('locations', '/s/big.bin')).out.split('\n').filter(Boolean).map((l) => l.split(' ')[2]), ['127.0.0.1', '127.0.0.1', '127.0.0.1']);
  // HDFS takes 3 and -w would wait forever for a third datanode; the volume keeps two copies.
  const three = await shells.shim!.fs('-setrep', '-w', '3', '/s/big.bin');
  assert.equal([three.code, three.out, three.err], [1, '', 'setrep: Could not set replication for: /s/big.bin\n']);
  await shells.shim!.fs('-setrep', '2', '/s/big.bin');
  assert.is((await shells.shim!.run('locations', '/s/big.bin')).out.split('\n')[0], `0 ${BLOCK} 127.0.0.1,127.0.0.1`);
});

test('concat through the FileSystem API: HDFS\'s checks, then the bytes joined and the sources gone', async () => {
  await fs('-mkdir', '/cc');
  // Block-aligned parts but the last, as DistCp's chunks are: HDFS then keeps no partial block
  // inside the result, and its blocks and checksum are the shim's (README: concat).
  const part = input.big.subarray(0, BLOCK);
  const two = input.big.subarray(0, 2 * BLOCK);
  writeFileSync(local('part.bin'), part);
  writeFileSync(local('two.bin'), two);
  await fs('-put', local('part.bin'), '/cc/target');
  await fs('-put', local('two.bin'), '/cc/src1');
  await fs('-put', local('big.bin'), '/cc/src2');
  await same('concat', '/cc/target', '/cc/nope');
  await same('concat', '/cc/target', '/s/c.txt');
  await same('concat', '/cc/target', '/cc/target');
  await same('concat', '/cc/target', '/cc/src1', '/cc/src2');
  await fs('-ls', '/cc');
  await same('locations', '/cc/target');
  const joined = Buffer.concat([part, two, input.big]);
  assert.is((await fs('-checksum', '/cc/target')).out, checksumLine('/cc/target', joined));
  await fs('-touchz', '/cc/empty');
  await same('concat', '/cc/target', '/cc/empty');
});

test('FileSystem calls beside the shell: access, quota usage, storage policies', async () => {
  await same('access', '/s/d1/a.txt', 'READ');
  await same('access', '/s/nope', 'READ');
  await same('quota', '/s');
  await same('policies');
  await same('getpolicy', '/s/big.bin');
  await same('getpolicy', '/s/nope');
  // HDFS can move blocks to another storage type; the volume has one (README: storage policies).
  const set = await shells.shim!.run('setpolicy', '/s/big.bin', 'COLD');
  assert.is(set.code, -1);
  assert.match(set.err, /RemoteException\(java.io.IOException\): Failed to set storage policy since dfs.storage.policy.enabled is set to false./);
});

test('dfsadmin -report: the same report, one datanode per server holding bricks', async () => {
  const report = (uri: string) => runJava('org.apache.hadoop.hdfs.tools.DFSAdmin', ['-fs', uri, '-report'], { classpath: hadoopPeers().minicluster, heap: '256m' });
  const [s, m] = await Promise.all([report(`hdfs://${shim.namenode}`), report(mini.uri)]);
  assert.is(s.code, 0, s.err);
  assert.is(m.code, 0, m.err);
  // Figures are each cluster's own disks and blocks; dates are now; HDFS runs two datanodes on this host.
  const shape = (text: string) => text.split('\n').filter(Boolean)
    .map((l) => l.replace(/\d[\d.,]*( [KMGT]?B)?/g, 'N').replace(/ \(N\)/g, '').replace(/: .*UTC N$/, ': DATE').replace(/^Last Block Report: Never$/, 'Last Block Report: DATE'));
  const [ours, hdfs] = [shape(s.out), shape(m.out)];
  const cut = (lines: string[]) => lines.indexOf('Live datanodes:');
  assert.equal(ours.slice(0, cut(ours)), hdfs.slice(0, cut(hdfs)), 'the summary');
  assert.match(s.out, /Live datanodes \(1\):/);
  assert.equal(ours.slice(cut(ours)), hdfs.slice(cut(hdfs), cut(hdfs) + ours.length - cut(ours)), 'a datanode\'s report');
  assert.match(s.out, new RegExp(`Name: ${shim.datanode.replace(/\./g, '\\.')} `));
});

test('a file under construction is read to its visible length (ClientDatanodeProtocol on the datanode)', async () => {
  // Debian's Go client writes a block and a half, then waits on stdin with the file open.
  const data = Buffer.from(Array.from({ length: 200_000 }, (_, i) => `${i}\n`).join(''));
  const put = spawn(HDFS_BIN, ['put', '-', '/s/open.txt'], {
    env: { ...process.env, HADOOP_NAMENODE: shim.namenode, HADOOP_USER_NAME: 'root', HADOOP_CONF_DIR: '/nonexistent' }, stdio: ['pipe', 'ignore', 'ignore'],
  });
  try {
    put.stdin.on('error', () => {});
    put.stdin.write(data);
    const onVolume = await waitFor('more than a block on the volume', async () => {
      const size = (await vol.stat('/s/open.txt').catch(() => undefined))?.size ?? 0;
      return size > BLOCK && size;
    }, 30_000);
    const cat = await shells.shim!.fs('-cat', '/s/open.txt');
    assert.is(cat.code, 0, cat.err);
    assert.ok(cat.out.length >= onVolume, `read ${cat.out.length} bytes, ${onVolume} were on the volume`);
    assert.is(cat.out, data.subarray(0, cat.out.length).toString());
  } finally {
    const exited = new Promise((r) => put.once('exit', r));
    put.kill('SIGKILL');
    await exited;
    await shells.shim!.fs('-rm', '/s/open.txt');
  }
});

test('paths through a raw client: this namenode\'s URI, others refused as HDFS refuses; . and ..; listXAttrs values', async () => {
  const probe = async (namenode: string) => withNamenode(namenode, 'root', async (c) => {
    const results: string[] = [];
    const tryCall = async (label: string, f: () => Promise<unknown>) => {
      try {
        const r = await f();
        results.push(`${label}: ${JSON.stringify(r, (_k, v) => (typeof v === 'bigint' ? String(v) : v))}`);
      } catch (e) {
        if (!(e instanceof RemoteError)) throw e;
        results.push(`${label}: ${e.className}: ${e.message.split('\n')[0]!.replace(/^[\w.$]+: /, '').replace(namenode, 'NN')}`);
      }
    };
    for (const src of ['hdfs://elsewhere:8020/s', 'file:///etc/passwd', 's/d1', '/s/./d1', '/s/d1/..']) {
      await tryCall(`getFileInfo ${src}`, async () => !!(await c.call('getFileInfo', { src })).fs);
      await tryCall(`mkdirs ${src}`, () => c.call('mkdirs', { src, masked: { perm: 0o755 }, createParent: true }));
    }
    for (const src of ['/s/a:b', '/s//dd', '/s/./dd']) await tryCall(`mkdirs ${src}`, () => c.call('mkdirs', { src, masked: { perm: 0o755 }, createParent: true }));
    await tryCall('create /s/./f', () => c.call('create', {
      src: '/s/./f', masked: { perm: 0o644 }, clientName: 'raw', createFlag: 1, createParent: false, replication: 2, blockSize: BigInt(BLOCK),
    }));
    await tryCall('setXAttr', () => c.call('setXAttr', { src: '/s/empty', xAttr: { namespace: 0, name: 'raw', value: Buffer.from('v1') }, flag: 3 }));
    await tryCall('listXAttrs', async () => (await c.call('listXAttrs', { src: '/s/empty' })).xAttrs.map((x) => `${x.name}=${x.value?.toString()}`));
    return results;
  });
  const [ours, hdfs] = await Promise.all([probe(shim.namenode), probe(mini.uri.slice('hdfs://'.length))]);
  assert.equal(ours, hdfs);
  // Its own URI is this namenode's path (HDFS refuses every URI; Debian's Go client sends one).
  await withNamenode(shim.namenode, 'root', async (c) => {
    assert.ok((await c.call('getFileInfo', { src: `hdfs://${shim.namenode}/s/d1` })).fs);
  });
});

test('bad input: an unknown RPC is RpcNoSuchMethodException, as from HDFS, and the connection stays; so is one HDFS serves and the shim does not', async () => {
  const ask = (namenode: string, method: string) => withNamenode(namenode, 'root', async (c) => {
    c.conn.write(callPacket(1000, method, Buffer.alloc(0)));
    const r = await c.conn.next();
    const after = await c.call('getFileInfo', { src: '/s' });
    return [r.header.callId, r.header.status, r.header.exceptionClassName, r.header.errorDetail, r.header.errorMsg?.split('\n')[0], !!after.fs];
  });
  const [ours, hdfs] = await Promise.all([ask(shim.namenode, 'noSuchMethodAnywhere'), ask(mini.uri.slice('hdfs://'.length), 'noSuchMethodAnywhere')]);
  assert.equal(ours, hdfs);
  assert.equal(await ask(shim.namenode, 'getEditsFromTxid'), [
    1000, RPC_STATUS.ERROR, 'org.apache.hadoop.ipc.RpcNoSuchMethodException', RPC_ERROR_CODE.ERROR_NO_SUCH_METHOD,
    'Unknown method getEditsFromTxid called on org.apache.hadoop.hdfs.protocol.ClientProtocol protocol.', true,
  ]);
});

test('removing: -rm -r -skipTrash, -rm -r without trash, and the errors for missing paths', async () => {
  await fs('-rm', '-r', '-skipTrash', '/s/d1');
  await fs('-rm', '-r', '/cc');
  await fs('-rm', '/s/nope');
  await fs('-rm', '-r', '-skipTrash', '/s/nope');
  await fs('-ls', '-R', '/');
});

test.run();
