import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { constants as O } from 'node:fs';
import { S_ISVTX, XATTR, createCtx, createFd } from '../../../../src/index.js';
import { dhtFixture, errnoOf, holders, writeFile } from './fixture.js';

const S = suite('xlators/cluster/dht/dir-ops');

S('rmdir of a directory with a file on any one brick is ENOTEMPTY', async () => {
  const f = dhtFixture();
  await f.top.mkdir(f.ctx, { path: '/d' }, 0o755);
  await writeFile(f.top, f.ctx, '/d/only');
  assert.is(await errnoOf(f.top.rmdir(f.ctx, { path: '/d' })), 'ENOTEMPTY');
  assert.equal(await holders(f, '/d'), [0, 1, 2, 3]);
  await f.top.unlink(f.ctx, { path: '/d/only' });
  await f.top.rmdir(f.ctx, { path: '/d' });
  assert.equal(await holders(f, '/d'), []);
  assert.is(await errnoOf(f.top.lookup(f.ctx, { path: '/d' }, [])), 'ENOENT');
});

S('rmdir cleans stale link files and removes the directory', async () => {
  const f = dhtFixture();
  await f.top.mkdir(f.ctx, { path: '/d' }, 0o755);
  // A link file whose data is gone: what a crash between two steps of a rename leaves.
  const fd = createFd('/d/ghost', 1);
  await f.brick(2).create(f.ctx, { path: '/d/ghost' }, O.O_WRONLY | O.O_CREAT, S_ISVTX, fd);
  await f.brick(2).setxattr(f.ctx, { path: '/d/ghost' }, { [XATTR.DHT_LINKTO]: Buffer.from(`${f.names[0]}\0`) }, 0);
  await f.top.rmdir(f.ctx, { path: '/d' });
  assert.equal(await holders(f, '/d'), []);
});

S('rmdir of a file is ENOTDIR and of / is EBUSY', async () => {
  const f = dhtFixture();
  await writeFile(f.top, f.ctx, '/f');
  assert.is(await errnoOf(f.top.rmdir(f.ctx, { path: '/f' })), 'ENOTDIR');
  assert.is(await errnoOf(f.top.rmdir(f.ctx, { path: '/' })), 'EBUSY');
  assert.is(await errnoOf(f.top.unlink(f.ctx, { path: '/' })), 'EISDIR');
});

S('directory attributes and xattrs change on every brick; DHT\'s own xattrs are refused', async () => {
  const f = dhtFixture();
  await f.top.mkdir(f.ctx, { path: '/d' }, 0o755);
  await f.top.setattr(f.ctx, { path: '/d' }, { mode: 0o700, uid: 5 });
  await f.top.setxattr(f.ctx, { path: '/d' }, { 'user.k': Buffer.from('v') }, 0);
  for (let i = 0; i < 4; i++) {
    const r = await f.brick(i).lookup(f.ctx, { path: '/d' }, ['user.k']);
    assert.is(r.iatt.mode & 0o7777, 0o700);
    assert.is(r.iatt.uid, 5);
    assert.equal(r.xattrs['user.k'], Buffer.from('v'));
  }
  const all = await f.top.getxattr(f.ctx, { path: '/d' }, null);
  assert.not.ok(XATTR.DHT_LAYOUT in all, 'per-brick layouts are not shown above dht');
  assert.is(await errnoOf(f.top.setxattr(f.ctx, { path: '/d' }, { [XATTR.DHT_LAYOUT]: Buffer.alloc(16) }, 0)), 'EPERM');
  await f.top.removexattr(f.ctx, { path: '/d' }, 'user.k');
  assert.is(await errnoOf(f.top.getxattr(f.ctx, { path: '/d' }, 'user.k')), 'ENODATA');
});

S('directory locks of all clients meet on one brick', async () => {
  const f = dhtFixture();
  await f.top.mkdir(f.ctx, { path: '/d' }, 0o755);
  const a = createCtx({ lkOwner: 'a' });
  const b = createCtx({ lkOwner: 'b' });
  await f.top.entrylk(a, 'dom', { path: '/d' }, null, 'lock', 'wr');
  assert.is(await errnoOf(f.top.entrylk(b, 'dom', { path: '/d' }, 'x', 'trylock', 'wr')), 'EAGAIN');
  await f.top.entrylk(a, 'dom', { path: '/d' }, null, 'unlock', 'wr');
  await f.top.inodelk(a, 'dom', { path: '/d' }, 'lock', 'wr', { start: 0, len: 0 });
  assert.is(await errnoOf(f.top.inodelk(b, 'dom', { path: '/d' }, 'trylock', 'wr', { start: 0, len: 0 })), 'EAGAIN');
});

S.run();
