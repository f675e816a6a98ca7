import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { XAttr } from '../../src/namespace/index.js';
import { openFixture, rejects, U, writeFile, type Fixture } from './fixture.js';

// HDFS's xattr namespaces (XAttrPermissionFilter, FSDirXAttrOp): user. for whoever may write
// the file, trusted. for the superuser, security. only security.hdfs.unreadable.by.superuser,
// system. and raw. for nobody; nothing but user. and trusted. ever lands on the volume under
// the name the client gave.
const t = suite('namespace/xattrs');
let f: Fixture;
t.before(async () => {
  f = await openFixture();
  await f.ns.mkdirs(U.root, '/x', 0o777, false);
  await writeFile(f.ns, U.alice, '/x/mine');
  await f.ns.mkdirs(U.alice, '/x/dir', 0o755, false);
});
t.after(async () => f.close());

const x = (namespace: XAttr['namespace'], name: string, value?: string): XAttr => ({ namespace, name, value: value === undefined ? undefined : Buffer.from(value) });

t('security., system. and raw. are refused for the owner and the superuser alike, with HDFS\'s message', async () => {
  for (const user of [U.alice, U.root]) {
    for (const a of [x('security', 'capability', '\x01\x00\x00\x02'), x('security', 'selinux', 'unconfined_u'), x('system', 'posix_acl_access', 'a'), x('raw', 'x', 'y')]) {
      await rejects(f.ns.setXAttr(user, '/x/mine', a, 3), 'EACCES', new RegExp(`User doesn't have permission for xattr: ${a.namespace}\\.${a.name}$`));
      await rejects(f.ns.getXAttrs(user, '/x/mine', [a]), 'EACCES', /User doesn't have permission for xattr/);
      await rejects(f.ns.removeXAttr(user, '/x/mine', a), 'EACCES', /User doesn't have permission for xattr/);
    }
  }
  assert.equal(await f.vol.listxattr('/x/mine').then((n) => n.filter((k) => !k.startsWith('trusted.hcfs.'))), [], 'nothing reached the volume');
});

t('trusted. is the superuser\'s: others get AccessControlException and never see it listed', async () => {
  await rejects(f.ns.setXAttr(U.alice, '/x/mine', x('trusted', 't', 'v'), 3), 'EACCES', /xattr: trusted\.t$/);
  await f.ns.setXAttr(U.root, '/x/mine', x('trusted', 't', 'v'), 3);
  assert.equal((await f.ns.listXAttrs(U.root, '/x/mine')).map((a) => `${a.namespace}.${a.name}`), ['trusted.t']);
  assert.equal(await f.ns.listXAttrs(U.alice, '/x/mine'), []);
  await rejects(f.ns.getXAttrs(U.alice, '/x/mine', [x('trusted', 't')]), 'EACCES');
  await rejects(f.ns.setXAttr(U.root, '/x/mine', x('trusted', 'hcfs.lease', '{}'), 3), 'EACCES', /trusted\.hcfs\.lease/);
  await f.ns.removeXAttr(U.root, '/x/mine', x('trusted', 't'));
});

t('user. follows the file\'s permission: the owner writes, others may not; anyone may list names', async () => {
  await f.ns.setXAttr(U.alice, '/x/mine', x('user', 'color', 'blue'), 1);
  await rejects(f.ns.setXAttr(U.bob, '/x/mine', x('user', 'color', 'red'), 3), 'EACCES', /access=WRITE/);
  assert.equal((await f.ns.getXAttrs(U.bob, '/x/mine', [x('user', 'color')]))[0]!.value!.toString(), 'blue');
  assert.equal((await f.ns.listXAttrs(U.bob, '/x/mine')).map((a) => a.name), ['color']);
  assert.is((await f.vol.getxattr('/x/mine', 'user.color')).toString(), 'blue');
});

t('listXAttrs carries the values, as HDFS\'s namenode sends them, to whoever may read the file; names only otherwise', async () => {
  await writeFile(f.ns, U.alice, '/x/listed', 0, 0o640);
  await f.ns.setOwner(U.alice, '/x/listed', undefined, 'staff');
  await f.ns.setXAttr(U.alice, '/x/listed', x('user', 'a', 'one'), 1);
  await f.ns.setXAttr(U.alice, '/x/listed', x('user', 'b', ''), 1);
  const show = (l: XAttr[]) => l.map((a) => `${a.namespace}.${a.name}=${a.value?.toString() ?? '(none)'}`);
  assert.equal(show(await f.ns.listXAttrs(U.alice, '/x/listed')), ['user.a=one', 'user.b=']);
  assert.equal(show(await f.ns.listXAttrs(U.carol, '/x/listed')), ['user.a=one', 'user.b='], 'carol reads through the group');
  assert.equal(show(await f.ns.listXAttrs(U.bob, '/x/listed')), ['user.a=(none)', 'user.b=(none)'], 'bob may not read the file');
});

t('security.hdfs.unreadable.by.superuser: files only, no value, never removed, and the superuser cannot read the file', async () => {
  const mark = x('security', 'hdfs.unreadable.by.superuser');
  await rejects(f.ns.setXAttr(U.alice, '/x/dir', mark, 1), 'EIO', /^EIO: Can only set 'security\.hdfs\.unreadable\.by\.superuser' on a file\.$/);
  await rejects(f.ns.setXAttr(U.alice, '/x/mine', { ...mark, value: Buffer.alloc(0) }, 1), 'EACCES', /Values are not allowed for this xattr/);
  await f.ns.setXAttr(U.alice, '/x/mine', mark, 1);
  await f.ns.setXAttr(U.alice, '/x/mine', mark, 3);
  assert.ok((await f.ns.listXAttrs(U.root, '/x/mine')).some((a) => a.namespace === 'security'), 'listed, for the superuser too');
  assert.equal((await f.ns.getXAttrs(U.alice, '/x/mine', [mark]))[0]!.value, Buffer.alloc(0));
  await rejects(f.ns.removeXAttr(U.alice, '/x/mine', mark), 'EACCES', /can not be deleted/);
  await rejects(f.ns.blockLocations(U.root, '/x/mine', 0, 1), 'EACCES', /^EACCES: Access is denied for root since the superuser is not allowed to perform this operation\.$/);
  await f.ns.blockLocations(U.alice, '/x/mine', 0, 1);
  assert.not.ok((await f.vol.listxattr('/x/mine')).some((n) => n.startsWith('security.')), 'no security. xattr on the volume');
});

t.run();
