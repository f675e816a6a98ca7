import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { startCluster, type WebHdfsCluster } from './cluster.js';
import { call, remote, url, viaRedirect } from './http-client.js';

const t = suite<{ c: WebHdfsCluster }>('webhdfs namenode ops over HTTP');
let c: WebHdfsCluster;

t.before(async () => {
  c = await startCluster();
  const mk = await call('PUT', url(c.nn, '/user/alice', 'MKDIRS', { 'user.name': 'hdfs' }));
  assert.equal(mk.json, { boolean: true });
  assert.is((await call('PUT', url(c.nn, '/user/alice', 'SETOWNER', { 'user.name': 'hdfs', owner: 'alice', group: 'staff' }))).status, 200);
});
t.after(async () => c.close());

const U = { 'user.name': 'alice' };

async function putFile(path: string, data: string, params: Record<string, string | number> = {}) {
  const { answer } = await viaRedirect('PUT', url(c.nn, path, 'CREATE', { ...U, ...params }), Buffer.from(data));
  assert.is(answer.status, 201, answer.bytes.toString());
}

t('GETHOMEDIRECTORY names /user/<name>; without user.name the default user is used', async () => {
  assert.equal((await call('GET', url(c.nn, '/', 'GETHOMEDIRECTORY', U))).json, { Path: '/user/alice' });
  assert.equal((await call('GET', url(c.nn, '/', 'GETHOMEDIRECTORY', { 'user.name': 'bob' }))).json, { Path: '/user/bob' });
  assert.equal((await call('GET', url(c.nn, '/', 'GETHOMEDIRECTORY'))).json, { Path: '/user/alice' });
});

t('MKDIRS and GETFILESTATUS show the directory with Hadoop\'s fields', async () => {
  const mk = await call('PUT', url(c.nn, '/user/alice/d1/d2', 'MKDIRS', { ...U, permission: '750' }));
  assert.equal(mk.json, { boolean: true });
  const st = (await call('GET', url(c.nn, '/user/alice/d1/d2', 'GETFILESTATUS', U))).json.FileStatus;
  assert.is(st.type, 'DIRECTORY');
  assert.is(st.permission, '750');
  assert.is(st.owner, 'alice');
  assert.is(st.pathSuffix, '');
  assert.is(st.length, 0);
  for (const k of ['accessTime', 'blockSize', 'childrenNum', 'fileId', 'group', 'modificationTime', 'replication']) assert.ok(k in st, k);
});

t('a missing path is 404 with a FileNotFoundException body', async () => {
  const a = await call('GET', url(c.nn, '/user/alice/nope', 'GETFILESTATUS', U));
  assert.equal(remote(a, 404), {
    exception: 'FileNotFoundException', javaClassName: 'java.io.FileNotFoundException', message: 'File does not exist: /user/alice/nope',
  });
  assert.is(remote(await call('GET', url(c.nn, '/user/alice/nope', 'LISTSTATUS', U)), 404).exception, 'FileNotFoundException');
});

t('an unknown op, or an op under the wrong method, is 400', async () => {
  assert.is(remote(await call('GET', url(c.nn, '/', 'FROBNICATE', U)), 400).message.includes('op'), true);
  assert.is((await call('PUT', url(c.nn, '/', 'GETFILESTATUS', U))).status, 400);
  assert.is((await call('GET', url(c.nn, '/', 'MKDIRS', U))).status, 400);
  assert.is((await call('GET', `${c.nn}/webhdfs/v1/?user.name=alice`)).status, 400);
  assert.is((await call('GET', `${c.nn}/elsewhere`)).status, 404);
  assert.is((await call('GET', url(c.nn, '/', 'GETFILESTATUS', { permission: 'x', offset: 'nan' }))).status, 200);
  assert.is((await call('PUT', url(c.nn, '/user/alice/x', 'MKDIRS', { ...U, permission: '999' }))).status, 400);
});

t('a second user is refused with 403 AccessControlException', async () => {
  await call('PUT', url(c.nn, '/user/alice/private', 'MKDIRS', { ...U, permission: '700' }));
  await putFile('/user/alice/private/f', 'secret');
  const a = await call('GET', url(c.nn, '/user/alice/private/f', 'GETFILESTATUS', { 'user.name': 'bob' }));
  const e = remote(a, 403);
  assert.is(e.exception, 'AccessControlException');
  assert.is(e.javaClassName, 'org.apache.hadoop.security.AccessControlException');
  assert.ok(e.message.includes('user=bob'), e.message);
  assert.is(remote(await call('PUT', url(c.nn, '/user/alice/bobdir', 'MKDIRS', { 'user.name': 'bob' })), 403).exception, 'AccessControlException');
  assert.is(remote(await call('GET', url(c.nn, '/user/alice/private/f', 'OPEN', { 'user.name': 'bob' })), 403).exception, 'AccessControlException');
});

t('LISTSTATUS lists every entry; LISTSTATUS_BATCH pages 2,500 entries with startAfter', async () => {
  const dir = '/user/alice/many';
  await c.volume.mkdir(dir, { recursive: true });
  const names = Array.from({ length: 2500 }, (_, i) => `e${String(i).padStart(5, '0')}`);
  for (let i = 0; i < names.length; i += 250) await Promise.all(names.slice(i, i + 250).map((n) => c.volume.mkdir(`${dir}/${n}`)));
  const all = (await call('GET', url(c.nn, dir, 'LISTSTATUS', U))).json.FileStatuses.FileStatus;
  assert.equal(all.map((s: { pathSuffix: string }) => s.pathSuffix), names);
  const seen: string[] = [];
  const remainders: number[] = [];
  let after: string | undefined;
  for (;;) {
    const params: Record<string, string> = after === undefined ? { ...U } : { ...U, startAfter: after };
    const page = (await call('GET', url(c.nn, dir, 'LISTSTATUS_BATCH', params))).json.DirectoryListing;
    const entries = page.partialListing.FileStatuses.FileStatus as { pathSuffix: string; type: string }[];
    seen.push(...entries.map((e) => e.pathSuffix));
    remainders.push(page.remainingEntries);
    if (page.remainingEntries === 0) break;
    after = entries.at(-1)!.pathSuffix;
  }
  assert.equal(seen, names);
  assert.equal(remainders, [1500, 500, 0]);
});

t('LISTSTATUS of a file lists the file itself', async () => {
  await putFile('/user/alice/single', 'x');
  const list = (await call('GET', url(c.nn, '/user/alice/single', 'LISTSTATUS', U))).json.FileStatuses.FileStatus;
  assert.is(list.length, 1);
  assert.is(list[0].type, 'FILE');
  assert.is(list[0].length, 1);
});

t('GETCONTENTSUMMARY of a file counts its bytes', async () => {
  // A directory's summary runs du on the bricks, which a volfile-only in-memory mount lacks.
  await putFile('/user/alice/cs', 'hello world');
  const cs = (await call('GET', url(c.nn, '/user/alice/cs', 'GETCONTENTSUMMARY', U))).json.ContentSummary;
  assert.equal(cs, { directoryCount: 0, fileCount: 1, length: 11, quota: -1, spaceConsumed: 11, spaceQuota: -1, typeQuota: {} });
});

t('SETPERMISSION, SETOWNER and SETTIMES change what GETFILESTATUS shows', async () => {
  const p = '/user/alice/attrs';
  await putFile(p, 'abc');
  assert.is((await call('PUT', url(c.nn, p, 'SETPERMISSION', { ...U, permission: '600' }))).status, 200);
  assert.is((await call('PUT', url(c.nn, p, 'SETTIMES', { ...U, modificationtime: 1_600_000_000_000 }))).status, 200);
  let st = (await call('GET', url(c.nn, p, 'GETFILESTATUS', U))).json.FileStatus;
  assert.is(st.permission, '600');
  assert.is(st.modificationTime, 1_600_000_000_000);
  const atime = st.accessTime;
  assert.is((await call('PUT', url(c.nn, p, 'SETTIMES', { ...U, accesstime: 1_500_000_000_000, modificationtime: -1 }))).status, 200);
  st = (await call('GET', url(c.nn, p, 'GETFILESTATUS', U))).json.FileStatus;
  assert.is(st.modificationTime, 1_600_000_000_000);
  assert.is(st.accessTime, 1_500_000_000_000);
  assert.is.not(atime, undefined);
  assert.is((await call('PUT', url(c.nn, p, 'SETOWNER', { 'user.name': 'hdfs', owner: 'bob', group: 'guests' }))).status, 200);
  st = (await call('GET', url(c.nn, p, 'GETFILESTATUS', U))).json.FileStatus;
  assert.is(st.owner, 'bob');
  assert.is(st.group, 'guests');
  assert.is(remote(await call('PUT', url(c.nn, p, 'SETOWNER', U)), 400).message, 'Both owner and group are empty.');
  assert.is(remote(await call('PUT', url(c.nn, p, 'SETOWNER', { ...U, owner: 'alice' })), 403).exception, 'AccessControlException');
});

t('xattrs: SETXATTR with encoded values and flags, GETXATTRS per encoding, LISTXATTRS, REMOVEXATTR', async () => {
  const p = '/user/alice/xa';
  await putFile(p, '');
  const set = (name: string, value: string, flag: string) => call('PUT', url(c.nn, p, 'SETXATTR', { ...U, 'xattr.name': name, 'xattr.value': value, flag }));
  assert.is((await set('user.hex', '0x0102ff', 'CREATE')).status, 200);
  assert.is((await set('user.txt', '"hi there"', 'CREATE')).status, 200);
  assert.is((await set('user.b64', '0sAAE=', 'CREATE')).status, 200);
  assert.is(remote(await set('user.hex', '0x00', 'CREATE'), 403).exception, 'IOException');
  assert.is((await set('user.hex', '0x0a0b', 'REPLACE')).status, 200);
  assert.is((await set('user.new', '0x00', 'REPLACE')).status >= 400, true);
  const get = async (encoding: string, ...names: string[]) => {
    const q = new URLSearchParams({ op: 'GETXATTRS', 'user.name': 'alice', encoding });
    for (const n of names) q.append('xattr.name', n);
    return call('GET', `${c.nn}/webhdfs/v1${p}?${q.toString()}`);
  };
  assert.equal((await get('HEX', 'user.hex')).json, { XAttrs: [{ name: 'user.hex', value: '0x0a0b' }] });
  assert.equal((await get('TEXT', 'user.txt')).json, { XAttrs: [{ name: 'user.txt', value: '"hi there"' }] });
  assert.equal((await get('BASE64', 'user.b64', 'user.txt')).json.XAttrs, [
    { name: 'user.b64', value: '0sAAE=' }, { name: 'user.txt', value: '0saGkgdGhlcmU=' },
  ]);
  const everything = (await get('hex')).json.XAttrs.map((x: { name: string }) => x.name).sort();
  assert.equal(everything, ['user.b64', 'user.hex', 'user.txt']);
  const names = (await call('GET', url(c.nn, p, 'LISTXATTRS', U))).json.XAttrNames;
  assert.type(names, 'string');
  assert.equal(JSON.parse(names).sort(), ['user.b64', 'user.hex', 'user.txt']);
  assert.is((await call('PUT', url(c.nn, p, 'REMOVEXATTR', { ...U, 'xattr.name': 'user.txt' }))).status, 200);
  assert.equal(JSON.parse((await call('GET', url(c.nn, p, 'LISTXATTRS', U))).json.XAttrNames).sort(), ['user.b64', 'user.hex']);
  assert.ok((await get('hex', 'user.txt')).status >= 400);
  assert.is(remote(await set('bogus.x', '1', 'CREATE'), 400).javaClassName.endsWith('IllegalArgumentException'), true);
});

t('RENAME follows FileSystem.rename: true when moved, false when it cannot; renameoptions uses rename2', async () => {
  await putFile('/user/alice/r1', 'r');
  assert.equal((await call('PUT', url(c.nn, '/user/alice/r1', 'RENAME', { ...U, destination: '/user/alice/r2' }))).json, { boolean: true });
  assert.is((await call('GET', url(c.nn, '/user/alice/r2', 'GETFILESTATUS', U))).status, 200);
  assert.equal((await call('PUT', url(c.nn, '/user/alice/r1', 'RENAME', { ...U, destination: '/user/alice/r3' }))).json, { boolean: false });
  await call('PUT', url(c.nn, '/user/alice/rdir', 'MKDIRS', U));
  assert.equal((await call('PUT', url(c.nn, '/user/alice/r2', 'RENAME', { ...U, destination: '/user/alice/rdir' }))).json, { boolean: true });
  assert.is((await call('GET', url(c.nn, '/user/alice/rdir/r2', 'GETFILESTATUS', U))).status, 200);
  await putFile('/user/alice/r4', 'r4');
  const clash = await call('PUT', url(c.nn, '/user/alice/r4', 'RENAME', { ...U, destination: '/user/alice/rdir/r2', renameoptions: 'NONE' }));
  assert.is(remote(clash, 403).exception, 'FileAlreadyExistsException');
  assert.is((await call('PUT', url(c.nn, '/user/alice/r4', 'RENAME', { ...U, destination: '/user/alice/rdir/r2', renameoptions: 'OVERWRITE' }))).status, 200);
  assert.is((await call('PUT', url(c.nn, '/user/alice/r4', 'RENAME', U))).status, 400);
});

t('DELETE: false when missing, PathIsNotEmptyDirectoryException without recursive, true with it', async () => {
  await call('PUT', url(c.nn, '/user/alice/del/sub', 'MKDIRS', U));
  assert.equal((await call('DELETE', url(c.nn, '/user/alice/del-missing', 'DELETE', U))).json, { boolean: false });
  assert.is(remote(await call('DELETE', url(c.nn, '/user/alice/del', 'DELETE', U)), 403).exception, 'PathIsNotEmptyDirectoryException');
  assert.equal((await call('DELETE', url(c.nn, '/user/alice/del', 'DELETE', { ...U, recursive: true }))).json, { boolean: true });
  assert.is((await call('GET', url(c.nn, '/user/alice/del', 'GETFILESTATUS', U))).status, 404);
});

t('GETFILEBLOCKLOCATIONS and GET_BLOCK_LOCATIONS describe the blocks of a multi-block file', async () => {
  const p = '/user/alice/blocks';
  await putFile(p, 'z'.repeat(2500), { blocksize: 1024 });
  const bl = (await call('GET', url(c.nn, p, 'GETFILEBLOCKLOCATIONS', U))).json.BlockLocations.BlockLocation;
  assert.equal(bl.map((b: { offset: number; length: number }) => [b.offset, b.length]), [[0, 1024], [1024, 1024], [2048, 452]]);
  assert.equal(bl[0].names, ['127.0.0.1:9866']);
  const part = (await call('GET', url(c.nn, p, 'GETFILEBLOCKLOCATIONS', { ...U, offset: 1500, length: 10 }))).json.BlockLocations.BlockLocation;
  assert.equal(part.map((b: { offset: number }) => b.offset), [1024]);
  const lb = (await call('GET', url(c.nn, p, 'GET_BLOCK_LOCATIONS', U))).json.LocatedBlocks;
  assert.is(lb.fileLength, 2500);
  assert.is(lb.isUnderConstruction, false);
  assert.is(lb.locatedBlocks.length, 3);
  assert.is(lb.lastLocatedBlock.startOffset, 2048);
  assert.is(lb.locatedBlocks[1].block.numBytes, 1024);
  assert.is(lb.locatedBlocks[1].locations[0].infoPort, Number(new URL(c.dn).port));
});

t('GETSERVERDEFAULTS and GETTRASHROOT answer', async () => {
  const d = (await call('GET', url(c.nn, '/', 'GETSERVERDEFAULTS', U))).json.FsServerDefaults;
  assert.is(d.bytesPerChecksum, 512);
  assert.equal((await call('GET', url(c.nn, '/', 'GETTRASHROOT', U))).json, { Path: '/user/alice/.Trash' });
});

t('TRUNCATE cuts a file at once; inside a block the answer is HDFS\'s false (it would recover the block)', async () => {
  const p = '/user/alice/trunc';
  await putFile(p, '0123456789');
  assert.equal((await call('POST', url(c.nn, p, 'TRUNCATE', { ...U, newlength: 10 }))).json, { boolean: true });
  assert.equal((await call('POST', url(c.nn, p, 'TRUNCATE', { ...U, newlength: 4 }))).json, { boolean: false });
  assert.is((await call('GET', url(c.nn, p, 'GETFILESTATUS', U))).json.FileStatus.length, 4);
});

t('user.name must match Hadoop\'s default user pattern: control characters and slashes are 400', async () => {
  for (const bad of ['evil\nname', 'a/b', '-dash', 'x'.repeat(300), 'tab\tname']) {
    const e = remote(await call('GET', url(c.nn, '/', 'GETFILESTATUS', { 'user.name': bad })), 400);
    assert.is(e.javaClassName, 'org.apache.hadoop.HadoopIllegalArgumentException');
  }
  assert.is((await call('GET', url(c.nn, '/', 'GETFILESTATUS', { 'user.name': 'svc_etl.batch-1$' }))).status, 200);
});

t('xattr namespaces over WebHDFS: security.capability and system. refused, the unreadable marker needs no value', async () => {
  await putFile('/user/alice/cap', 'x');
  const cap = remote(await call('PUT', url(c.nn, '/user/alice/cap', 'SETXATTR', { ...U, 'xattr.name': 'security.capability', 'xattr.value': '0x0100000200200000', flag: 'CREATE' })), 403);
  assert.equal([cap.javaClassName, cap.message], ['org.apache.hadoop.security.AccessControlException', 'User doesn\'t have permission for xattr: security.capability']);
  remote(await call('PUT', url(c.nn, '/user/alice/cap', 'SETXATTR', { 'user.name': 'hdfs', 'xattr.name': 'system.x', 'xattr.value': '1' })), 403);
  const mark = { ...U, 'xattr.name': 'security.hdfs.unreadable.by.superuser', flag: 'CREATE' };
  remote(await call('PUT', url(c.nn, '/user/alice/cap', 'SETXATTR', { ...mark, 'xattr.value': '' })), 403);
  assert.is((await call('PUT', url(c.nn, '/user/alice/cap', 'SETXATTR', mark))).status, 200);
  const open = remote(await call('GET', url(c.nn, '/user/alice/cap', 'OPEN', { 'user.name': 'hdfs' })), 403);
  assert.match(open.message, /superuser is not allowed/);
});

t.run();
