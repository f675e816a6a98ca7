import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { BLOCK, openFixture, rejects, U, type Fixture } from './fixture.js';

const t = suite<{ f: Fixture }>('namespace/concat');
let f: Fixture;

/** A complete file holding `data`, written through the volume as a datanode would. */
async function put(path: string, data: string, user = U.root): Promise<void> {
  await f.ns.create(user, path, { permission: 0o644, overwrite: true, createParent: false, clientName: 'w' });
  await f.vol.writeFile(path, data, { append: true });
  await f.ns.complete(user, path, 'w');
}

t.before(async () => {
  f = await openFixture();
  await f.ns.mkdirs(U.root, '/c', 0o777, false);
  await f.ns.mkdirs(U.root, '/other', 0o777, false);
});
t.after(async () => f.close());

t('the sources\' bytes follow the target\'s, the sources are gone, the target keeps its attributes', async () => {
  await put('/c/t', 'target-', U.alice);
  await put('/c/a', 'a'.repeat(BLOCK + 5));
  await put('/c/b', 'bee');
  await f.ns.setPermission(U.root, '/c/t', 0o640);
  await f.ns.setXAttr(U.root, '/c/t', { namespace: 'user', name: 'k', value: Buffer.from('v') }, 3);
  const before = (await f.ns.status(U.root, '/c/t'))!;
  await f.ns.concat(U.root, '/c/t', ['/c/a', '/c/b']);
  assert.is(await f.vol.readFile('/c/t', 'utf8'), `target-${'a'.repeat(BLOCK + 5)}bee`);
  assert.is(await f.ns.status(U.root, '/c/a'), undefined);
  assert.is(await f.ns.status(U.root, '/c/b'), undefined);
  const after = (await f.ns.status(U.root, '/c/t'))!;
  assert.is(after.length, 7 + BLOCK + 5 + 3);
  assert.is(after.owner, 'alice');
  assert.is(after.permission, 0o640);
  assert.ok(after.mtime >= before.mtime);
  assert.equal((await f.ns.getXAttrs(U.root, '/c/t', [{ namespace: 'user', name: 'k' }]))[0]!.value, Buffer.from('v'));
  // Nothing under construction is left behind, and the staging file is gone.
  assert.is((await f.ns.blockLocations(U.root, '/c/t', 0, 1)).underConstruction, false);
  assert.equal(await f.vol.readdir('/.reserved/hcfs/concat'), []);
});

t('HDFS\'s checks and messages, and nothing changes when one fails', async () => {
  await put('/c/t2', 'T');
  await put('/c/s', 'S');
  await put('/other/x', 'X');
  await put('/c/empty', '');
  await f.ns.mkdirs(U.root, '/c/dir', 0o755, false);
  const cases: [string, string[], RegExp, 'EINVAL' | 'ENOENT'][] = [
    ['/c/t2', [], /No sources given/, 'EINVAL'],
    ['/c/missing', ['/c/s'], /File does not exist: \/c\/missing/, 'ENOENT'],
    ['/c/dir', ['/c/s'], /Path is not a file: \/c\/dir/, 'ENOENT'],
    ['/c/t2', ['/c/nope'], /File does not exist: \/c\/nope/, 'ENOENT'],
    ['/c/t2', ['/other/x'], /Source file \/other\/x is not in the same directory with the target \/c\/t2/, 'EINVAL'],
    ['/c/t2', ['/c/t2'], /the src file \/c\/t2 is the same with the target file \/c\/t2/, 'EINVAL'],
    ['/c/t2', ['/c/empty'], /source file \/c\/empty is invalid or empty or underConstruction/, 'EINVAL'],
    ['/c/t2', ['/c/s', '/c/s'], /at least two of the source files are the same/, 'EINVAL'],
  ];
  for (const [trg, srcs, msg, code] of cases) await rejects(f.ns.concat(U.root, trg, srcs), code, msg);
  await f.ns.create(U.root, '/c/open', { permission: 0o644, overwrite: false, createParent: false, clientName: 'w2' });
  await rejects(f.ns.concat(U.root, '/c/open', ['/c/s']), 'EINVAL', /target file \/c\/open is under construction/);
  await rejects(f.ns.concat(U.root, '/c/t2', ['/c/open']), 'EINVAL', /invalid or empty or underConstruction/);
  assert.is(await f.vol.readFile('/c/t2', 'utf8'), 'T');
  assert.is(await f.vol.readFile('/c/s', 'utf8'), 'S');
});

t('a source with a larger block size than the target is refused', async () => {
  await f.ns.create(U.root, '/c/bigblocks', { permission: 0o644, overwrite: false, createParent: false, clientName: 'w', blockSize: BLOCK * 2 });
  await f.vol.writeFile('/c/bigblocks', 'B', { append: true });
  await f.ns.complete(U.root, '/c/bigblocks', 'w');
  await put('/c/t3', 'T');
  await rejects(f.ns.concat(U.root, '/c/t3', ['/c/bigblocks']), 'EINVAL',
    new RegExp(`has preferred block size ${BLOCK * 2} which is greater than the target file's preferred block size ${BLOCK}`));
});

t('permissions: w on the target, r on each source, w on the directory', async () => {
  await f.ns.mkdirs(U.root, '/p', 0o755, false);
  await f.ns.setOwner(U.root, '/p', 'alice', undefined);
  await put('/p/t', 't', U.alice);
  await put('/p/s', 's', U.alice);
  await rejects(f.ns.concat(U.bob, '/p/t', ['/p/s']), 'EACCES', /user=bob, access=WRITE, inode="\/p\/t"/);
  await f.ns.setPermission(U.alice, '/p/t', 0o666);
  await f.ns.setPermission(U.alice, '/p/s', 0o600);
  await rejects(f.ns.concat(U.bob, '/p/t', ['/p/s']), 'EACCES', /access=READ, inode="\/p\/s"/);
  await f.ns.setPermission(U.alice, '/p/s', 0o644);
  await rejects(f.ns.concat(U.bob, '/p/t', ['/p/s']), 'EACCES', /access=WRITE, inode="\/p"/);
  await f.ns.concat(U.alice, '/p/t', ['/p/s']);
  assert.is(await f.vol.readFile('/p/t', 'utf8'), 'ts');
});

t.run();
