import { isFsError } from 'glusterfs-core';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { indexOfBlockId } from '../../src/namespace/blocks.js';
import { BLOCK_SIZE_XATTR, LEASE_XATTR, type CreateOptions } from '../../src/namespace/index.js';
import { BLOCK, openFixture, rejects, sleep, testNamespace, U, writeFile, type Fixture } from './fixture.js';

let f: Fixture;
/** Leases long enough that a slow machine never sees one expire mid-test (the soft-limit test uses its own namespace). */
const LONG = { leases: { softMs: 10_000, hardMs: 20_000 } };
const st = (path: string) => f.ns.status(U.root, path);
const opts = (clientName: string, more: Partial<CreateOptions> = {}): CreateOptions =>
  ({ permission: 0o644, overwrite: false, createParent: false, clientName, ...more });
const hasXattr = (path: string, name: string) =>
  f.vol.getxattr(path, name).then(() => true, (e) => { if (isFsError(e, 'ENODATA')) return false; throw e; });

// ---------------------------------------------------------------- create
const cr = suite<{ f: Fixture }>('namespace write-ops create');
cr.before(async () => {
  f = await openFixture(LONG);
  await f.ns.mkdirs(U.root, '/w', 0o777, false);
  await f.ns.setOwner(U.root, '/w', undefined, 'staff');
});
cr.after(async () => f.close());

cr('a new file is empty, leased, owned by the caller with the parent\'s group', async () => {
  const s = await f.ns.create(U.bob, '/w/new', opts('c1', { permission: 0o640 }));
  assert.is(s.type, 'file');
  assert.is(s.name, '');
  assert.is(s.length, 0);
  assert.is(s.owner, 'bob');
  assert.is(s.group, 'staff');
  assert.is(s.permission, 0o640);
  assert.is(s.blockSize, BLOCK);
  assert.is(s.replication, 1);
  assert.ok(await hasXattr('/w/new', LEASE_XATTR));
  assert.ok(await f.ns.complete(U.bob, '/w/new', 'c1'));
});

cr('an existing file is EEXIST without overwrite; overwrite replaces it', async () => {
  await writeFile(f.ns, U.root, '/w/exists', 100);
  await rejects(f.ns.create(U.root, '/w/exists', opts('c2')), 'EEXIST');
  assert.is((await st('/w/exists'))!.length, 100);
  const before = (await st('/w/exists'))!.fileId;
  const s = await f.ns.create(U.root, '/w/exists', opts('c2', { overwrite: true }));
  assert.is(s.length, 0);
  assert.is.not(s.fileId, before, 'a new inode');
  assert.ok(await f.ns.complete(U.root, '/w/exists', 'c2'));
});

cr('a file under another client\'s live lease is EBUSY, even with overwrite', async () => {
  await f.ns.create(U.root, '/w/busy', opts('holder'));
  await rejects(f.ns.create(U.root, '/w/busy', opts('intruder', { overwrite: true })), 'EBUSY', /being created by holder/);
  await rejects(f.ns.create(U.root, '/w/busy', opts('intruder')), 'EBUSY');
  // The holder itself gets EEXIST without overwrite and may overwrite its own file.
  await rejects(f.ns.create(U.root, '/w/busy', opts('holder')), 'EEXIST');
  await f.ns.create(U.root, '/w/busy', opts('holder', { overwrite: true }));
  assert.ok(await f.ns.complete(U.root, '/w/busy', 'holder'));
});

cr('after the soft limit (200 ms here) another client may take the file over', async () => {
  const short = testNamespace(f.vol);
  try {
    await short.create(U.root, '/w/stale', opts('dead'));
    await sleep(260);
    const s = await short.create(U.root, '/w/stale', opts('alive', { overwrite: true }));
    assert.is(s.length, 0);
    await rejects(short.complete(U.root, '/w/stale', 'dead'), 'EPERM');
    assert.ok(await short.complete(U.root, '/w/stale', 'alive'));
  } finally {
    short.close();
  }
});

cr('a directory in the way is EEXIST, even with overwrite', async () => {
  await f.ns.mkdirs(U.root, '/w/adir', 0o755, false);
  await rejects(f.ns.create(U.root, '/w/adir', opts('c3', { overwrite: true })), 'EEXIST');
  assert.is((await st('/w/adir'))!.type, 'dir');
});

cr('a missing parent is ENOENT; createParent makes it (owned by the caller)', async () => {
  await rejects(f.ns.create(U.bob, '/w/p/q/file', opts('c4')), 'ENOENT');
  assert.is(await st('/w/p'), undefined);
  await f.ns.create(U.bob, '/w/p/q/file', opts('c4', { createParent: true }));
  assert.is((await st('/w/p/q'))!.owner, 'bob');
  assert.is((await st('/w/p/q'))!.group, 'staff');
  assert.is((await st('/w/p/q/file'))!.type, 'file');
  await f.ns.complete(U.bob, '/w/p/q/file', 'c4');
  await rejects(f.ns.create(U.root, '/w/p/q/file/x', opts('c4', { createParent: true })), 'ENOTDIR');
});

cr('the parent needs w+x; the check on the deepest existing ancestor comes before "parent missing"', async () => {
  await f.ns.mkdirs(U.root, '/w/ro', 0o755, false);
  await rejects(f.ns.create(U.bob, '/w/ro/f', opts('c5')), 'EACCES', /access=WRITE_EXECUTE, inode="\/w\/ro"/);
  await rejects(f.ns.create(U.bob, '/w/ro/missing/f', opts('c5')), 'EACCES');
  await rejects(f.ns.create(U.bob, '/w/ro/missing/f', opts('c5', { createParent: true })), 'EACCES');
});

cr('a non-default block size is stored on the file and survives a fresh namespace', async () => {
  const s = await f.ns.create(U.root, '/w/big-blocks', opts('c6', { blockSize: 3 * BLOCK }));
  assert.is(s.blockSize, 3 * BLOCK);
  assert.is((await f.vol.getxattr('/w/big-blocks', BLOCK_SIZE_XATTR)).toString(), String(3 * BLOCK));
  await f.ns.complete(U.root, '/w/big-blocks', 'c6');
  await f.ns.create(U.root, '/w/default-blocks', opts('c6', { blockSize: BLOCK }));
  assert.not.ok(await hasXattr('/w/default-blocks', BLOCK_SIZE_XATTR), 'no xattr for the default');
  await f.ns.create(U.root, '/w/zero-blocks', opts('c6', { blockSize: 0 }));
  assert.is((await st('/w/zero-blocks'))!.blockSize, BLOCK);
  const other = testNamespace(f.vol, LONG);
  try {
    assert.is((await other.status(U.root, '/w/big-blocks'))!.blockSize, 3 * BLOCK);
    assert.is((await other.status(U.root, '/w/default-blocks'))!.blockSize, BLOCK);
  } finally {
    other.close();
  }
  // Listings carry each file's own block size too (DistCp's -pb and input splits read it there),
  // from a namespace that has not seen the files before.
  const lister = testNamespace(f.vol, LONG);
  try {
    const listed = await lister.list(U.root, '/w', '', 1000);
    const sizes = Object.fromEntries(listed!.entries.map((e) => [e.name, e.blockSize]));
    assert.equal([sizes['big-blocks'], sizes['default-blocks'], sizes['zero-blocks']], [3 * BLOCK, BLOCK, BLOCK]);
  } finally {
    lister.close();
  }
});

// ---------------------------------------------------------------- addBlock and complete
const ab = suite<{ f: Fixture }>('namespace write-ops addBlock and complete');
ab.before(async () => { f = await openFixture(LONG); });
ab.after(async () => f.close());

ab('without previous a block is added at the end; with previous it is the next index', async () => {
  await f.ns.create(U.root, '/ab', opts('w'));
  const b0 = await f.ns.addBlock(U.root, '/ab', 'w');
  assert.is(b0.ref.index, 0);
  assert.is(b0.offset, 0);
  assert.is(b0.length, 0);
  assert.is(indexOfBlockId(b0.blockId), 0);
  assert.is(b0.ref.blockSize, BLOCK);
  assert.is(b0.ref.path, '/ab');
  assert.equal(b0.locations.map((l) => [l.ip, l.xferPort, l.infoPort]), [['127.0.0.1', 9866, 9864]]);
  await f.vol.writeFile('/ab', Buffer.alloc(BLOCK), { append: true });
  const b1 = await f.ns.addBlock(U.root, '/ab', 'w', b0.blockId);
  assert.is(b1.ref.index, 1);
  assert.is(b1.offset, BLOCK);
  assert.is(indexOfBlockId(b1.blockId), 1);
  assert.is(b1.blockId >> 24n, b0.blockId >> 24n, 'same file part');
  await f.vol.writeFile('/ab', Buffer.alloc(BLOCK), { append: true });
  const b2 = await f.ns.addBlock(U.root, '/ab', 'w', b1.blockId);
  assert.is(b2.ref.index, 2);
  // A retried addBlock naming the same previous gets the same block.
  assert.is((await f.ns.addBlock(U.root, '/ab', 'w', b1.blockId)).blockId, b2.blockId);
  await f.vol.writeFile('/ab', Buffer.alloc(BLOCK), { append: true });
  const end = await f.ns.addBlock(U.root, '/ab', 'w');
  assert.is(end.ref.index, 3, '3·BLOCK / BLOCK');
  assert.is(end.offset, 3 * BLOCK);
  // A block can only follow a full one: the file has no holes.
  await f.vol.writeFile('/ab', Buffer.alloc(100), { append: true });
  await rejects(f.ns.addBlock(U.root, '/ab', 'w'), 'ENOTSUP', /block 4 of \/ab would start at 16384, past the end of the file \(12388\)/);
  await rejects(f.ns.addBlock(U.root, '/ab', 'w', end.blockId), 'ENOTSUP');
});

ab('addBlock needs the lease: another client or a completed file is EPERM; missing is ENOENT', async () => {
  await f.ns.create(U.root, '/ab2', opts('w'));
  await rejects(f.ns.addBlock(U.root, '/ab2', 'other'), 'EPERM');
  assert.ok(await f.ns.complete(U.root, '/ab2', 'w'));
  await rejects(f.ns.addBlock(U.root, '/ab2', 'w'), 'EPERM');
  await rejects(f.ns.addBlock(U.root, '/nope', 'w'), 'ENOENT');
});

ab('complete drops the lease; by another client it is EPERM; without a lease it is trivially true', async () => {
  await f.ns.create(U.root, '/c', opts('w'));
  await rejects(f.ns.complete(U.root, '/c', 'other'), 'EPERM');
  assert.ok(await f.ns.complete(U.root, '/c', 'w'));
  assert.not.ok(await hasXattr('/c', LEASE_XATTR));
  assert.ok(await f.ns.complete(U.root, '/c', 'w'), 'a retried complete');
  assert.ok(await f.ns.complete(U.root, '/c', 'other'));
  await rejects(f.ns.complete(U.root, '/missing', 'w'), 'ENOENT');
  // Now anyone may create over it.
  await f.ns.create(U.root, '/c', opts('third', { overwrite: true }));
  assert.ok(await f.ns.complete(U.root, '/c', 'third'));
});

ab('complete stamps the modification time of the close (as HDFS does) and keeps the access time', async () => {
  await f.ns.create(U.root, '/stamped', opts('w'));
  await f.vol.setattr('/stamped', { mtimeMs: 1_000_000, atimeMs: 2_000_000 });
  const before = Date.now();
  assert.ok(await f.ns.complete(U.root, '/stamped', 'w'));
  const s = (await st('/stamped'))!;
  assert.ok(s.mtime >= before && s.mtime <= Date.now(), `mtime ${s.mtime}`);
  assert.is(s.atime, 2_000_000);
});

// ---------------------------------------------------------------- append and truncate
const ap = suite<{ f: Fixture }>('namespace write-ops append and truncate');
ap.before(async () => {
  f = await openFixture(LONG);
  await f.ns.mkdirs(U.root, '/a', 0o777, false);
});
ap.after(async () => f.close());

ap('append hands back the partial last block', async () => {
  await writeFile(f.ns, U.root, '/a/partial', BLOCK + 904);
  const r = await f.ns.append(U.root, '/a/partial', 'ap');
  assert.is(r.status.length, BLOCK + 904);
  assert.ok(r.lastBlock);
  assert.is(r.lastBlock!.ref.index, 1);
  assert.is(r.lastBlock!.offset, BLOCK);
  assert.is(r.lastBlock!.length, 904);
  assert.is(indexOfBlockId(r.lastBlock!.blockId), 1);
  assert.ok(await hasXattr('/a/partial', LEASE_XATTR));
  // The client fills the block, then asks for the next one after it.
  await f.vol.writeFile('/a/partial', Buffer.alloc(BLOCK - 904), { append: true });
  const next = await f.ns.addBlock(U.root, '/a/partial', 'ap', r.lastBlock!.blockId);
  assert.is(next.ref.index, 2);
  assert.ok(await f.ns.complete(U.root, '/a/partial', 'ap'));
});

ap('a file ending on a block boundary (or empty) has no last block to continue', async () => {
  await writeFile(f.ns, U.root, '/a/exact', 2 * BLOCK);
  const r = await f.ns.append(U.root, '/a/exact', 'ap');
  assert.is(r.lastBlock, undefined);
  assert.is((await f.ns.addBlock(U.root, '/a/exact', 'ap')).ref.index, 2);
  assert.ok(await f.ns.complete(U.root, '/a/exact', 'ap'));
  await writeFile(f.ns, U.root, '/a/empty');
  assert.is((await f.ns.append(U.root, '/a/empty', 'ap')).lastBlock, undefined);
  assert.ok(await f.ns.complete(U.root, '/a/empty', 'ap'));
});

ap('append is EBUSY while leased, by another client or by the same client again', async () => {
  await f.ns.create(U.root, '/a/leased', opts('holder'));
  await rejects(f.ns.append(U.root, '/a/leased', 'other'), 'EBUSY');
  await rejects(f.ns.append(U.root, '/a/leased', 'holder'), 'EBUSY');
  assert.ok(await f.ns.complete(U.root, '/a/leased', 'holder'));
  await f.ns.append(U.root, '/a/leased', 'holder');
  await rejects(f.ns.append(U.root, '/a/leased', 'holder'), 'EBUSY', /already being written by this client/);
  assert.ok(await f.ns.complete(U.root, '/a/leased', 'holder'));
});

ap('append: a missing file or a directory is ENOENT; no write permission is EACCES', async () => {
  await rejects(f.ns.append(U.root, '/a/missing', 'x'), 'ENOENT');
  await rejects(f.ns.append(U.root, '/a', 'x'), 'ENOENT');
  await writeFile(f.ns, U.root, '/a/rootonly', 10);
  await rejects(f.ns.append(U.alice, '/a/rootonly', 'x'), 'EACCES', /access=WRITE/);
  assert.not.ok(await hasXattr('/a/rootonly', LEASE_XATTR), 'no lease left behind');
});

ap('NEW_BLOCK append to a partial last block, or a block past the end of the file, is ENOTSUP (no holes)', async () => {
  await writeFile(f.ns, U.root, '/a/nb', BLOCK + 5);
  await rejects(f.ns.append(U.root, '/a/nb', 'nb', true), 'ENOTSUP', /NEW_BLOCK/);
  assert.not.ok(await hasXattr('/a/nb', LEASE_XATTR), 'no lease left behind');
  const r = await f.ns.append(U.root, '/a/nb', 'nb');
  assert.is(r.lastBlock!.offset, BLOCK);
  await rejects(f.ns.addBlock(U.root, '/a/nb', 'nb'), 'ENOTSUP', /past the end of the file/);
  assert.ok(await f.ns.complete(U.root, '/a/nb', 'nb'));
  await writeFile(f.ns, U.root, '/a/nb2', BLOCK);
  assert.is((await f.ns.append(U.root, '/a/nb2', 'nb2', true)).lastBlock, undefined, 'a full last block: a new block follows it');
  assert.ok(await f.ns.complete(U.root, '/a/nb2', 'nb2'));
});

ap('truncate shrinks at once, answering as HDFS (true on a block boundary or the same length, else false); growing is EINVAL; a directory or missing file is ENOENT', async () => {
  await writeFile(f.ns, U.root, '/a/t', 3 * BLOCK);
  assert.is(await f.ns.truncate(U.root, '/a/t', 2 * BLOCK, 'tc'), true, 'a block boundary');
  assert.is(await f.ns.truncate(U.root, '/a/t', BLOCK + 1, 'tc'), false, 'inside a block: HDFS would recover it');
  assert.is((await st('/a/t'))!.length, BLOCK + 1, 'already cut');
  assert.ok(await f.ns.isFileClosed(U.root, '/a/t'), 'and closed');
  assert.is(await f.ns.truncate(U.root, '/a/t', BLOCK + 1, 'tc'), true, 'same length');
  await rejects(f.ns.truncate(U.root, '/a/t', BLOCK + 2, 'tc'), 'EINVAL', /larger/);
  await rejects(f.ns.truncate(U.root, '/a/t', -1, 'tc'), 'EINVAL');
  await rejects(f.ns.truncate(U.root, '/a', 0, 'tc'), 'ENOENT', /Path is not a file: \/a/);
  await rejects(f.ns.truncate(U.root, '/a/none', 0, 'tc'), 'ENOENT');
  await rejects(f.ns.truncate(U.alice, '/a/t', 0, 'tc'), 'EACCES');
  assert.is(await f.ns.truncate(U.root, '/a/t', 0, 'tc'), true);
  assert.is((await st('/a/t'))!.length, 0);
});

ap('truncate of a file under another client\'s live lease is EBUSY', async () => {
  await f.ns.create(U.root, '/a/tl', opts('holder'));
  await f.vol.writeFile('/a/tl', 'abc', { append: true });
  await rejects(f.ns.truncate(U.root, '/a/tl', 1, 'other'), 'EBUSY');
  assert.is((await st('/a/tl'))!.length, 3);
  assert.ok(await f.ns.complete(U.root, '/a/tl', 'holder'));
});

cr.run();
ab.run();
ap.run();
