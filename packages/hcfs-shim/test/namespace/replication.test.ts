import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { REPLICATION_XATTR } from '../../src/namespace/inodes.js';
import { openFixture, rejects, U, writeFile, type Fixture } from './fixture.js';

// The memory volume keeps one copy, so 1 is the most any file can have there; the e2e suites
// check lowering a factor on a replica-2 volume (hadoop-shell).
const t = suite<{ f: Fixture }>('namespace/replication');
let f: Fixture;
t.before(async () => {
  f = await openFixture();
  await f.ns.mkdirs(U.root, '/r', 0o755, false);
  await writeFile(f.ns, U.root, '/r/f', 10);
});
t.after(async () => f.close());

t('a factor outside HDFS\'s [1, 512] is refused first, with HDFS\'s text', async () => {
  await rejects(f.ns.setReplication(U.root, '/r/f', 0), 'ERANGE', /Requested replication factor of 0 is less than the required minimum of 1 for \/r\/f/);
  await rejects(f.ns.setReplication(U.root, '/r/f', -1), 'ERANGE', /factor of -1 is less than/);
  await rejects(f.ns.setReplication(U.root, '/nope', 513), 'ERANGE', /Requested replication factor of 513 exceeds maximum of 512 for \/nope/);
});

t('a missing path or a directory is false, as HDFS answers', async () => {
  assert.is(await f.ns.setReplication(U.root, '/nope', 1), false);
  assert.is(await f.ns.setReplication(U.root, '/r', 1), false);
});

t('the volume\'s own count is set; more copies than the volume keeps is false and changes nothing', async () => {
  assert.is(await f.ns.setReplication(U.root, '/r/f', 1), true);
  assert.is(await f.ns.setReplication(U.root, '/r/f', 3), false);
  assert.is((await f.ns.status(U.root, '/r/f'))!.replication, 1);
  await rejects(f.vol.getxattr('/r/f', REPLICATION_XATTR), 'ENODATA');
});

t('it needs w on the file (and x on the way), not ownership', async () => {
  await rejects(f.ns.setReplication(U.bob, '/r/f', 1), 'EACCES', /user=bob, access=WRITE, inode="\/r\/f"/);
  await f.ns.setPermission(U.root, '/r/f', 0o666);
  assert.is(await f.ns.setReplication(U.bob, '/r/f', 1), true);
  await f.ns.setPermission(U.root, '/r', 0o700);
  await rejects(f.ns.setReplication(U.bob, '/r/f', 1), 'EACCES', /access=EXECUTE/);
  await f.ns.setPermission(U.root, '/r', 0o755);
});

t('a file under construction takes it too (MapReduce sets it on files it is still writing)', async () => {
  await f.ns.create(U.root, '/r/open', { permission: 0o644, overwrite: false, createParent: false, clientName: 'w' });
  assert.is(await f.ns.setReplication(U.root, '/r/open', 1), true);
  assert.ok(await f.ns.complete(U.root, '/r/open', 'w'));
});

t.run();
