import { FsError } from 'glusterfs-core';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { hadoopExceptionOf } from '../../src/errors.js';
import { BLOCK, openFixture, rejects, U, writeFile, type Fixture } from './fixture.js';

// HDFS's fs-limits through the namespace RPC and WebHDFS share: each refusal is the errno the
// errors table turns into HDFS's exception class, with HDFS's message.
const t = suite('namespace/limits');
let f: Fixture;
t.before(async () => {
  f = await openFixture({ limits: { maxDirectoryItems: 3, maxBlocksPerFile: 4, maxBlocksPerCall: 4, maxXattrsPerInode: 2, maxXattrSize: 64 } });
  await f.ns.mkdirs(U.root, '/l', 0o777, false);
});
t.after(async () => f.close());

const className = (e: FsError) => hadoopExceptionOf(e).javaClassName;
const create = (path: string, blockSize?: number) =>
  f.ns.create(U.root, path, { permission: 0o644, overwrite: false, createParent: false, clientName: 'c', blockSize });

t('paths over 1000 levels or 8000 characters are refused before any work, on create, mkdirs and rename', async () => {
  const deep = '/l' + '/d'.repeat(1000);
  const e = await rejects(f.ns.mkdirs(U.root, deep, 0o755, true), 'ERANGE', /^ERANGE: mkdirs: Pathname too long\. {2}Limit 8000 characters, 1000 levels\.$/);
  assert.is(className(e), 'java.io.IOException');
  assert.not.ok(await f.vol.exists('/l/d'), 'nothing was created');
  await rejects(create('/l/' + 'x'.repeat(250) + '/y'.repeat(3900)), 'ERANGE', /create: Pathname too long/);
  await rejects(f.ns.rename(U.root, '/l', '/m' + '/n'.repeat(1000), false), 'ERANGE', /rename: Pathname too long/);
  // 1000 levels is still fine.
  assert.is(await f.ns.mkdirs(U.root, '/l/ok' + '/d'.repeat(998), 0o755, true), true);
});

t('a name over 255 bytes is PathComponentTooLongException, for new names only; lookups just find nothing', async () => {
  const long = 'é'.repeat(128);
  const e = await rejects(f.ns.mkdirs(U.root, `/l/${long}`, 0o755, false), 'ENAMETOOLONG');
  assert.is(e.detail, `The maximum path component name limit of ${long} in directory /l is exceeded: limit=255 length=256`);
  assert.is(className(e), 'org.apache.hadoop.hdfs.protocol.FSLimitException$PathComponentTooLongException');
  assert.is(hadoopExceptionOf(e).exception, 'PathComponentTooLongException');
  await rejects(create(`/l/${'n'.repeat(256)}`), 'ENAMETOOLONG', /limit=255 length=256/);
  await rejects(f.ns.mkdirs(U.root, `/l/ok2/${'n'.repeat(300)}/x`, 0o755, true), 'ENAMETOOLONG', /in directory \/l\/ok2 is exceeded/);
  assert.not.ok(await f.vol.exists('/l/ok2'), 'no part of a refused mkdirs -p was made');
  assert.is(await f.ns.status(U.root, `/l/${'n'.repeat(256)}`), undefined);
});

t('a block size under the minimum is refused at create with HDFS\'s IOException', async () => {
  const e = await rejects(create('/l/tiny', 1), 'ERANGE');
  assert.is(e.detail, `Specified block size is less than configured minimum value (dfs.namenode.fs-limits.min-block-size): 1 < ${BLOCK}`);
  assert.is(className(e), 'java.io.IOException');
  assert.not.ok(await f.vol.exists('/l/tiny'));
});

t('a full directory refuses new entries with MaxDirectoryItemsExceededException; replacing and leaving make room', async () => {
  await f.ns.mkdirs(U.root, '/full', 0o777, false);
  await writeFile(f.ns, U.root, '/full/a');
  await f.ns.mkdirs(U.root, '/full/b', 0o755, false);
  await writeFile(f.ns, U.root, '/full/c');
  const e = await rejects(create('/full/d'), 'EMLINK');
  assert.is(e.detail, 'The directory item limit of /full is exceeded: limit=3 items=3');
  assert.is(className(e), 'org.apache.hadoop.hdfs.protocol.FSLimitException$MaxDirectoryItemsExceededException');
  await rejects(f.ns.mkdirs(U.root, '/full/e/f', 0o755, true), 'EMLINK');
  await rejects(f.ns.rename(U.root, '/l/ok', '/full/ok', false), 'EMLINK');
  await f.ns.rename(U.root, '/full/a', '/full/a2', false);
  await f.ns.create(U.root, '/full/c', { permission: 0o644, overwrite: true, createParent: false, clientName: 'c' });
  await f.ns.complete(U.root, '/full/c', 'c');
  assert.is(await f.ns.delete(U.root, '/full/b', true), true);
  await writeFile(f.ns, U.root, '/full/d');
  assert.equal((await f.vol.readdir('/full')).sort(), ['a2', 'c', 'd']);
});

t('addBlock stops at max-blocks-per-file; getBlockLocations returns at most maxBlocksPerCall blocks', async () => {
  await create('/l/many');
  for (let i = 0; i < 4; i++) {
    await f.ns.addBlock(U.root, '/l/many', 'c', i === 0 ? undefined : BigInt(i - 1));
    await f.vol.writeFile('/l/many', Buffer.alloc(BLOCK), { append: true });
  }
  const e = await rejects(f.ns.addBlock(U.root, '/l/many', 'c', 3n), 'EFBIG');
  assert.is(e.detail, 'File has reached the limit on maximum number of blocks (dfs.namenode.fs-limits.max-blocks-per-file): 4 >= 4');
  assert.is(className(e), 'java.io.IOException');
  await f.vol.writeFile('/l/many', Buffer.alloc(10 * BLOCK));
  const l = await f.ns.blockLocations(U.root, '/l/many', 0, Number.MAX_SAFE_INTEGER);
  assert.is(l.blocks.length, 4);
  assert.equal(l.blocks.map((b) => b.offset), [0, BLOCK, 2 * BLOCK, 3 * BLOCK]);
  const later = await f.ns.blockLocations(U.root, '/l/many', 8 * BLOCK, Number.MAX_SAFE_INTEGER);
  assert.equal(later.blocks.map((b) => b.offset), [8 * BLOCK, 9 * BLOCK], 'a later range gets the later blocks');
});

t('xattrs: name plus value over max-xattr-size, and more than max-xattrs-per-inode, are refused', async () => {
  await writeFile(f.ns, U.root, '/l/x');
  const big = await rejects(f.ns.setXAttr(U.root, '/l/x', { namespace: 'user', name: 'n', value: Buffer.alloc(64) }, 3), 'EINVAL');
  assert.is(big.detail, 'The XAttr is too big. The maximum combined size of the name and value is 64, but the total size is 65');
  await f.ns.setXAttr(U.root, '/l/x', { namespace: 'user', name: 'a', value: Buffer.from('1') }, 3);
  await f.ns.setXAttr(U.root, '/l/x', { namespace: 'trusted', name: 'b', value: Buffer.from('2') }, 3);
  const many = await rejects(f.ns.setXAttr(U.root, '/l/x', { namespace: 'user', name: 'c', value: Buffer.from('3') }, 3), 'ERANGE');
  assert.is(many.detail, 'Cannot add additional XAttr to inode, would exceed limit of 2');
  await f.ns.setXAttr(U.root, '/l/x', { namespace: 'user', name: 'a', value: Buffer.from('changed') }, 3);
});

t.run();
