import { FsError } from 'glusterfs-core';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { checkAccess, checkOwner, isSuperuser, modeString, R, W, X, type Owned } from '../../src/namespace/permissions.js';
import type { HdfsUser } from '../../src/namespace/index.js';
import { openFixture, rejects, U, type Fixture } from './fixture.js';

const POLICY = { superuser: 'root', supergroup: 'supergroup' };
const FILE: Owned = { owner: 'alice', group: 'staff', permission: 0o640 };

function allowed(user: HdfsUser, inode: Owned, want: number): boolean {
  try {
    checkAccess(user, POLICY, inode, want, '/f');
    return true;
  } catch (e) {
    assert.instance(e, FsError);
    assert.is((e as FsError).code, 'EACCES');
    return false;
  }
}

const t = suite('namespace/permissions');

t('owner, group and other bits each apply to their class only', () => {
  const cases: [HdfsUser, number, boolean][] = [
    [U.alice, R, true], [U.alice, W, true], [U.alice, R | W, true], [U.alice, X, false],
    [U.carol, R, true], [U.carol, W, false], [U.carol, X, false],
    [U.bob, R, false], [U.bob, W, false], [U.bob, X, false],
  ];
  for (const [user, want, ok] of cases) assert.is(allowed(user, FILE, want), ok, `${user.name} want ${want}`);
  // The owner class wins even when group/other would allow more (POSIX, as HDFS).
  const ownerLocked: Owned = { owner: 'alice', group: 'staff', permission: 0o077 };
  assert.not.ok(allowed(U.alice, ownerLocked, R));
  assert.ok(allowed(U.carol, ownerLocked, R | W | X));
  assert.ok(allowed(U.bob, ownerLocked, R | W | X));
  // The group class wins over other for a member.
  assert.not.ok(allowed(U.carol, { owner: 'alice', group: 'staff', permission: 0o707 }, R));
});

t('the superuser and members of the supergroup bypass every check', () => {
  const none: Owned = { owner: 'alice', group: 'staff', permission: 0 };
  assert.ok(isSuperuser(U.root, POLICY));
  assert.ok(isSuperuser(U.sam, POLICY));
  assert.not.ok(isSuperuser(U.alice, POLICY));
  assert.ok(allowed(U.root, none, R | W | X));
  assert.ok(allowed(U.sam, none, R | W | X));
  assert.not.ok(allowed(U.alice, none, R));
});

t('the denial message has Hadoop\'s shape', () => {
  const cases: [number, string][] = [
    [R, 'READ'], [W, 'WRITE'], [X, 'EXECUTE'], [R | W, 'READ_WRITE'], [W | X, 'WRITE_EXECUTE'], [R | X, 'READ_EXECUTE'], [R | W | X, 'READ_WRITE_EXECUTE'],
  ];
  for (const [want, name] of cases) {
    try {
      checkAccess(U.bob, POLICY, { owner: 'alice', group: 'staff', permission: 0o750 }, want, '/user/alice/d');
      assert.unreachable();
    } catch (e) {
      assert.is((e as FsError).detail, `Permission denied: user=bob, access=${name}, inode="/user/alice/d":alice:staff:rwxr-x---`);
    }
  }
});

t('modeString renders rwx triplets including absent bits', () => {
  assert.is(modeString(0o755), 'rwxr-xr-x');
  assert.is(modeString(0o640), 'rw-r-----');
  assert.is(modeString(0), '---------');
  assert.is(modeString(0o1777), 'rwxrwxrwx');
});

t('checkOwner passes the owner and superusers only', () => {
  checkOwner(U.alice, POLICY, FILE, '/f');
  checkOwner(U.root, POLICY, FILE, '/f');
  checkOwner(U.sam, POLICY, FILE, '/f');
  for (const u of [U.carol, U.bob]) {
    try {
      checkOwner(u, POLICY, FILE, '/f');
      assert.unreachable(u.name);
    } catch (e) {
      assert.is((e as FsError).code, 'EACCES');
      assert.match((e as FsError).message, `user=${u.name} is not the owner of inode=/f`);
    }
  }
});

// The same rules through the namespace: traversal needs x on every ancestor.
const n = suite<{ f: Fixture }>('namespace/permissions through the namespace');
let f: Fixture;
n.before(async () => {
  f = await openFixture();
  await f.ns.mkdirs(U.root, '/home', 0o755, false);
  await f.ns.mkdirs(U.root, '/home/alice', 0o700, false);
  await f.ns.setOwner(U.root, '/home/alice', 'alice', 'staff');
  await f.ns.mkdirs(U.alice, '/home/alice/sub', 0o755, false);
});
n.after(async () => f.close());

n('a denied traversal is EACCES even for a missing target; superusers pass', async () => {
  await rejects(f.ns.status(U.bob, '/home/alice/sub'), 'EACCES', /user=bob, access=EXECUTE, inode="\/home\/alice":alice:staff:rwx------/);
  await rejects(f.ns.status(U.bob, '/home/alice/nope'), 'EACCES');
  assert.is((await f.ns.status(U.alice, '/home/alice/sub'))?.type, 'dir');
  assert.is((await f.ns.status(U.sam, '/home/alice/sub'))?.owner, 'alice');
  assert.is(await f.ns.status(U.root, '/home/alice/nope'), undefined);
});

n('setPermission is owner-or-superuser; group members and others are refused', async () => {
  await rejects(f.ns.setPermission(U.carol, '/home/alice', 0o777), 'EACCES', /not the owner/);
  await f.ns.setPermission(U.alice, '/home/alice', 0o750);
  assert.is((await f.ns.status(U.alice, '/home/alice'))?.permission, 0o750);
  assert.ok(await f.ns.status(U.carol, '/home/alice/sub'));
  await rejects(f.ns.status(U.bob, '/home/alice/sub'), 'EACCES');
  await f.ns.setPermission(U.sam, '/home/alice', 0o700);
  await rejects(f.ns.status(U.carol, '/home/alice/sub'), 'EACCES');
});

n('/.reserved is refused outright, even to the superuser', async () => {
  await rejects(f.ns.status(U.root, '/.reserved'), 'EACCES');
  await rejects(f.ns.mkdirs(U.root, '/.reserved/x', 0o755, true), 'EACCES');
});

n('setuid and setgid never reach the volume: create, mkdirs and setPermission keep rwx and the sticky bit', async () => {
  const mode = async (p: string) => (await f.vol.stat(p)).mode & 0o7777;
  await f.ns.create(U.root, '/suid', { permission: 0o4755, overwrite: false, createParent: false, clientName: 'c' });
  assert.is(await mode('/suid'), 0o755);
  await f.ns.mkdirs(U.root, '/sgid/deep', 0o3777, true);
  assert.is(await mode('/sgid/deep'), 0o1777, 'sticky kept, setgid dropped');
  assert.is(await mode('/sgid'), 0o1777, 'intermediate directories too');
  for (const perm of [0o4755, 0o2755, 0o6777, 0o7777]) {
    await f.ns.setPermission(U.root, '/suid', perm);
    assert.is(await mode('/suid'), perm & 0o1777, perm.toString(8));
  }
});

t.run();
n.run();
