import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { isFsError, mountVolume, type Volume } from 'glusterfs-core';
import { LEASE_XATTR } from 'hcfs-shim';
import { startCluster, waitFor, type TestCluster } from '../support/cluster.js';
import { HDFS_BIN, hdfs, startShim, type TestShim } from '../support/hdfs.js';

// A writer killed in the middle of `hdfs put`: the file stays under construction (HDFS's
// LocatedBlocks say so, and nobody else may create it) until its lease expires; then the
// namenode recovers it with the bytes the datanode acknowledged, and it can be replaced.
const test = suite('e2e/hdfs-lease');
const BLOCK = 256 * 1024;
const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

let cluster: TestCluster;
let shim: TestShim;
let vol: Volume;

test.before(async () => {
  cluster = await startCluster({ bricks: 2, replica: 2 });
  shim = await startShim(cluster, { blockSize: '256k', leaseSoftMs: 2000, leaseHardMs: 4000 });
  vol = await mountVolume(cluster.volumeSpec);
  await vol.mkdir('/w', { mode: 0o777 });
  await vol.setattr('/w', { mode: 0o777 });
});

test.after(async () => {
  await vol?.unmount();
  await shim?.stop();
  await cluster?.stop();
});

async function webhdfs(path: string, query: string, init: RequestInit = {}): Promise<{ status: number; json: any }> {
  const r = await fetch(`http://${shim.webhdfs}/webhdfs/v1${path}?${query}`, { redirect: 'manual', ...init });
  const text = await r.text();
  return { status: r.status, json: text ? JSON.parse(text) : undefined };
}

/** WebHDFS CREATE with overwrite, both steps (the namenode redirects, the datanode creates). */
async function overwrite(path: string): Promise<{ status: number; json: any }> {
  const first = await fetch(`http://${shim.webhdfs}/webhdfs/v1${path}?op=CREATE&overwrite=true&user.name=writer`, { method: 'PUT', redirect: 'manual' });
  assert.is(first.status, 307);
  const r = await fetch(first.headers.get('location')!, { method: 'PUT', body: 'thief' });
  const text = await r.text();
  return { status: r.status, json: text ? JSON.parse(text) : undefined };
}

async function underConstruction(path: string): Promise<boolean> {
  const r = await webhdfs(path, 'op=GET_BLOCK_LOCATIONS&user.name=root');
  assert.is(r.status, 200, JSON.stringify(r.json));
  return r.json.LocatedBlocks.isUnderConstruction as boolean;
}

async function leaseMark(path: string): Promise<string | undefined> {
  try {
    return (await vol.getxattr(path, LEASE_XATTR)).toString();
  } catch (e) {
    if (isFsError(e, 'ENODATA')) return undefined;
    throw e;
  }
}

test('a put killed mid-stream leaves the file under construction until its lease expires, then recovered', async () => {
  // Two whole blocks go out, then the writer stalls on stdin with the third block open, and dies.
  const written = randomBytes(2 * BLOCK);
  const put = spawn(HDFS_BIN, ['put', '-', '/w/killed.bin'], {
    env: { ...process.env, HADOOP_NAMENODE: shim.namenode, HADOOP_USER_NAME: 'writer' }, stdio: ['pipe', 'ignore', 'ignore'],
  });
  put.stdin.on('error', () => {});
  put.stdin.write(written);
  put.stdin.write(randomBytes(1000));
  await waitFor('two blocks on the volume', async () => (await vol.stat('/w/killed.bin').catch(() => undefined))?.size === 2 * BLOCK, 30_000);
  const exited = new Promise((r) => put.once('exit', r));
  put.kill('SIGKILL');
  await exited;

  assert.ok(await underConstruction('/w/killed.bin'), 'LocatedBlocks report the file under construction');
  assert.match((await leaseMark('/w/killed.bin'))!, /"holder":"go-hdfs-/);
  const steal = await overwrite('/w/killed.bin');
  assert.is(steal.status, 403, 'another client cannot create it while the lease is live');
  assert.is(steal.json.RemoteException.exception, 'AlreadyBeingCreatedException');

  await waitFor('lease recovery', async () => (await leaseMark('/w/killed.bin')) === undefined, 20_000);
  assert.not.ok(await underConstruction('/w/killed.bin'), 'closed after the lease expired');
  const cat = await hdfs(shim, ['cat', '/w/killed.bin']);
  assert.is(cat.code, 0, cat.err);
  assert.is(sha(cat.stdout), sha(written), 'the acknowledged blocks survive recovery, nothing more');

  const rm = await hdfs(shim, ['rm', '/w/killed.bin'], { user: 'writer' });
  assert.is(rm.code, 0, rm.err);
  const again = await hdfs(shim, ['put', '-', '/w/killed.bin'], { user: 'writer', input: 'fresh\n' });
  assert.is(again.code, 0, again.err);
  assert.is(await vol.readFile('/w/killed.bin', 'utf8'), 'fresh\n');
  assert.is(await leaseMark('/w/killed.bin'), undefined, 'a completed put leaves no lease behind');
});

test('a file being written by a live client cannot be created by another', async () => {
  const put = spawn(HDFS_BIN, ['put', '-', '/w/open.bin'], {
    env: { ...process.env, HADOOP_NAMENODE: shim.namenode, HADOOP_USER_NAME: 'writer' }, stdio: ['pipe', 'ignore', 'ignore'],
  });
  put.stdin.on('error', () => {});
  put.stdin.write(randomBytes(BLOCK + 10));
  await waitFor('first block', async () => (await vol.stat('/w/open.bin').catch(() => undefined))?.size === BLOCK, 30_000);
  // Past the soft limit, but the writer renews every second: still its file.
  await new Promise((r) => setTimeout(r, 3000));
  const steal = await overwrite('/w/open.bin');
  assert.is(steal.status, 403, JSON.stringify(steal.json));
  const exited = new Promise((r) => put.once('exit', r));
  put.stdin.end();
  assert.is(await exited, 0);
  assert.is((await vol.stat('/w/open.bin')).size, BLOCK + 10);
  assert.not.ok(await underConstruction('/w/open.bin'));
});

test.run();
