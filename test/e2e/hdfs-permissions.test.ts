import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { mountVolume, type Volume } from 'glusterfs-core';
import { startCluster, type TestCluster } from '../support/cluster.js';
import { hdfs, startShim, type HdfsResult, type TestShim } from '../support/hdfs.js';

// HDFS permissions with the caller's user: `root` runs the shim (the superuser), `gohdfs1`
// owns a private home, `gohdfs2` is an intruder. Every denial is AccessControlException, which
// the real client prints as "permission denied", and the denied change does not happen.
const test = suite('e2e/hdfs-permissions');

let cluster: TestCluster;
let shim: TestShim;
let vol: Volume;

const as = (user: string, args: string[], input?: string) => hdfs(shim, args, { user, input });

function ok(r: HdfsResult, what: string): HdfsResult {
  assert.is(r.code, 0, `${what}: exit ${r.code}, stderr: ${r.err}`);
  return r;
}

function denied(r: HdfsResult, stderr: string): void {
  assert.is(r.code, 1, `expected a denial, got exit ${r.code} (${r.out}${r.err})`);
  assert.is(r.err, stderr);
}

test.before(async () => {
  cluster = await startCluster({ bricks: 2, replica: 2 });
  shim = await startShim(cluster, { superuser: 'root' });
  vol = await mountVolume(cluster.volumeSpec);
  ok(await as('root', ['mkdir', '-p', '/user/gohdfs1']), 'mkdir home');
  ok(await as('root', ['chown', 'gohdfs1', '/user/gohdfs1']), 'chown home');
  ok(await as('root', ['chmod', '700', '/user/gohdfs1']), 'chmod home');
});

test.after(async () => {
  await vol?.unmount();
  await shim?.stop();
  await cluster?.stop();
});

test('the owner works in a private home; new files carry the owner and the parent\'s group', async () => {
  ok(await as('gohdfs1', ['put', '-', '/user/gohdfs1/mine.txt'], 'private\n'), 'put');
  assert.is(ok(await as('gohdfs1', ['cat', '/user/gohdfs1/mine.txt']), 'cat').out, 'private\n');
  const ls = ok(await as('gohdfs1', ['ls', '-l']), 'ls of the home (relative)').out;
  assert.match(ls, /^-rw-r--r-- gohdfs1  gohdfs1  8 .* mine\.txt\n$/);
  const st = await vol.stat('/user/gohdfs1/mine.txt');
  assert.is(st.uid, (await vol.stat('/user/gohdfs1')).uid, 'owner stored as the same uid on the volume');
});

test('an intruder can neither list, read, write nor delete inside it', async () => {
  denied(await as('gohdfs2', ['ls', '/user/gohdfs1']), 'readdir /user/gohdfs1: permission denied\n');
  denied(await as('gohdfs2', ['cat', '/user/gohdfs1/mine.txt']), 'open /user/gohdfs1/mine.txt: permission denied\n');
  denied(await as('gohdfs2', ['put', '-', '/user/gohdfs1/evil.txt'], 'x'), 'stat /user/gohdfs1/evil.txt: permission denied\n');
  denied(await as('gohdfs2', ['rm', '-r', '/user/gohdfs1']), 'remove /user/gohdfs1: permission denied\n');
  assert.ok(await vol.exists('/user/gohdfs1/mine.txt'), 'nothing was removed');
  assert.ok(!(await vol.exists('/user/gohdfs1/evil.txt')), 'nothing was created');
});

test('only the owner or the superuser may chmod; only the superuser may chown', async () => {
  ok(await as('root', ['mkdir', '/shared']), 'mkdir');
  ok(await as('root', ['chmod', '777', '/shared']), 'chmod 777');
  ok(await as('gohdfs1', ['put', '-', '/shared/f'], 'f\n'), 'put into a world-writable dir');
  denied(await as('gohdfs2', ['chmod', '777', '/shared/f']), 'chmod /shared/f: permission denied\n');
  assert.is((await vol.stat('/shared/f')).mode & 0o7777, 0o644);
  ok(await as('gohdfs1', ['chmod', '600', '/shared/f']), 'owner chmod');
  assert.is((await vol.stat('/shared/f')).mode & 0o7777, 0o600);
  // The file can be stat'ed (its directory is searchable) but not read: the denial comes from
  // getBlockLocations, which this client reports without mapping it.
  denied(await as('gohdfs2', ['cat', '/shared/f']), 'getBlockLocations call failed with ERROR_APPLICATION (org.apache.hadoop.security.AccessControlException)\n');
  denied(await as('gohdfs1', ['chown', 'gohdfs2', '/shared/f']), 'chown /shared/f: permission denied\n');
  ok(await as('root', ['chown', 'gohdfs2', '/shared/f']), 'superuser chown');
  assert.is(ok(await as('gohdfs2', ['cat', '/shared/f']), 'new owner reads').out, 'f\n');
});

test('writes to a directory without w are denied: mkdir, touch, mv, truncate', async () => {
  ok(await as('root', ['mkdir', '/ro']), 'mkdir');
  ok(await as('root', ['chmod', '755', '/ro']), 'chmod');
  await vol.writeFile('/ro/file', 'abc');
  denied(await as('gohdfs2', ['mkdir', '/ro/sub']), 'mkdir /ro/sub: permission denied\n');
  denied(await as('gohdfs2', ['touch', '/ro/new']), 'create /ro/new: permission denied\n');
  denied(await as('gohdfs2', ['mv', '/ro/file', '/ro/moved']), 'rename /ro/file: permission denied\n');
  denied(await as('gohdfs2', ['truncate', '1', '/ro/file']), 'truncate /ro/file: permission denied\n');
  assert.is(await vol.readFile('/ro/file', 'utf8'), 'abc');
  assert.equal((await vol.readdir('/ro')).sort(), ['file']);
});

test.run();
