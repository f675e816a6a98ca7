import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { openFixture, rejects, U, writeFile, type Fixture } from './fixture.js';

let f: Fixture;
const st = (path: string) => f.ns.status(U.root, path);

// ---------------------------------------------------------------- mkdirs
const mk = suite<{ f: Fixture }>('namespace tree-ops mkdirs');
mk.before(async () => {
  f = await openFixture();
  await f.ns.mkdirs(U.root, '/proj', 0o777, false);
  await f.ns.setOwner(U.root, '/proj', undefined, 'staff');
  await f.ns.mkdirs(U.root, '/locked', 0o755, false);
});
mk.after(async () => f.close());

mk('creates a directory owned by the caller with the deepest existing ancestor\'s group', async () => {
  assert.is(await f.ns.mkdirs(U.bob, '/proj/x/y/z', 0o750, true), true);
  for (const p of ['/proj/x', '/proj/x/y', '/proj/x/y/z']) {
    const s = (await st(p))!;
    assert.is(s.type, 'dir', p);
    assert.is(s.owner, 'bob', p);
    assert.is(s.group, 'staff', p);
  }
  assert.is((await st('/proj/x/y/z'))!.permission, 0o750);
});

mk('intermediate directories get u+wx added; the leaf keeps exactly the asked bits', async () => {
  await f.ns.mkdirs(U.root, '/proj/m/n', 0o444, true);
  assert.is((await st('/proj/m'))!.permission, 0o744);
  assert.is((await st('/proj/m/n'))!.permission, 0o444);
  await f.ns.mkdirs(U.root, '/proj/s/t', 0o1777, true);
  assert.is((await st('/proj/s'))!.permission, 0o1777);
  assert.is((await st('/proj/s/t'))!.permission, 0o1777);
});

mk('an existing directory is true (even without createParent and write access)', async () => {
  assert.is(await f.ns.mkdirs(U.root, '/proj', 0o700, false), true);
  assert.is(await f.ns.mkdirs(U.bob, '/locked', 0o700, false), true);
  assert.is((await st('/proj'))!.permission, 0o777, 'permission untouched');
});

mk('a file in the way is EEXIST; a file as an ancestor is ENOTDIR', async () => {
  await writeFile(f.ns, U.root, '/proj/afile');
  await rejects(f.ns.mkdirs(U.root, '/proj/afile', 0o755, true), 'EEXIST');
  await rejects(f.ns.mkdirs(U.root, '/proj/afile/below', 0o755, true), 'ENOTDIR');
});

mk('a missing parent is ENOENT without createParent and nothing is created', async () => {
  await rejects(f.ns.mkdirs(U.root, '/proj/no/such', 0o755, false), 'ENOENT');
  assert.is(await st('/proj/no'), undefined);
});

mk('the w+x check on the deepest existing ancestor comes before "parent missing"', async () => {
  await rejects(f.ns.mkdirs(U.bob, '/locked/a/b', 0o755, false), 'EACCES', /user=bob, access=WRITE_EXECUTE, inode="\/locked":root:root:rwxr-xr-x/);
  await rejects(f.ns.mkdirs(U.bob, '/locked/a/b', 0o755, true), 'EACCES');
  await rejects(f.ns.mkdirs(U.bob, '/locked/a', 0o755, false), 'EACCES');
  assert.is(await st('/locked/a'), undefined);
  // The supergroup passes.
  assert.ok(await f.ns.mkdirs(U.sam, '/locked/a', 0o755, false));
  assert.is((await st('/locked/a'))!.owner, 'sam');
  assert.is((await st('/locked/a'))!.group, 'root');
});

mk('an HDFS user unknown to the host owns what it creates (registered id)', async () => {
  await f.ns.mkdirs({ name: 'etl', groups: [] }, '/proj/etl', 0o755, false);
  assert.is((await st('/proj/etl'))!.owner, 'etl');
  const uid = (await f.vol.stat('/proj/etl')).uid;
  assert.ok(uid >= 1_000_000);
});

// ---------------------------------------------------------------- delete
const del = suite<{ f: Fixture }>('namespace tree-ops delete');
del.before(async () => {
  f = await openFixture();
  await f.ns.mkdirs(U.root, '/t', 0o777, false);
});
del.after(async () => f.close());

del('false when the path (or its parent) does not exist', async () => {
  assert.is(await f.ns.delete(U.root, '/t/none', false), false);
  assert.is(await f.ns.delete(U.root, '/none/deeper', true), false);
});

del('a file is removed; an empty directory needs no recursive', async () => {
  await writeFile(f.ns, U.root, '/t/f', 5);
  assert.is(await f.ns.delete(U.root, '/t/f', false), true);
  assert.is(await st('/t/f'), undefined);
  await f.ns.mkdirs(U.root, '/t/empty', 0o755, false);
  assert.is(await f.ns.delete(U.root, '/t/empty', false), true);
});

del('a non-empty directory is ENOTEMPTY without recursive, removed with it', async () => {
  await f.ns.mkdirs(U.root, '/t/full/a/b', 0o755, true);
  await writeFile(f.ns, U.root, '/t/full/a/b/f', 1);
  await rejects(f.ns.delete(U.root, '/t/full', false), 'ENOTEMPTY');
  assert.ok(await st('/t/full/a/b/f'));
  assert.is(await f.ns.delete(U.root, '/t/full', true), true);
  assert.is(await st('/t/full'), undefined);
});

del('the root cannot be deleted', async () => {
  await rejects(f.ns.delete(U.root, '/', true), 'EPERM');
});

del('a non-superuser needs w+x on the parent and rwx on the whole subtree', async () => {
  // alice owns /t/mine; a directory deep inside belongs to bob and is closed to others.
  await f.ns.mkdirs(U.alice, '/t/mine/open/closed', 0o777, true);
  await f.ns.setOwner(U.root, '/t/mine/open/closed', 'bob', 'guests');
  await f.ns.setPermission(U.root, '/t/mine/open/closed', 0o700);
  await rejects(f.ns.delete(U.alice, '/t/mine', true), 'EACCES', /user=alice, access=READ_WRITE_EXECUTE, inode="\/t\/mine\/open\/closed":bob:guests:rwx------/);
  assert.ok(await st('/t/mine/open/closed'), 'nothing removed');
  await f.ns.setPermission(U.root, '/t/mine/open/closed', 0o777);
  assert.is(await f.ns.delete(U.alice, '/t/mine', true), true);
  // Parent without w: even one's own file stays.
  await f.ns.mkdirs(U.root, '/t/ro', 0o755, false);
  await writeFile(f.ns, U.root, '/t/ro/f');
  await f.ns.setOwner(U.root, '/t/ro/f', 'alice', undefined);
  await rejects(f.ns.delete(U.alice, '/t/ro/f', false), 'EACCES', /access=WRITE_EXECUTE, inode="\/t\/ro"/);
  // The superuser skips the subtree check.
  await f.ns.mkdirs(U.bob, '/t/bobs/x', 0o700, true);
  await f.ns.setPermission(U.bob, '/t/bobs', 0o700);
  assert.is(await f.ns.delete(U.root, '/t/bobs', true), true);
});

// ---------------------------------------------------------------- rename
const rn = suite<{ f: Fixture }>('namespace tree-ops rename (rename2) and renameLegacy');
rn.before(async () => {
  // Long leases: the lease test below must not see one expire on a slow machine.
  f = await openFixture({ leases: { softMs: 10_000, hardMs: 20_000 } });
  await f.ns.mkdirs(U.root, '/r', 0o777, false);
});
rn.after(async () => f.close());

rn('moves a file to a new name', async () => {
  await writeFile(f.ns, U.root, '/r/a', 3);
  await f.ns.rename(U.root, '/r/a', '/r/b', false);
  assert.is(await st('/r/a'), undefined);
  assert.is((await st('/r/b'))!.length, 3);
});

rn('an existing destination is EEXIST without overwrite; with it a file replaces a file', async () => {
  await writeFile(f.ns, U.root, '/r/src', 7);
  await writeFile(f.ns, U.root, '/r/dst', 1);
  await rejects(f.ns.rename(U.root, '/r/src', '/r/dst', false), 'EEXIST');
  await f.ns.rename(U.root, '/r/src', '/r/dst', true);
  assert.is((await st('/r/dst'))!.length, 7);
  assert.is(await st('/r/src'), undefined);
});

rn('with overwrite a directory replaces an empty directory, not a non-empty one (EIO)', async () => {
  await f.ns.mkdirs(U.root, '/r/d1/inner', 0o755, true);
  await f.ns.mkdirs(U.root, '/r/d2', 0o755, false);
  await f.ns.rename(U.root, '/r/d1', '/r/d2', true);
  assert.is((await st('/r/d2/inner'))!.type, 'dir');
  await f.ns.mkdirs(U.root, '/r/d3', 0o755, false);
  await rejects(f.ns.rename(U.root, '/r/d3', '/r/d2', true), 'EIO', /not empty/);
  assert.ok(await st('/r/d3'));
});

rn('a file and a directory never replace each other (EIO)', async () => {
  await writeFile(f.ns, U.root, '/r/file');
  await f.ns.mkdirs(U.root, '/r/emptydir', 0o755, false);
  await rejects(f.ns.rename(U.root, '/r/file', '/r/emptydir', true), 'EIO');
  await rejects(f.ns.rename(U.root, '/r/emptydir', '/r/file', true), 'EIO');
});

rn('into its own subtree is EIO; the same path is EEXIST; the root is EIO', async () => {
  await f.ns.mkdirs(U.root, '/r/tree/sub', 0o755, true);
  await rejects(f.ns.rename(U.root, '/r/tree', '/r/tree/sub/moved', false), 'EIO');
  await rejects(f.ns.rename(U.root, '/r/tree', '/r/tree', true), 'EEXIST');
  await rejects(f.ns.rename(U.root, '/', '/r/x', false), 'EIO');
  await rejects(f.ns.rename(U.root, '/r/tree', '/', true), 'EIO');
});

rn('a missing source or destination parent is ENOENT; a file as destination parent is ENOTDIR', async () => {
  await rejects(f.ns.rename(U.root, '/r/nope', '/r/x', false), 'ENOENT', /source/);
  await writeFile(f.ns, U.root, '/r/s');
  await rejects(f.ns.rename(U.root, '/r/s', '/r/no/dir/x', false), 'ENOENT', /destination parent/);
  await rejects(f.ns.rename(U.root, '/r/s', '/r/file/x', false), 'ENOTDIR');
});

rn('a non-superuser needs w+x on both parents', async () => {
  await f.ns.mkdirs(U.root, '/r/ro', 0o755, false);
  await writeFile(f.ns, U.root, '/r/ro/f');
  await rejects(f.ns.rename(U.alice, '/r/ro/f', '/r/g', false), 'EACCES', /inode="\/r\/ro"/);
  await writeFile(f.ns, U.alice, '/r/alices');
  await rejects(f.ns.rename(U.alice, '/r/alices', '/r/ro/alices', false), 'EACCES', /inode="\/r\/ro"/);
  await f.ns.rename(U.alice, '/r/alices', '/r/alices2', false);
});

rn('a file under construction keeps its lease across a rename', async () => {
  await f.ns.create(U.root, '/r/open', { permission: 0o644, overwrite: false, createParent: false, clientName: 'w1' });
  await f.ns.rename(U.root, '/r/open', '/r/open2', false);
  await rejects(f.ns.create(U.root, '/r/open2', { permission: 0o644, overwrite: true, createParent: false, clientName: 'w2' }), 'EBUSY');
  assert.ok(await f.ns.complete(U.root, '/r/open2', 'w1'));
});

rn('renameLegacy moves into an existing directory under the source\'s name', async () => {
  await f.ns.mkdirs(U.root, '/r/into', 0o755, false);
  await writeFile(f.ns, U.root, '/r/leg', 2);
  assert.is(await f.ns.renameLegacy(U.root, '/r/leg', '/r/into'), true);
  assert.is((await st('/r/into/leg'))!.length, 2);
  assert.is(await f.ns.renameLegacy(U.root, '/r/into/leg', '/r/leg2'), true);
  assert.ok(await st('/r/leg2'));
  await f.ns.mkdirs(U.root, '/r/dirmove', 0o755, false);
  assert.is(await f.ns.renameLegacy(U.root, '/r/dirmove', '/r/into'), true);
  assert.is((await st('/r/into/dirmove'))!.type, 'dir');
});

rn('renameLegacy answers false instead of failing', async () => {
  await writeFile(f.ns, U.root, '/r/l1');
  await writeFile(f.ns, U.root, '/r/l2');
  await f.ns.mkdirs(U.root, '/r/ltree/sub', 0o755, true);
  const cases: [string, string][] = [
    ['/r/missing', '/r/whatever'], // missing source
    ['/r/l1', '/r/l2'], // existing file destination
    ['/r/l1', '/r/nodir/x'], // missing destination parent
    ['/r/ltree', '/r/ltree/sub'], // into its own subtree (via the existing directory)
    ['/r/ltree', '/r/ltree/sub/deeper'], // into its own subtree
    ['/r/l1', '/r/l1'], // same path
    ['/', '/r/x'], // the root
  ];
  for (const [src, dst] of cases) assert.is(await f.ns.renameLegacy(U.root, src, dst), false, `${src} -> ${dst}`);
  assert.ok(await st('/r/l1'));
  assert.ok(await st('/r/ltree/sub'));
});

rn('renameLegacy still throws a permission failure', async () => {
  await f.ns.mkdirs(U.root, '/r/ro2', 0o755, false);
  await writeFile(f.ns, U.root, '/r/ro2/f');
  await rejects(f.ns.renameLegacy(U.alice, '/r/ro2/f', '/r/elsewhere'), 'EACCES');
});

mk.run();
del.run();
rn.run();
