import { existsSync, readFileSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { mountVolume, type Volume } from 'glusterfs-core';
import { BLOCK_SIZE_XATTR, encodeVarint } from 'hcfs-shim';
import { startCluster, waitFor, type TestCluster } from '../support/cluster.js';
import { HRPC_PREAMBLE } from '../support/hrpc-client.js';
import { hdfs, type TestShim } from '../support/hdfs.js';
import { NamenodeClient, RemoteError, withNamenode } from '../support/namenode-client.js';

// HDFS's fs-limits and the endpoints' resource bounds, as a hostile client tries them on a
// gcluster cluster: a 1-byte block size, 256-byte names, 2,000-level paths, a 1,000-level
// mkdirs abandoned half way, 64 MiB frames before any handshake, 500 silent connections per
// port. Every server stays responsive with bounded memory, and no error text a client gets
// carries a brick path, a host path or a GFID.
const test = suite('e2e/hdfs-limits');
const MiB = 1024 * 1024;
const GFID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;
const IO = 'java.io.IOException';

let cluster: TestCluster;
let shim: TestShim;
let vol: Volume;
let pid = 0;
/** Every error text a client was given, checked for leaks at the end. */
const errorTexts: string[] = [];

function rssMiB(): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return Number(m?.[1] ?? 0) / 1024;
}

function web(path: string, op: string, params: Record<string, string> = {}, user = 'root'): string {
  return `http://${cluster.hdfs!.webhdfs}/webhdfs/v1${path}?${new URLSearchParams({ op, 'user.name': user, ...params })}`;
}

async function webError(url: string, method: string, status: number): Promise<{ javaClassName: string; message: string }> {
  const res = await fetch(url, { method, redirect: 'manual' });
  const text = await res.text();
  errorTexts.push(text);
  assert.is(res.status, status, text);
  return (JSON.parse(text) as { RemoteException: { javaClassName: string; message: string } }).RemoteException;
}

function rpc<T>(user: string, f: (c: NamenodeClient) => Promise<T>): Promise<T> {
  return withNamenode(cluster.hdfs!.namenode, user, f);
}

async function rpcError(user: string, f: (c: NamenodeClient) => Promise<unknown>): Promise<RemoteError> {
  try {
    await rpc(user, f);
  } catch (e) {
    if (!(e instanceof RemoteError)) throw e;
    errorTexts.push(e.message);
    return e;
  }
  throw new Error('expected the namenode to refuse');
}

/** How many levels of `/deep/d/d/…` exist on the first brick. */
function brickDepth(root: string): number {
  let d = 0;
  for (let p = join(cluster.bricks[0]!.path, root); existsSync(p); p = join(p, 'd')) d++;
  return d;
}

function hostPort(s: string): [string, number] {
  const i = s.lastIndexOf(':');
  return [s.slice(0, i), Number(s.slice(i + 1))];
}

function open(endpoint: string): Promise<Socket> {
  const [host, port] = hostPort(endpoint);
  return new Promise((resolve, reject) => {
    const s = connect(port, host, () => resolve(s));
    s.once('error', reject);
  });
}

async function servesEverything(what: string): Promise<void> {
  const ls = await hdfs(shim, ['ls', '/l'], { timeoutMs: 20_000 });
  assert.is(ls.code, 0, `hdfs ls during ${what}: ${ls.err}`);
  const cat = await hdfs(shim, ['cat', '/l/small'], { timeoutMs: 20_000 });
  assert.is(cat.out, 'small file\n', `hdfs cat (datanode) during ${what}`);
  const st = await fetch(web('/l/small', 'GETFILESTATUS'));
  assert.is(st.status, 200, `WebHDFS during ${what}`);
  await st.text();
  const data = await fetch(web('/l/small', 'OPEN'));
  assert.is(await data.text(), 'small file\n', `WebHDFS OPEN through the datanode HTTP port during ${what}`);
  process.kill(pid, 0);
}

test.before(async () => {
  cluster = await startCluster({ bricks: 2, replica: 2, hdfs: true });
  shim = { namenode: cluster.hdfs!.namenode } as TestShim;
  pid = cluster.hdfs!.pid;
  vol = await mountVolume(cluster.volumeSpec);
  assert.is((await hdfs(shim, ['mkdir', '-p', '/l', '/open'])).code, 0);
  assert.is((await hdfs(shim, ['chmod', '777', '/open'])).code, 0);
  assert.is((await hdfs(shim, ['put', '-', '/l/small'], { input: 'small file\n' })).code, 0);
});

test.after(async () => {
  await vol?.unmount();
  await cluster?.stop();
});

test('a block size under 1 MiB is refused at create, over WebHDFS and RPC, with HDFS\'s IOException', async () => {
  const message = 'Specified block size is less than configured minimum value (dfs.namenode.fs-limits.min-block-size): 1 < 1048576';
  const ex = await webError(web('/l/tiny', 'CREATE', { blocksize: '1' }), 'PUT', 403);
  assert.equal(ex, { ...ex, javaClassName: IO, message });
  const e = await rpcError('root', (c) => c.call('create', {
    src: '/l/tiny', masked: { perm: 0o644 }, clientName: 'x', createFlag: 1, createParent: false, replication: 2, blockSize: 1n,
  }));
  assert.equal([e.className, e.message], [IO, `${IO}: ${message}`]);
  assert.not.ok(await vol.exists('/l/tiny'));
});

test('a file whose recorded block size is 1 byte answers getBlockLocations quickly, with at most 10,000 blocks', async () => {
  await vol.writeFile('/l/legacy', Buffer.alloc(2 * MiB, 7));
  await vol.setxattr('/l/legacy', BLOCK_SIZE_XATTR, '1');
  const before = rssMiB();
  const t0 = Date.now();
  const r = await rpc('root', (c) => c.call('getBlockLocations', { src: '/l/legacy', offset: 0n, length: BigInt(2 * MiB) }));
  assert.is(r.locations!.blocks.length, 10_000);
  assert.ok(Date.now() - t0 < 10_000, `took ${Date.now() - t0} ms`);
  assert.ok(rssMiB() - before < 200, `RSS grew ${Math.round(rssMiB() - before)} MiB`);
});

test('a 256-byte name is PathComponentTooLongException on WebHDFS and RPC, and no text names the brick', async () => {
  const name = 'n'.repeat(256);
  for (const [op, method] of [['MKDIRS', 'PUT'], ['CREATE', 'PUT']] as const) {
    const ex = await webError(web(`/l/${name}`, op), method, 403);
    assert.is(ex.javaClassName, 'org.apache.hadoop.hdfs.protocol.FSLimitException$PathComponentTooLongException', op);
    assert.is(ex.message, `The maximum path component name limit of ${name} in directory /l is exceeded: limit=255 length=256`);
  }
  const missing = await webError(web(`/l/${name}`, 'GETFILESTATUS'), 'GET', 404);
  assert.is(missing.javaClassName, 'java.io.FileNotFoundException');
  const e = await rpcError('root', (c) => c.call('mkdirs', { src: `/l/${name}`, masked: { perm: 0o755 }, createParent: true }));
  assert.is(e.className, 'org.apache.hadoop.hdfs.protocol.FSLimitException$PathComponentTooLongException');
  const cli = await hdfs(shim, ['mkdir', `/l/${name}`]);
  errorTexts.push(cli.err);
  assert.is(cli.code, 1);
});

test('a 2,000-level mkdirs is refused before any work (HDFS\'s path depth limit)', async () => {
  const path = '/deep2k' + '/d'.repeat(1999);
  const e = await rpcError('root', (c) => c.call('mkdirs', { src: path, masked: { perm: 0o755 }, createParent: true }));
  assert.equal([e.className, e.message], [IO, `${IO}: mkdirs: Pathname too long.  Limit 8000 characters, 1000 levels.`]);
  const ex = await webError(web(path, 'MKDIRS'), 'PUT', 403);
  assert.is(ex.message, 'mkdirs: Pathname too long.  Limit 8000 characters, 1000 levels.');
  assert.is(brickDepth('deep2k'), 0, 'nothing was created');
});

test('a 1,000-level mkdirs whose client walks away stops creating directories on the server', async () => {
  const c = await NamenodeClient.open(cluster.hdfs!.namenode, 'root');
  c.send('mkdirs', { src: '/deep1k' + '/d'.repeat(999), masked: { perm: 0o755 }, createParent: true });
  await waitFor('the server to be creating levels', async () => brickDepth('deep1k') >= 10, 60_000);
  c.close();
  // Watch the tree over a few seconds: it stops growing soon after the disconnect and stays put.
  let last = brickDepth('deep1k');
  let still = 0;
  await waitFor('the tree to stop growing', async () => {
    const now = brickDepth('deep1k');
    still = now === last ? still + 1 : 0;
    last = now;
    return still >= 8;
  }, 30_000);
  assert.ok(last < 1000, `stopped at ${last} levels`);
  await servesEverything('the abandoned mkdirs');
});

/** Bytes of a frame header promising 64 MiB, for each protocol, before any handshake. */
function hugeFrames(): Array<[string, string, Buffer]> {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(64 * MiB, 0);
  return [
    ['namenode', cluster.hdfs!.namenode, Buffer.concat([HRPC_PREAMBLE, len])],
    ['datanode', cluster.hdfs!.datanode, Buffer.concat([Buffer.from([0x00, 0x1c, 0x50]), encodeVarint(64 * MiB)])],
    ['webhdfs', cluster.hdfs!.webhdfs, Buffer.from('GET /webhdfs/v1/?op=GETFILESTATUS HTTP/1.1\r\nHost: x\r\nX-Fill: ')],
    ['datanode http', cluster.hdfs!.datanodeHttp, Buffer.from('PUT /webhdfs/v1/x?op=CREATE HTTP/1.1\r\nHost: x\r\nX-Fill: ')],
  ];
}

test('64 MiB frames before any handshake close their connections without buffering them', async () => {
  const before = rssMiB();
  const fill = Buffer.alloc(MiB, 0x61);
  await Promise.all(hugeFrames().flatMap(([what, endpoint, head]) => Array.from({ length: 10 }, async () => {
    const s = await open(endpoint);
    s.on('error', () => {});
    const closed = new Promise<void>((r) => s.once('close', () => r()));
    s.write(head);
    // Keep sending the promised bytes until the server hangs up (it must, long before 64 MiB).
    for (let sent = 0; sent < 64 && !s.destroyed; sent++) {
      if (!s.write(fill)) await Promise.race([new Promise((r) => s.once('drain', r)), closed]);
    }
    await closed;
    assert.ok(true, what);
  })));
  assert.ok(rssMiB() - before < 150, `RSS grew ${Math.round(rssMiB() - before)} MiB`);
  await servesEverything('64 MiB frames');
});

test('500 silent connections to each port leave every server serving, with bounded memory', async () => {
  const before = rssMiB();
  const endpoints = [cluster.hdfs!.namenode, cluster.hdfs!.datanode, cluster.hdfs!.webhdfs, cluster.hdfs!.datanodeHttp];
  const flood: Socket[] = [];
  const per: Record<string, number> = {};
  for (const endpoint of endpoints) {
    for (let i = 0; i < 500; i++) {
      const s = await open(endpoint);
      s.on('error', () => {});
      // Read, so the server closing this socket is seen.
      s.resume();
      s.once('close', () => { per[endpoint] = (per[endpoint] ?? 0) + 1; });
      // Half say nothing; half start a handshake and stall.
      if (i % 2) s.write(endpoint === cluster.hdfs!.namenode ? HRPC_PREAMBLE.subarray(0, 4) : Buffer.from([0x00]));
      flood.push(s);
    }
  }
  try {
    await servesEverything('500 silent connections per port');
    // Each port keeps at most its per-address cap (namenode 128, datanode 256, HTTP 128): the rest were closed.
    const caps: Record<string, number> = { [endpoints[0]!]: 128, [endpoints[1]!]: 256, [endpoints[2]!]: 128, [endpoints[3]!]: 128 };
    await waitFor('the oldest silent connections to make room', async () => endpoints.every((e) => (per[e] ?? 0) >= 500 - caps[e]!))
      .catch((e: Error) => { throw new Error(`${e.message}: closed per port ${JSON.stringify(per)}`); });
    assert.ok(rssMiB() - before < 150, `RSS grew ${Math.round(rssMiB() - before)} MiB`);
  } finally {
    for (const s of flood) s.destroy();
  }
});

test('user names the registry would refuse are refused, and it gains no entry for them', async () => {
  const e = await rpcError('evil\nroot', (c) => c.call('mkdirs', { src: '/open/evil', masked: { perm: 0o755 }, createParent: false }));
  assert.is(e.className, 'org.apache.hadoop.HadoopIllegalArgumentException');
  assert.match(e.message, /is not a valid user name/);
  const ex = await webError(web('/open/evil', 'MKDIRS', {}, 'evil\nroot'), 'PUT', 400);
  assert.match(ex.message, /does not belong to the domain/);
  assert.not.ok(await vol.exists('/open/evil'));
  const names = await vol.readdir('/.reserved/hcfs/users').catch(() => [] as string[]);
  assert.not.ok(names.some((n) => /[\n\r\t]/.test(n)), names.join(','));
});

test('no error text any client got names the cluster\'s directories or a GFID', () => {
  assert.ok(errorTexts.length >= 10, `${errorTexts.length} texts collected`);
  for (const t of errorTexts) {
    assert.not.ok(t.includes(cluster.home), `a host path leaked: ${t}`);
    assert.not.match(t, GFID, `a GFID leaked: ${t}`);
  }
});

test.run();
