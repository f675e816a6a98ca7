import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { BLOCK_TOKEN_KIND, decodeBlockTokenIdentifier } from '../../src/blocks/index.js';
import { decode, encode, isIpcError, MAX_UINT64, RPC_ERROR_CODE, type IpcError, type MessageInit, type MessageSchema, type MessageValue } from '../../src/ipc/index.js';
import { CLIENT_PROTOCOL, namenodeHandler } from '../../src/namenode/dispatch.js';
import { NamenodePaths } from '../../src/namenode/paths.js';
import { FILE_TYPE } from '../../src/namenode/hdfs-messages.js';
import { METHODS, type MethodName } from '../../src/namenode/protocol-messages.js';
import { LISTING_PAGE } from '../../src/namenode/read-handlers.js';
import { indexOfBlockId } from '../../src/namespace/blocks.js';
import { BLOCK, openFixture, type Fixture } from '../namespace/fixture.js';

type Req<M extends MethodName> = MessageInit<(typeof METHODS)[M]['request']>;
type Res<M extends MethodName> = MessageValue<(typeof METHODS)[M]['response']>;

const t = suite<{ f: Fixture }>('namenode/dispatch over a memory volume');
let f: Fixture;
let handle: ReturnType<typeof namenodeHandler>;
t.before(async () => {
  // Long leases: nothing here waits for one to lapse.
  f = await openFixture({ leases: { softMs: 10_000, hardMs: 20_000 } });
  handle = namenodeHandler(f.ns, new NamenodePaths(() => NamenodePaths.authoritiesOf('NN', 8020)));
});
t.after(async () => f.close());

/**
 * Encodes the request, calls the handler as `user`, and decodes the response with the method's
 * schema (decoding fails when a required field is missing, so every call checks that too).
 */
async function call<M extends MethodName>(method: M, req: Req<M>, user = 'root'): Promise<Res<M>> {
  const spec = METHODS[method];
  const buf = await handle(method, encode(spec.request as MessageSchema, req as never), { user, protocol: CLIENT_PROTOCOL, callId: 1, signal: new AbortController().signal });
  return decode(spec.response as MessageSchema, buf) as Res<M>;
}

/** The IpcError a call fails with. */
async function fails(method: string, request: Buffer, user = 'root'): Promise<IpcError> {
  try {
    await handle(method, request, { user, protocol: CLIENT_PROTOCOL, callId: 1, signal: new AbortController().signal });
  } catch (e) {
    assert.ok(isIpcError(e), String(e));
    return e as IpcError;
  }
  assert.unreachable(`${method} succeeded`);
  throw new Error('unreachable');
}
const failsWith = <M extends MethodName>(method: M, req: Req<M>, user = 'root') =>
  fails(method, encode(METHODS[method].request as MessageSchema, req as never), user);

const FNF = 'java.io.FileNotFoundException';
const IAE = 'org.apache.hadoop.HadoopIllegalArgumentException';

t('getFileInfo of a missing path is SUCCESS without fs; an existing one has its status', async () => {
  assert.equal(await call('getFileInfo', { src: '/nope' }), {});
  const root = await call('getFileInfo', { src: 'hdfs://nn:8020/' });
  assert.is(root.fs!.fileType, FILE_TYPE.IS_DIR);
  assert.is(root.fs!.path.length, 0);
  assert.is(root.fs!.owner, 'root');
});

t('mkdirs keeps the 12 permission bits of a masked perm with Go\'s directory bit 31 set', async () => {
  const r = await call('mkdirs', { src: '/go/dir', masked: { perm: 0x8000_0000 + 0o755 }, createParent: true });
  assert.is(r.result, true);
  const st = (await call('getFileInfo', { src: '/go/dir' })).fs!;
  assert.is(st.permission.perm, 0o755);
  assert.is((await f.vol.stat('/go/dir')).mode & 0o7777, 0o755);
  // Without createParent a missing parent is FileNotFoundException.
  assert.is((await failsWith('mkdirs', { src: '/no/parent', masked: { perm: 0o755 } })).exceptionClassName, FNF);
});

t('create, addBlock, complete: the write sequence a client runs', async () => {
  const c = await call('create', {
    src: '/go/file', masked: { perm: 0x8000_0000 + 0o640 }, clientName: 'DFSClient_1', createFlag: 1, createParent: false,
    replication: 3, blockSize: BigInt(BLOCK),
  });
  assert.is(c.fs!.fileType, FILE_TYPE.IS_FILE);
  assert.is(c.fs!.permission.perm, 0o640);
  assert.is(c.fs!.blocksize, BigInt(BLOCK));
  const b0 = (await call('addBlock', { src: '/go/file', clientName: 'DFSClient_1' })).block;
  assert.is(indexOfBlockId(b0.b.blockId), 0);
  assert.is(b0.offset, 0n);
  assert.is(b0.blockToken.kind, BLOCK_TOKEN_KIND);
  const id = decodeBlockTokenIdentifier(b0.blockToken.identifier);
  assert.equal([id.ref.path, id.userId, id.modes, id.holder], ['/go/file', 'root', ['WRITE'], 'DFSClient_1'], 'a WRITE token for the lease holder');
  assert.is(b0.locs[0].id.xferPort, 9866);
  await f.vol.writeFile('/go/file', Buffer.alloc(BLOCK + 5), { append: true });
  const b1 = (await call('addBlock', {
    src: '/go/file', clientName: 'DFSClient_1', previous: { poolId: b0.b.poolId, blockId: b0.b.blockId, generationStamp: b0.b.generationStamp, numBytes: BigInt(BLOCK) },
  })).block;
  assert.is(indexOfBlockId(b1.b.blockId), 1);
  assert.is(b1.offset, BigInt(BLOCK));
  // While open: another create is AlreadyBeingCreated; blocks show under construction.
  const busy = await failsWith('create', { src: '/go/file', masked: { perm: 0o644 }, clientName: 'DFSClient_2', createFlag: 3 });
  assert.is(busy.exceptionClassName, 'org.apache.hadoop.hdfs.protocol.AlreadyBeingCreatedException');
  assert.is((await call('getBlockLocations', { src: '/go/file', offset: 0n, length: MAX_UINT64 })).locations!.underConstruction, true);
  assert.equal(await call('renewLease', { clientName: 'DFSClient_1' }), {});
  assert.equal(await call('complete', { src: '/go/file', clientName: 'DFSClient_1', last: { poolId: b1.b.poolId, blockId: b1.b.blockId, generationStamp: b1.b.generationStamp } }), { result: true });
  const loc = (await call('getBlockLocations', { src: '/go/file', offset: 0n, length: MAX_UINT64 })).locations!;
  assert.is(loc.underConstruction, false);
  assert.is(loc.fileLength, BigInt(BLOCK + 5));
  assert.equal(loc.blocks.map((b) => [indexOfBlockId(b.b.blockId), b.b.numBytes]), [[0, BigInt(BLOCK)], [1, 5n]]);
  // Every datanode is on HDFS's default rack: Java builds BlockLocation racks from it.
  assert.equal(loc.blocks.flatMap((b) => b.locs.map((d) => d.location)), ['/default-rack', '/default-rack']);
  // An existing file without OVERWRITE is FileAlreadyExists; with APPEND it is unsupported.
  const exists = await failsWith('create', { src: '/go/file', masked: { perm: 0o644 }, clientName: 'DFSClient_2', createFlag: 1 });
  assert.is(exists.exceptionClassName, 'org.apache.hadoop.fs.FileAlreadyExistsException');
  const app = await failsWith('create', { src: '/go/file', masked: { perm: 0o644 }, clientName: 'DFSClient_2', createFlag: 5 });
  assert.is(app.exceptionClassName, 'java.lang.UnsupportedOperationException');
});

t('append hands back the partial last block and the status', async () => {
  const r = await call('append', { src: '/go/file', clientName: 'DFSClient_3' });
  assert.is(r.stat!.length, BigInt(BLOCK + 5));
  assert.is(indexOfBlockId(r.block!.b.blockId), 1);
  assert.is(r.block!.b.numBytes, 5n);
  assert.equal(await call('complete', { src: '/go/file', clientName: 'DFSClient_3' }), { result: true });
});

t('getListing pages by LISTING_PAGE with remainingEntries; a missing path has no dirList', async () => {
  await call('mkdirs', { src: '/many', masked: { perm: 0o755 }, createParent: false });
  const names = Array.from({ length: LISTING_PAGE + 3 }, (_, i) => `n${String(i).padStart(4, '0')}`);
  for (let i = 0; i < names.length; i += 200) await Promise.all(names.slice(i, i + 200).map((n) => f.vol.writeFile(`/many/${n}`, '')));
  const p1 = (await call('getListing', { src: '/many', startAfter: Buffer.alloc(0), needLocation: false })).dirList!;
  assert.is(p1.partialListing.length, LISTING_PAGE);
  assert.is(p1.remainingEntries, 3);
  const last = p1.partialListing.at(-1)!.path;
  assert.is(last.toString(), names[LISTING_PAGE - 1]);
  const p2 = (await call('getListing', { src: '/many', startAfter: last })).dirList!;
  assert.equal(p2.partialListing.map((s) => s.path.toString()), names.slice(LISTING_PAGE));
  assert.is(p2.remainingEntries, 0);
  assert.equal(await call('getListing', { src: '/missing' }), {});
});

t('an unknown method is RpcNoSuchMethodException with ERROR_NO_SUCH_METHOD', async () => {
  const e = await fails('getEditsFromTxid', Buffer.alloc(0));
  assert.is(e.exceptionClassName, 'org.apache.hadoop.ipc.RpcNoSuchMethodException');
  assert.is(e.errorDetail, RPC_ERROR_CODE.ERROR_NO_SUCH_METHOD);
  assert.match(e.message, /getEditsFromTxid/);
  assert.is((await fails('toString', Buffer.alloc(0))).exceptionClassName, 'org.apache.hadoop.ipc.RpcNoSuchMethodException');
  const proto = 'org.apache.hadoop.hdfs.protocol.ClientDatanodeProtocol';
  try {
    await handle('getFileInfo', Buffer.alloc(0), { user: 'root', protocol: proto, callId: 1, signal: new AbortController().signal });
    assert.unreachable('another protocol was served');
  } catch (e) {
    assert.ok(isIpcError(e));
    assert.equal([e.exceptionClassName, e.errorDetail, e.message], ['org.apache.hadoop.ipc.RpcNoSuchProtocolException', RPC_ERROR_CODE.ERROR_NO_SUCH_PROTOCOL, `Unknown protocol: ${proto}`]);
  }
});

t('FsErrors map to Hadoop exceptions with the detail as message', async () => {
  const fnf = await failsWith('getBlockLocations', { src: '/nope', offset: 0n, length: 10n });
  assert.is(fnf.exceptionClassName, FNF);
  assert.is(fnf.message, 'File does not exist: /nope');
  assert.is(fnf.errorDetail, RPC_ERROR_CODE.ERROR_APPLICATION);
  const denied = await failsWith('mkdirs', { src: '/go/alice', masked: { perm: 0o755 }, createParent: false }, 'alice');
  assert.is(denied.exceptionClassName, 'org.apache.hadoop.security.AccessControlException');
  assert.match(denied.message, /^Permission denied: user=alice, access=WRITE_EXECUTE, inode="\/go":root:root:rwxr-xr-x$/);
  await call('mkdirs', { src: '/ne/sub', masked: { perm: 0o755 }, createParent: true });
  assert.is((await failsWith('delete', { src: '/ne', recursive: false })).exceptionClassName, 'org.apache.hadoop.fs.PathIsNotEmptyDirectoryException');
  assert.equal(await call('getFileInfo', { src: '/a/../b' }), {}, 'a ".." component is looked up as a name, as HDFS does: nothing');
  assert.is((await failsWith('getFileInfo', {})).exceptionClassName, IAE, 'src is required');
  const garbage = await fails('getFileInfo', Buffer.from([0x0a, 0xff]));
  assert.is(garbage.exceptionClassName, 'java.io.IOException');
});

t('xattrs: set, get, list; a missing one has HDFS\'s messages', async () => {
  await call('setXAttr', { src: '/go/dir', xAttr: { namespace: 0, name: 'color', value: Buffer.from('blue') }, flag: 1 });
  const got = await call('getXAttrs', { src: '/go/dir', xAttrs: [{ namespace: 0, name: 'color' }] });
  assert.equal(got.xAttrs.map((x) => [x.namespace, x.name, x.value?.toString()]), [[0, 'color', 'blue']]);
  assert.equal((await call('listXAttrs', { src: '/go/dir' })).xAttrs.map((x) => x.name), ['color']);
  const g = await failsWith('getXAttrs', { src: '/go/dir', xAttrs: [{ namespace: 0, name: 'nope' }] });
  assert.is(g.exceptionClassName, 'java.io.IOException');
  assert.ok(g.message.startsWith('At least one of the attributes provided was not found'), g.message);
  const r = await failsWith('removeXAttr', { src: '/go/dir', xAttr: { namespace: 0, name: 'nope' } });
  assert.is(r.exceptionClassName, 'java.io.IOException');
  assert.ok(r.message.startsWith('No matching attributes found for remove operation'), r.message);
  assert.equal(await call('removeXAttr', { src: '/go/dir', xAttr: { namespace: 0, name: 'color' } }), {});
  assert.equal((await call('listXAttrs', { src: '/go/dir' })).xAttrs, []);
  // The shim's own xattrs are not shown (the file once held a lease and has a block size).
  assert.equal((await call('listXAttrs', { src: '/go/file' })).xAttrs, []);
});

t('setTimes with 2^64−1 leaves that time unchanged', async () => {
  const before = (await call('getFileInfo', { src: '/go/file' })).fs!;
  assert.equal(await call('setTimes', { src: '/go/file', mtime: MAX_UINT64, atime: 1_000_000n }), {});
  const mid = (await call('getFileInfo', { src: '/go/file' })).fs!;
  assert.is(mid.modificationTime, before.modificationTime);
  assert.is(mid.accessTime, 1_000_000n);
  await call('setTimes', { src: '/go/file', mtime: 2_000_000n, atime: MAX_UINT64 });
  const after = (await call('getFileInfo', { src: '/go/file' })).fs!;
  assert.is(after.modificationTime, 2_000_000n);
  assert.is(after.accessTime, 1_000_000n);
});

t('truncate: a length of 2^63 or more is HadoopIllegalArgumentException; a shrink works', async () => {
  for (const n of [2n ** 63n, MAX_UINT64]) {
    const e = await failsWith('truncate', { src: '/go/file', newLength: n, clientName: 'tc' });
    assert.is(e.exceptionClassName, IAE);
    assert.match(e.message, /negative/);
  }
  const grow = await failsWith('truncate', { src: '/go/file', newLength: 10n ** 9n, clientName: 'tc' });
  assert.is(grow.exceptionClassName, IAE);
  // Inside a block: HDFS answers false (it recovers the block); the length is already cut here.
  assert.equal(await call('truncate', { src: '/go/file', newLength: 3n, clientName: 'tc' }), { result: false });
  assert.is((await call('getFileInfo', { src: '/go/file' })).fs!.length, 3n);
});

t('rename (legacy) answers a bool; rename2 fails with exceptions; delete answers a bool', async () => {
  await call('mkdirs', { src: '/mv/into', masked: { perm: 0o755 }, createParent: true });
  await call('create', { src: '/mv/f', masked: { perm: 0o644 }, clientName: 'c', createFlag: 1 });
  await call('complete', { src: '/mv/f', clientName: 'c' });
  assert.equal(await call('rename', { src: '/mv/f', dst: '/mv/into' }), { result: true });
  assert.equal(await call('rename', { src: '/mv/f', dst: '/mv/g' }), { result: false });
  assert.equal(await call('rename2', { src: '/mv/into/f', dst: '/mv/g', overwriteDest: false }), {});
  assert.is((await failsWith('rename2', { src: '/mv/missing', dst: '/mv/x' })).exceptionClassName, FNF);
  await call('mkdirs', { src: '/mv/d', masked: { perm: 0o755 } });
  assert.is((await failsWith('rename2', { src: '/mv/d', dst: '/mv/into' })).exceptionClassName, 'org.apache.hadoop.fs.FileAlreadyExistsException');
  assert.equal(await call('delete', { src: '/mv', recursive: true }), { result: true });
  assert.equal(await call('delete', { src: '/mv', recursive: true }), { result: false });
});

t('setPermission and setOwner ("" leaves a name unchanged)', async () => {
  await call('setPermission', { src: '/go/dir', permission: { perm: 0x8000_0000 + 0o711 } });
  assert.is((await call('getFileInfo', { src: '/go/dir' })).fs!.permission.perm, 0o711);
  await call('setOwner', { src: '/go/dir', username: 'alice', groupname: '' });
  let st = (await call('getFileInfo', { src: '/go/dir' })).fs!;
  assert.equal([st.owner, st.group], ['alice', 'root']);
  await call('setOwner', { src: '/go/dir', username: '', groupname: 'staff' });
  st = (await call('getFileInfo', { src: '/go/dir' })).fs!;
  assert.equal([st.owner, st.group], ['alice', 'staff']);
  const e = await failsWith('setOwner', { src: '/go/dir', username: 'bob', groupname: '' }, 'alice');
  assert.is(e.exceptionClassName, 'org.apache.hadoop.security.AccessControlException');
});

t('getServerDefaults and getFsStats answer with positive sizes', async () => {
  const d = (await call('getServerDefaults', {})).serverDefaults;
  assert.is(d.blockSize, BigInt(BLOCK));
  assert.ok(d.bytesPerChecksum > 0);
  assert.ok(d.replication >= 1);
  assert.is(d.checksumType, 2);
  const s = await call('getFsStats', {});
  assert.ok(s.capacity > 0n);
  assert.ok(s.remaining <= s.capacity);
  assert.is(s.missingBlocks, 0n);
});

t('the methods with empty answers answer empty messages', async () => {
  assert.equal(await call('abandonBlock', { src: '/go/file', holder: 'x', b: { poolId: 'BP-hcfs', blockId: 1n, generationStamp: 1n } }), {});
  assert.equal(await call('fsync', { src: '/go/file', client: 'x' }), {});
  assert.equal(await call('renewLease', { clientName: 'nobody' }), {});
  const u = await call('updateBlockForPipeline', { block: { poolId: 'BP-hcfs', blockId: 7n, generationStamp: 1001n }, clientName: 'x' });
  assert.is(u.block.b.blockId, 7n);
  assert.is(u.block.locs.length, 1);
});

t('setReplication answers a bool; the factor is a Java short, so 2^32-1 is -1 and refused as HDFS does', async () => {
  await call('mkdirs', { src: '/rep', masked: { perm: 0o755 }, createParent: true });
  assert.equal(await call('setReplication', { src: '/rep', replication: 1 }), { result: false });
  assert.equal(await call('setReplication', { src: '/rep/missing', replication: 1 }), { result: false });
  const e = await failsWith('setReplication', { src: '/rep', replication: 0xffffffff });
  assert.is(e.exceptionClassName, 'java.io.IOException');
  assert.is(e.message, 'Requested replication factor of -1 is less than the required minimum of 1 for /rep');
});

t('append, updateBlockForPipeline and updatePipeline as Java\'s append pipeline sends them: a WRITE token for the partial last block', async () => {
  await call('create', { src: '/go/ap', masked: { perm: 0o644 }, clientName: 'J1', createFlag: 1, createParent: false, replication: 1, blockSize: BigInt(BLOCK) });
  await f.vol.writeFile('/go/ap', Buffer.alloc(BLOCK + 10), { append: true });
  assert.equal(await call('complete', { src: '/go/ap', clientName: 'J1' }), { result: true });
  const a = await call('append', { src: '/go/ap', clientName: 'J2' });
  const last = a.block!.b;
  assert.is(indexOfBlockId(last.blockId), 1);
  const u = (await call('updateBlockForPipeline', { block: last, clientName: 'J2' })).block;
  assert.is(u.b.blockId, last.blockId);
  assert.is(u.offset, BigInt(BLOCK));
  const id = decodeBlockTokenIdentifier(u.blockToken.identifier);
  assert.equal([id.ref.path, id.ref.index, id.modes, id.holder], ['/go/ap', 1, ['WRITE'], 'J2']);
  assert.equal(await call('updatePipeline', { clientName: 'J2', oldBlock: last, newBlock: last, newNodes: [], storageIDs: [] }), {});
  // Another client may not append to a file J2 holds.
  const busy = await failsWith('append', { src: '/go/ap', clientName: 'J3' });
  assert.is(busy.exceptionClassName, 'org.apache.hadoop.hdfs.protocol.AlreadyBeingCreatedException');
  const nf = await failsWith('isFileClosed', { src: '/go/nope' });
  assert.is(nf.exceptionClassName, FNF);
  assert.equal(await call('isFileClosed', { src: '/go/ap' }), { result: false });
  assert.equal(await call('recoverLease', { src: '/go/ap', clientName: 'J3' }), { result: true });
  assert.equal(await call('isFileClosed', { src: '/go/ap' }), { result: true });
  // J2's lease was recovered: its pipeline is no longer one this namenode follows.
  assert.equal(await call('updatePipeline', { clientName: 'J2', oldBlock: last, newBlock: last, newNodes: [], storageIDs: [] }), {});
});

t('paths as HDFS\'s namenode takes them: its own URI is a path, another is refused; names to create pass isValidName', async () => {
  await call('mkdirs', { src: '/pv/d', masked: { perm: 0o755 }, createParent: true });
  assert.is((await call('getFileInfo', { src: 'hdfs://nn:8020/pv/d' })).fs!.fileType, FILE_TYPE.IS_DIR);
  assert.is((await call('getFileInfo', { src: 'hdfs://NN/pv/d/' })).fs!.fileType, FILE_TYPE.IS_DIR, 'port 8020 may be left out');
  for (const src of ['hdfs://other:8020/pv/d', 'hdfs://nn:9000/pv', 'file:///etc/passwd', 'webhdfs://nn:8020/pv', 'pv/d', '']) {
    const e = await failsWith('getFileInfo', { src });
    assert.equal([e.exceptionClassName, e.message], ['java.lang.AssertionError', `Absolute path required, but got '${src}'`], src);
  }
  for (const src of ['/pv/./d', '/pv/d/..', '/pv/../pv']) {
    assert.equal(await call('getFileInfo', { src }), {}, src);
    assert.equal(await call('getListing', { src, startAfter: Buffer.alloc(0) }), {}, src);
    assert.equal(await call('delete', { src, recursive: true }), { result: false }, src);
    assert.is((await failsWith('getContentSummary', { path: src })).message, `File does not exist: ${src}`);
  }
  assert.is((await call('getFileInfo', { src: '/pv//d' })).fs!.fileType, FILE_TYPE.IS_DIR, 'empty components are skipped on lookup');
  const INVALID = 'org.apache.hadoop.fs.InvalidPathException';
  for (const src of ['/pv/./x', '/pv/../x', '/pv//x', '/pv/a:b', 'file:///tmp/x', 'hdfs://other:8020/x']) {
    const m = await failsWith('mkdirs', { src, masked: { perm: 0o755 }, createParent: true });
    assert.equal([m.exceptionClassName, m.message], [INVALID, `Invalid path name Invalid file name: ${src}`], src);
    const c = await failsWith('create', { src, masked: { perm: 0o644 }, clientName: 'c', createFlag: 1, createParent: true, replication: 1, blockSize: BigInt(BLOCK) });
    assert.equal([c.exceptionClassName, c.message], [INVALID, `Invalid path name ${src}`], src);
    const r = await failsWith('rename2', { src: '/pv/d', dst: src, overwriteDest: false });
    assert.equal([r.exceptionClassName, r.message], [INVALID, `Invalid path name Invalid file name: ${src}`], src);
  }
  assert.equal(await call('mkdirs', { src: 'hdfs://nn:8020/pv/e/', masked: { perm: 0o755 }, createParent: false }), { result: true });
  assert.is((await call('getFileInfo', { src: '/pv/e' })).fs!.fileType, FILE_TYPE.IS_DIR);
});

t.run();
