import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { startCluster, type TestCluster } from '../support/cluster.js';
import { expectedHdfsChecksum } from '../support/hdfs-checksum.js';
import { hdfs, startShim, type TestShim } from '../support/hdfs.js';

// Hadoop's WebHDFS REST API driven with plain HTTP against the real shim over a 2 x 2
// distributed-replicated volume: the namenode answers metadata ops and sends data ops on with a
// 307 to the datanode, which the test follows by hand as Hadoop's docs describe.
const test = suite('e2e/webhdfs');
const BLOCK = 256 * 1024;
// The user running the shim is its superuser.
const ADMIN = userInfo().username;
const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

let cluster: TestCluster;
let shim: TestShim;
let local = '';
const big = randomBytes(1.5 * 1024 * 1024);

interface Answer { status: number; location: string | null; text: string; bytes: Buffer; json: unknown }

/** The namenode URL of `op` on `path`; `params` are added as given. */
function nn(path: string, op: string, params: Record<string, string> = {}, user = ADMIN): string {
  const q = new URLSearchParams({ op, 'user.name': user, ...params });
  return `http://${shim.webhdfs}/webhdfs/v1${path}?${q}`;
}

async function call(url: string, method = 'GET', body?: Buffer | string): Promise<Answer> {
  const res = await fetch(url, { method, body, redirect: 'manual' });
  const bytes = Buffer.from(await res.arrayBuffer());
  const text = bytes.toString('utf8');
  const json = (res.headers.get('content-type') ?? '').startsWith('application/json') ? JSON.parse(text) as unknown : undefined;
  return { status: res.status, location: res.headers.get('location'), text, bytes, json };
}

/** A namenode request that must answer 307 to the datanode HTTP endpoint; returns the Location. */
async function redirected(url: string, method: string): Promise<string> {
  const r = await call(url, method);
  assert.is(r.status, 307, `${method} ${url}: ${r.text}`);
  assert.ok(r.location, 'a 307 carries a Location');
  assert.is(new URL(r.location).host, shim.datanodeHttp, 'the redirect targets the datanode HTTP endpoint');
  return r.location;
}

/** Both steps of a data op: the namenode's 307, then `method` with `body` to the Location. */
async function twoStep(url: string, method: string, body?: Buffer): Promise<Answer> {
  return call(await redirected(url, method), method, body);
}

function okJson(r: Answer, what: string): Record<string, any> {
  assert.is(r.status, 200, `${what}: ${r.status} ${r.text}`);
  return r.json as Record<string, any>;
}

async function status(path: string, user = ADMIN): Promise<Record<string, any>> {
  return okJson(await call(nn(path, 'GETFILESTATUS', {}, user)), `GETFILESTATUS ${path}`).FileStatus as Record<string, any>;
}

function remoteException(r: Answer, httpStatus: number, javaClassName: string): string {
  assert.is(r.status, httpStatus, r.text);
  const ex = (r.json as { RemoteException: Record<string, string> }).RemoteException;
  assert.equal(Object.keys(ex).sort(), ['exception', 'javaClassName', 'message']);
  assert.is(ex.javaClassName, javaClassName);
  assert.is(ex.exception, javaClassName.slice(javaClassName.lastIndexOf('.') + 1));
  assert.type(ex.message, 'string');
  return ex.message!;
}

test.before(async () => {
  cluster = await startCluster({ bricks: 4, replica: 2 });
  shim = await startShim(cluster, { blockSize: '256k' });
  local = mkdtempSync(join(tmpdir(), 'gts-webhdfs-'));
});

test.after(async () => {
  await shim?.stop();
  await cluster?.stop();
  rmSync(local, { recursive: true, force: true });
});

test('CREATE in two steps stores a 1.5 MiB body that OPEN returns byte for byte', async () => {
  const loc = await redirected(nn('/w/big.bin', 'CREATE'), 'PUT');
  const url = new URL(loc);
  assert.is(url.pathname, '/webhdfs/v1/w/big.bin');
  assert.is(url.searchParams.get('op'), 'CREATE');
  assert.is(url.searchParams.get('user.name'), ADMIN);
  assert.is(url.searchParams.get('namenoderpcaddress'), shim.namenode);
  const put = await call(loc, 'PUT', big);
  assert.is(put.status, 201, put.text);
  assert.is(put.location, `hdfs://${shim.namenode}/w/big.bin`);

  const open = await twoStep(nn('/w/big.bin', 'OPEN'), 'GET');
  assert.is(open.status, 200);
  assert.is(open.bytes.length, big.length);
  assert.is(sha(open.bytes), sha(big));
});

test('OPEN with offset and length reads ranges across block boundaries', async () => {
  const ranges: Array<[number, number | undefined]> = [[BLOCK - 100, 200], [3 * BLOCK + 7, 2 * BLOCK + 1], [0, 1], [big.length - 10, undefined], [big.length, 5]];
  for (const [offset, length] of ranges) {
    const params: Record<string, string> = { offset: String(offset) };
    if (length !== undefined) params.length = String(length);
    const r = await twoStep(nn('/w/big.bin', 'OPEN', params), 'GET');
    assert.is(r.status, 200, `offset ${offset}: ${r.text}`);
    const want = big.subarray(offset, length === undefined ? undefined : offset + length);
    assert.is(r.bytes.length, want.length, `offset ${offset} length ${length}`);
    assert.is(sha(r.bytes), sha(want), `offset ${offset} length ${length}`);
  }
  const past = await twoStep(nn('/w/big.bin', 'OPEN', { offset: String(big.length + 1) }), 'GET');
  remoteException(past, 400, 'org.apache.hadoop.HadoopIllegalArgumentException');
});

test('noredirect=true answers 200 with the datanode Location in JSON instead of a 307', async () => {
  for (const [op, method] of [['OPEN', 'GET'], ['CREATE', 'PUT'], ['GETFILECHECKSUM', 'GET'], ['APPEND', 'POST']] as const) {
    const r = await call(nn('/w/big.bin', op, { noredirect: 'true' }), method);
    const body = okJson(r, `${op} noredirect`);
    assert.equal(Object.keys(body), ['Location']);
    const url = new URL(body.Location as string);
    assert.is(url.host, shim.datanodeHttp, op);
    assert.is(url.searchParams.get('op'), op);
    assert.is(url.searchParams.get('noredirect'), null, 'noredirect is not passed on');
  }
  const loc = (okJson(await call(nn('/w/big.bin', 'OPEN', { noredirect: 'true', offset: '5', length: '3' })), 'OPEN') as { Location: string }).Location;
  const r = await call(loc);
  assert.is(r.status, 200);
  assert.equal([...r.bytes], [...big.subarray(5, 8)]);
});

test('APPEND adds to the end of a file; GETFILESTATUS shows the new length', async () => {
  const first = Buffer.from('first part\n');
  const more = randomBytes(BLOCK + 1000);
  assert.is((await twoStep(nn('/w/log.txt', 'CREATE'), 'PUT', first)).status, 201);
  const app = await twoStep(nn('/w/log.txt', 'APPEND'), 'POST', more);
  assert.is(app.status, 200, app.text);
  assert.is(app.text, '');
  const all = Buffer.concat([first, more]);
  const open = await twoStep(nn('/w/log.txt', 'OPEN'), 'GET');
  assert.is(sha(open.bytes), sha(all));
  assert.is((await status('/w/log.txt')).length, all.length);
  remoteException(await call(nn('/w/nothere', 'APPEND'), 'POST'), 404, 'java.io.FileNotFoundException');
});

test('GETFILESTATUS describes a file with Hadoop\'s JSON fields', async () => {
  const st = await status('/w/big.bin');
  assert.is(st.type, 'FILE');
  assert.is(st.length, big.length);
  assert.is(st.permission, '644');
  assert.is(st.owner, ADMIN);
  assert.type(st.group, 'string');
  assert.is(st.blockSize, BLOCK);
  assert.is(st.replication, 2);
  assert.is(st.pathSuffix, '');
  assert.type(st.fileId, 'number');
  assert.ok(Math.abs(st.modificationTime - Date.now()) < 120_000, `mtime ${st.modificationTime} is recent`);
  const dir = await status('/w');
  assert.is(dir.type, 'DIRECTORY');
  assert.is(dir.permission, '755');
  assert.is(dir.length, 0);
});

test('MKDIRS, LISTSTATUS and LISTSTATUS_BATCH list children sorted by name', async () => {
  assert.equal(okJson(await call(nn('/l/sub', 'MKDIRS', { permission: '750' }), 'PUT'), 'MKDIRS'), { boolean: true });
  assert.equal(okJson(await call(nn('/l/sub', 'MKDIRS'), 'PUT'), 'MKDIRS again'), { boolean: true });
  for (const name of ['b.txt', 'a.txt', 'c.txt']) assert.is((await twoStep(nn(`/l/${name}`, 'CREATE'), 'PUT', Buffer.from(name))).status, 201);
  const list = okJson(await call(nn('/l', 'LISTSTATUS')), 'LISTSTATUS');
  const entries = list.FileStatuses.FileStatus as Array<Record<string, any>>;
  assert.equal(entries.map((e) => [e.pathSuffix, e.type, e.length, e.permission]), [
    ['a.txt', 'FILE', 5, '644'], ['b.txt', 'FILE', 5, '644'], ['c.txt', 'FILE', 5, '644'], ['sub', 'DIRECTORY', 0, '750'],
  ]);
  const batch = okJson(await call(nn('/l', 'LISTSTATUS_BATCH')), 'LISTSTATUS_BATCH');
  assert.is(batch.DirectoryListing.remainingEntries, 0);
  assert.equal((batch.DirectoryListing.partialListing.FileStatuses.FileStatus as Array<{ pathSuffix: string }>).map((e) => e.pathSuffix),
    ['a.txt', 'b.txt', 'c.txt', 'sub']);
  const after = okJson(await call(nn('/l', 'LISTSTATUS_BATCH', { startAfter: 'b.txt' })), 'LISTSTATUS_BATCH startAfter');
  assert.equal((after.DirectoryListing.partialListing.FileStatuses.FileStatus as Array<{ pathSuffix: string }>).map((e) => e.pathSuffix),
    ['c.txt', 'sub']);
  const ofFile = okJson(await call(nn('/l/a.txt', 'LISTSTATUS')), 'LISTSTATUS of a file');
  assert.equal((ofFile.FileStatuses.FileStatus as Array<{ pathSuffix: string }>).map((e) => e.pathSuffix), ['']);
  remoteException(await call(nn('/l/none', 'LISTSTATUS')), 404, 'java.io.FileNotFoundException');
});

test('RENAME moves a file; DELETE refuses a non-empty directory unless recursive', async () => {
  assert.equal(okJson(await call(nn('/l/a.txt', 'RENAME', { destination: '/l/sub/a2.txt' }), 'PUT'), 'RENAME'), { boolean: true });
  remoteException(await call(nn('/l/a.txt', 'GETFILESTATUS')), 404, 'java.io.FileNotFoundException');
  assert.is((await status('/l/sub/a2.txt')).length, 5);
  assert.is((await twoStep(nn('/l/sub/a2.txt', 'OPEN'), 'GET')).text, 'a.txt');
  remoteException(await call(nn('/l', 'DELETE'), 'DELETE'), 403, 'org.apache.hadoop.fs.PathIsNotEmptyDirectoryException');
  assert.equal(okJson(await call(nn('/l', 'DELETE', { recursive: 'true' }), 'DELETE'), 'DELETE -r'), { boolean: true });
  remoteException(await call(nn('/l/sub/a2.txt', 'GETFILESTATUS')), 404, 'java.io.FileNotFoundException');
  assert.equal(okJson(await call(nn('/l', 'DELETE', { recursive: 'true' }), 'DELETE'), 'DELETE missing'), { boolean: false });
});

test('SETPERMISSION, SETOWNER and SETTIMES show in GETFILESTATUS', async () => {
  assert.is((await twoStep(nn('/attrs/f', 'CREATE'), 'PUT', Buffer.from('x'))).status, 201);
  const set = async (op: string, params: Record<string, string>) => {
    const r = await call(nn('/attrs/f', op, params), 'PUT');
    assert.is(r.status, 200, `${op}: ${r.text}`);
    assert.is(r.text, '');
  };
  await set('SETPERMISSION', { permission: '600' });
  await set('SETOWNER', { owner: 'bob', group: 'staff' });
  await set('SETTIMES', { modificationtime: '1577934245000', accesstime: '1577934246000' });
  const st = await status('/attrs/f');
  assert.equal([st.permission, st.owner, st.group, st.modificationTime, st.accessTime], ['600', 'bob', 'staff', 1577934245000, 1577934246000]);
  await set('SETTIMES', { modificationtime: '1600000000000' });
  const again = await status('/attrs/f');
  assert.equal([again.modificationTime, again.accessTime], [1600000000000, 1577934246000], 'an absent time is left alone');
  await set('SETPERMISSION', { permission: '1777' });
  assert.is((await status('/attrs/f')).permission, '1777');
  remoteException(await call(nn('/attrs/none', 'SETPERMISSION', { permission: '600' }), 'PUT'), 404, 'java.io.FileNotFoundException');
});

test('GETCONTENTSUMMARY counts a directory tree on the bricks', async () => {
  for (const [p, n] of [['/cs/a', 1000], ['/cs/d1/b', 200], ['/cs/d1/d2/c', 34]] as const) {
    assert.is((await twoStep(nn(p, 'CREATE'), 'PUT', Buffer.alloc(n, 7))).status, 201, p);
  }
  assert.equal(okJson(await call(nn('/cs/d1/empty', 'MKDIRS'), 'PUT'), 'MKDIRS'), { boolean: true });
  const cs = okJson(await call(nn('/cs', 'GETCONTENTSUMMARY')), 'GETCONTENTSUMMARY').ContentSummary as Record<string, unknown>;
  assert.is(cs.directoryCount, 4, 'the directory itself, d1, d2 and empty');
  assert.is(cs.fileCount, 3);
  assert.is(cs.length, 1234);
  assert.is(cs.quota, -1);
  assert.is(cs.spaceQuota, -1);
  assert.type(cs.spaceConsumed, 'number');
  const file = okJson(await call(nn('/cs/a', 'GETCONTENTSUMMARY')), 'GETCONTENTSUMMARY file').ContentSummary as Record<string, unknown>;
  assert.equal([file.directoryCount, file.fileCount, file.length], [0, 1, 1000]);
  remoteException(await call(nn('/cs/none', 'GETCONTENTSUMMARY')), 404, 'java.io.FileNotFoundException');
});

test('GETFILECHECKSUM is Hadoop\'s MD5-of-MD5-of-CRC32C, serialized as bytesPerCRC, crcPerBlock, MD5', async () => {
  const r = await twoStep(nn('/w/big.bin', 'GETFILECHECKSUM'), 'GET');
  const fc = okJson(r, 'GETFILECHECKSUM').FileChecksum as { algorithm: string; bytes: string; length: number };
  assert.is(fc.algorithm, `MD5-of-${BLOCK / 512}MD5-of-512CRC32C`);
  assert.is(fc.length, 28);
  assert.is(fc.bytes.length, 56);
  assert.is(fc.bytes.slice(0, 8), '00000200', 'bytesPerCRC 512');
  assert.is(fc.bytes.slice(8, 24), (BLOCK / 512).toString(16).padStart(16, '0'), 'crcPerBlock');
  assert.is(fc.bytes.slice(24), expectedHdfsChecksum(big, BLOCK));
  const small = await twoStep(nn('/w/bar.txt', 'CREATE'), 'PUT', Buffer.from('bar\n'));
  assert.is(small.status, 201);
  const one = okJson(await twoStep(nn('/w/bar.txt', 'GETFILECHECKSUM'), 'GET'), 'checksum').FileChecksum as { algorithm: string; bytes: string };
  assert.is(one.algorithm, 'MD5-of-0MD5-of-512CRC32C');
  assert.is(one.bytes, '00000200' + '0'.repeat(16) + '27c076e4987344253650d3335a5d08ce');
  remoteException(await call(nn('/w', 'GETFILECHECKSUM')), 404, 'java.io.FileNotFoundException');
});

test('GETFILEBLOCKLOCATIONS lists every 256 KiB block on the shim\'s datanode', async () => {
  const body = okJson(await call(nn('/w/big.bin', 'GETFILEBLOCKLOCATIONS')), 'GETFILEBLOCKLOCATIONS');
  const blocks = body.BlockLocations.BlockLocation as Array<Record<string, any>>;
  assert.equal(blocks.map((b) => [b.offset, b.length]), [0, 1, 2, 3, 4, 5].map((i) => [i * BLOCK, BLOCK]));
  const dnHost = shim.datanode.slice(0, shim.datanode.lastIndexOf(':'));
  for (const b of blocks) {
    assert.ok(b.names.length >= 1, 'at least one location');
    assert.ok(b.names.includes(shim.datanode), `${JSON.stringify(b.names)} include the datanode ${shim.datanode}`);
    assert.is(b.hosts.length, b.names.length);
    for (const h of b.hosts as string[]) assert.ok(h === dnHost || h === 'localhost', `host ${h}`);
    assert.is(b.corrupt, false);
  }
  const part = okJson(await call(nn('/w/big.bin', 'GETFILEBLOCKLOCATIONS', { offset: String(BLOCK + 5), length: String(BLOCK) })), 'ranged');
  assert.equal((part.BlockLocations.BlockLocation as Array<{ offset: number }>).map((b) => b.offset), [BLOCK, 2 * BLOCK]);
});

test('GETHOMEDIRECTORY is /user/<user.name>', async () => {
  assert.equal(okJson(await call(nn('/', 'GETHOMEDIRECTORY', {}, 'alice')), 'home'), { Path: '/user/alice' });
  assert.equal(okJson(await call(nn('/anything', 'GETHOMEDIRECTORY', {}, 'bob')), 'home'), { Path: '/user/bob' });
});

test('SETXATTR, GETXATTRS, LISTXATTRS and REMOVEXATTR round-trip user xattrs', async () => {
  const put = async (op: string, params: Record<string, string>) => {
    const r = await call(nn('/w/log.txt', op, params), 'PUT');
    assert.is(r.status, 200, `${op}: ${r.text}`);
  };
  await put('SETXATTR', { 'xattr.name': 'user.color', 'xattr.value': '"blue"', flag: 'CREATE' });
  await put('SETXATTR', { 'xattr.name': 'user.bin', 'xattr.value': '0x00ff10', flag: 'CREATE' });
  // Hadoop answers an IOException here; the shim's EEXIST maps to FileAlreadyExistsException, also a 403.
  const dup = await call(nn('/w/log.txt', 'SETXATTR', { 'xattr.name': 'user.color', 'xattr.value': '"red"', flag: 'CREATE' }), 'PUT');
  assert.is(dup.status, 403, dup.text);
  await put('SETXATTR', { 'xattr.name': 'user.color', 'xattr.value': '"green"', flag: 'REPLACE' });
  const text = okJson(await call(nn('/w/log.txt', 'GETXATTRS', { 'xattr.name': 'user.color', encoding: 'text' })), 'GETXATTRS');
  assert.equal(text, { XAttrs: [{ name: 'user.color', value: '"green"' }] });
  const hex = okJson(await call(nn('/w/log.txt', 'GETXATTRS', { 'xattr.name': 'user.bin', encoding: 'hex' })), 'GETXATTRS hex');
  assert.equal(hex, { XAttrs: [{ name: 'user.bin', value: '0x00ff10' }] });
  const all = okJson(await call(nn('/w/log.txt', 'GETXATTRS', { encoding: 'base64' })), 'GETXATTRS all');
  assert.equal((all.XAttrs as Array<{ name: string; value: string }>).sort((a, b) => a.name.localeCompare(b.name)),
    [{ name: 'user.bin', value: '0sAP8Q' }, { name: 'user.color', value: '0sZ3JlZW4=' }]);
  const names = okJson(await call(nn('/w/log.txt', 'LISTXATTRS')), 'LISTXATTRS');
  assert.equal((JSON.parse(names.XAttrNames as string) as string[]).sort(), ['user.bin', 'user.color']);
  await put('REMOVEXATTR', { 'xattr.name': 'user.color' });
  await put('REMOVEXATTR', { 'xattr.name': 'user.bin' });
  assert.equal(okJson(await call(nn('/w/log.txt', 'LISTXATTRS')), 'LISTXATTRS'), { XAttrNames: '[]' });
  remoteException(await call(nn('/w/none', 'LISTXATTRS')), 404, 'java.io.FileNotFoundException');
});

test('errors are RemoteException JSON: 404 for a missing path, 403 for another user\'s 0700 directory', async () => {
  const r = await call(nn('/no/such/file', 'GETFILESTATUS'));
  assert.is(r.status, 404);
  const ex = (r.json as { RemoteException: Record<string, string> }).RemoteException;
  assert.is(ex.exception, 'FileNotFoundException');
  assert.is(ex.javaClassName, 'java.io.FileNotFoundException');
  assert.match(ex.message!, '/no/such/file');
  remoteException(await call(nn('/no/such/file', 'OPEN')), 404, 'java.io.FileNotFoundException');

  assert.equal(okJson(await call(nn('/private', 'MKDIRS', { permission: '700' }), 'PUT'), 'MKDIRS'), { boolean: true });
  assert.is((await call(nn('/private', 'SETOWNER', { owner: 'alice', group: 'alice' }), 'PUT')).status, 200);
  assert.is((await twoStep(nn('/private/mine.txt', 'CREATE', {}, 'alice'), 'PUT', Buffer.from('alice\'s'))).status, 201);
  assert.is((await status('/private/mine.txt', 'alice')).owner, 'alice');

  remoteException(await call(nn('/private/x', 'MKDIRS', {}, 'intruder'), 'PUT'), 403, 'org.apache.hadoop.security.AccessControlException');
  const create = await twoStep(nn('/private/x.txt', 'CREATE', {}, 'intruder'), 'PUT', Buffer.from('nope'));
  remoteException(create, 403, 'org.apache.hadoop.security.AccessControlException');
  remoteException(await call(nn('/private/mine.txt', 'DELETE', {}, 'intruder'), 'DELETE'), 403, 'org.apache.hadoop.security.AccessControlException');
  remoteException(await call(nn('/private/mine.txt', 'GETFILESTATUS', {}, 'intruder')), 403, 'org.apache.hadoop.security.AccessControlException');
  remoteException(await call(nn('/private', 'LISTSTATUS', {}, 'intruder')), 403, 'org.apache.hadoop.security.AccessControlException');
  remoteException(await call(nn('/private', 'SETPERMISSION', { permission: '777' }, 'intruder'), 'PUT'), 403,
    'org.apache.hadoop.security.AccessControlException');
  const list = okJson(await call(nn('/private', 'LISTSTATUS', {}, 'alice')), 'LISTSTATUS as owner');
  assert.equal((list.FileStatuses.FileStatus as Array<{ pathSuffix: string }>).map((e) => e.pathSuffix), ['mine.txt'], 'nothing was created');
});

test('a file written with WebHDFS reads back with hdfs cat, and one put with hdfs reads back with OPEN', async () => {
  const cat = await hdfs(shim, ['cat', '/w/big.bin']);
  assert.is(cat.code, 0, cat.err);
  assert.is(sha(cat.stdout), sha(big));
  const data = randomBytes(2 * BLOCK + 333);
  writeFileSync(join(local, 'from-cli.bin'), data);
  const put = await hdfs(shim, ['put', join(local, 'from-cli.bin'), '/w/from-cli.bin']);
  assert.is(put.code, 0, put.err);
  const open = await twoStep(nn('/w/from-cli.bin', 'OPEN'), 'GET');
  assert.is(sha(open.bytes), sha(readFileSync(join(local, 'from-cli.bin'))));
  const st = await status('/w/from-cli.bin');
  assert.equal([st.length, st.blockSize, st.owner], [data.length, BLOCK, ADMIN]);
  const sum = await hdfs(shim, ['checksum', '/w/from-cli.bin']);
  const fc = okJson(await twoStep(nn('/w/from-cli.bin', 'GETFILECHECKSUM'), 'GET'), 'checksum').FileChecksum as { bytes: string };
  assert.is(sum.out, `${fc.bytes.slice(24)} /w/from-cli.bin\n`, 'the CLI and WebHDFS agree on the checksum');
});

test.run();
