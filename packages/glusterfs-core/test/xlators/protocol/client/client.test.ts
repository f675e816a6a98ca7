import { constants } from 'node:fs';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { BrickServer } from '../../../../src/brick/index.js';
import { FsError } from '../../../../src/errors/index.js';
import { blockDigests, createCtx, createFd, isDir, type Subvol } from '../../../../src/fop/index.js';
import { newGfid } from '../../../../src/format/index.js';
import { silentLogger } from '../../../../src/log/index.js';
import { createRpcServer } from '../../../../src/rpc/index.js';
import { buildGraph, parseVolfile, type Graph } from '../../../../src/volume/index.js';
import { clientGraph, memoryBrickGraph, resolve, serveBrick, waitUp } from './harness.js';
import { fsErrnoOf } from '../../../errno-of.js';

const test = suite('protocol/client');
const ctx = () => createCtx({ uid: 0, gid: 0 });

let brickGraph: Graph;
let brick: BrickServer;
let client: Graph;
let top: Subvol;

test.before(async () => {
  brickGraph = memoryBrickGraph();
  brick = await serveBrick(brickGraph);
  ({ graph: client } = clientGraph({ 'brick-port': brick.port }));
  top = client.top;
  await waitUp(client);
});

test.after(async () => {
  await client.close();
  await brick.close();
  await brickGraph.close();
});

test('fops of every argument kind travel to the brick and back', async () => {
  await top.mkdir(ctx(), { path: '/d', gfid: newGfid() }, 0o755);
  const fd = createFd('/d/f', constants.O_RDWR | constants.O_CREAT);
  const gfid = newGfid();
  const created = await top.create(ctx(), { path: '/d/f', gfid }, fd.flags, 0o644, fd);
  assert.is(created.gfid, gfid);
  await top.write(ctx(), fd, Buffer.from('hello brick'), 0);
  assert.is((await top.read(ctx(), fd, 100, 6)).toString(), 'brick');
  assert.equal(await top.rchecksum(ctx(), fd, 0, 100, 4), blockDigests(Buffer.from('hello brick'), 4));
  assert.is((await top.fstat(ctx(), fd)).size, 11);
  await top.flush(ctx(), fd);
  await top.release(ctx(), fd);

  const looked = await top.lookup(ctx(), { path: '/d/f' }, []);
  assert.is(looked.iatt.gfid, gfid);
  await top.setxattr(ctx(), { path: '/d/f' }, { 'user.k': Buffer.from('v') }, 0);
  assert.equal((await top.getxattr(ctx(), { path: '/d/f' }, 'user.k'))['user.k'], Buffer.from('v'));
  await top.rename(ctx(), { path: '/d/f' }, { path: '/d/g' });

  const dfd = createFd('/d', 0, true);
  await top.opendir(ctx(), { path: '/d' }, dfd);
  const page = await top.readdir(ctx(), dfd, 0, 100);
  assert.equal(page.entries.map((e) => e.name), ['g']);
  await top.releasedir(ctx(), dfd);

  assert.ok(isDir(await top.stat(ctx(), { path: '/d' })));
  assert.ok((await top.statfs(ctx(), { path: '/' })).bsize > 0);
  await top.unlink(ctx(), { path: '/d/g' });
  await top.rmdir(ctx(), { path: '/d' });
});

test('create, write, flush and release sent without waiting land on the brick in order', async () => {
  const fds = Array.from({ length: 20 }, (_, i) => createFd(`/p${i}`, constants.O_WRONLY));
  const calls = fds.flatMap((fd, i) => [
    top.create(ctx(), { path: fd.path, gfid: newGfid() }, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, 0o644, fd),
    top.write(ctx(), fd, Buffer.from(`file ${i}`), 0),
    top.flush(ctx(), fd),
    top.release(ctx(), fd),
  ]);
  await Promise.all(calls);
  assert.is(brick.openFds, 0);
  for (const [i, fd] of fds.entries()) {
    const r = createFd(fd.path, constants.O_RDONLY);
    await top.open(ctx(), { path: fd.path }, constants.O_RDONLY, r);
    assert.is((await top.read(ctx(), r, 100, 0)).toString(), `file ${i}`);
    await top.release(ctx(), r);
    await top.unlink(ctx(), { path: fd.path });
  }
});

test('calls behind a failed create fail with its errno, and so does the fd afterwards', async () => {
  const first = createFd('/dup', constants.O_RDWR);
  await top.create(ctx(), { path: '/dup', gfid: newGfid() }, constants.O_RDWR | constants.O_CREAT, 0o644, first);
  await top.release(ctx(), first);
  const fd = createFd('/dup', constants.O_RDWR);
  const created = top.create(ctx(), { path: '/dup', gfid: newGfid() }, constants.O_RDWR | constants.O_CREAT | constants.O_EXCL, 0o644, fd);
  const wrote = top.write(ctx(), fd, Buffer.from('x'), 0);
  const released = top.release(ctx(), fd);
  assert.equal(await Promise.all([fsErrnoOf(created), fsErrnoOf(wrote), fsErrnoOf(released)]), ['EEXIST', 'EEXIST', 'ok']);
  const again = createFd('/dup', constants.O_RDWR);
  const c2 = top.create(ctx(), { path: '/dup', gfid: newGfid() }, constants.O_RDWR | constants.O_CREAT | constants.O_EXCL, 0o644, again);
  assert.is(await fsErrnoOf(c2), 'EEXIST');
  assert.is(await fsErrnoOf(top.fstat(ctx(), again)), 'EEXIST', 'a later call on the failed fd gets the open\'s errno');
  await top.release(ctx(), again);
  assert.is(brick.openFds, 0);
  await top.unlink(ctx(), { path: '/dup' });
});

test('errnos from the brick arrive as FsError with the same code', async () => {
  assert.is(await fsErrnoOf(top.lookup(ctx(), { path: '/missing' }, [])), 'ENOENT');
  await top.mkdir(ctx(), { path: '/e', gfid: newGfid() }, 0o755);
  assert.is(await fsErrnoOf(top.mkdir(ctx(), { path: '/e', gfid: newGfid() }, 0o755)), 'EEXIST');
  assert.is(await fsErrnoOf(top.fstat(ctx(), createFd('/e', 0))), 'EBADF', 'an fd never opened here is EBADF');
  await top.rmdir(ctx(), { path: '/e' });
});

test('the brick drops a disconnected client\'s locks so another client can take them', async () => {
  const fd = createFd('/lk', constants.O_RDWR);
  await top.create(ctx(), { path: '/lk', gfid: newGfid() }, constants.O_RDWR, 0o644, fd);
  await top.release(ctx(), fd);
  const { graph: other } = clientGraph({ 'brick-port': brick.port });
  await waitUp(other);
  const range = { start: 0, len: 0 };
  await other.top.inodelk(createCtx({ lkOwner: 'a' }), 'dom', { path: '/lk' }, 'lock', 'wr', range);
  assert.is(await fsErrnoOf(top.inodelk(createCtx({ lkOwner: 'b' }), 'dom', { path: '/lk' }, 'trylock', 'wr', range)), 'EAGAIN');
  await other.close();
  const t0 = Date.now();
  while (await fsErrnoOf(top.inodelk(createCtx({ lkOwner: 'b' }), 'dom', { path: '/lk' }, 'trylock', 'wr', range)) === 'EAGAIN') {
    if (Date.now() - t0 > 5000) assert.unreachable('lock was not released on disconnect');
    await new Promise((r) => setTimeout(r, 5));
  }
  await top.inodelk(createCtx({ lkOwner: 'b' }), 'dom', { path: '/lk' }, 'unlock', 'wr', range);
  await top.unlink(ctx(), { path: '/lk' });
});

test('a raw call reaches the brick\'s task program', async () => {
  const x = client.xlators.get('tv-client-0')!;
  const names = (await x.call!('task', 'list', [])) as string[];
  assert.ok(Array.isArray(names));
});

test('while the brick is away fops raise ENOTCONN; afterwards old fds are reopened and keep working', async () => {
  const fd = createFd('/keep', constants.O_RDWR | constants.O_CREAT | constants.O_TRUNC);
  await top.create(ctx(), { path: '/keep', gfid: newGfid() }, fd.flags, 0o644, fd);
  await top.write(ctx(), fd, Buffer.from('survives'), 0);
  const { graph: watcher, events } = clientGraph({ 'brick-port': brick.port });
  await waitUp(watcher);

  const port = brick.port;
  await brick.close();
  await waitUp(client, false);
  assert.is(await fsErrnoOf(top.stat(ctx(), { path: '/keep' })), 'ENOTCONN');
  assert.is(await fsErrnoOf(top.read(ctx(), fd, 8, 0)), 'ENOTCONN');

  brick = await serveBrick(brickGraph, port);
  await waitUp(client);
  await waitUp(watcher);
  assert.is((await top.read(ctx(), fd, 100, 0)).toString(), 'survives', 'the old fd was reopened without truncating');
  await top.write(ctx(), fd, Buffer.from('!'), 8);
  assert.is((await top.stat(ctx(), { path: '/keep' })).size, 9);
  await top.release(ctx(), fd);
  assert.equal(events.map((e) => e.kind), ['child-up', 'child-down', 'child-up']);
  await watcher.close();
});

test('an fd whose file vanished while the brick was away fails with EBADF', async () => {
  const fd = createFd('/gone', constants.O_RDWR);
  await top.create(ctx(), { path: '/gone', gfid: newGfid() }, constants.O_RDWR, 0o644, fd);
  const port = brick.port;
  await brick.close();
  await waitUp(client, false);
  await brickGraph.top.unlink(createCtx(), { path: '/gone' });
  brick = await serveBrick(brickGraph, port);
  await waitUp(client);
  assert.is(await fsErrnoOf(top.read(ctx(), fd, 10, 0)), 'EBADF');
  assert.is(await fsErrnoOf(top.fstat(ctx(), fd)), 'EBADF', 'and it stays dead');
  await top.release(ctx(), fd);
});

test('without brick-port the client asks glusterd\'s port map, and follows a brick to a new port', async () => {
  const asked: unknown[] = [];
  let brickPort = 0;
  const gd = createRpcServer({ log: silentLogger() });
  gd.program('pmap', {
    async portByBrick(args) {
      asked.push(args[0]);
      if (!brickPort) throw new FsError('ENOENT', 'brick not running');
      return brickPort;
    },
  });
  const gdPort = await gd.listen(0, '127.0.0.1');
  const g = memoryBrickGraph();
  const { graph: c } = clientGraph({ 'remote-port': gdPort, 'remote-subvolume': '/bricks/b1' });
  while (asked.length === 0) await new Promise((r) => setTimeout(r, 5));
  assert.not.ok(c.xlators.get('tv-client-0')!.up, 'down while the port map says ENOENT');

  let b = await serveBrick(g);
  brickPort = b.port;
  await waitUp(c);
  assert.is(asked[0], '/bricks/b1');
  await c.top.mkdir(ctx(), { path: '/x', gfid: newGfid() }, 0o755);

  await b.close();
  await waitUp(c, false);
  b = await serveBrick(g);
  brickPort = b.port;
  await waitUp(c);
  assert.ok(isDir(await c.top.stat(ctx(), { path: '/x' })));
  await c.close();
  await b.close();
  await g.close();
  await gd.close();
});

test('a client volfile without remote-host, or without a way to find the port, is EINVAL', () => {
  for (const options of [{ 'brick-port': 1 }, { 'remote-host': 'h' }]) {
    const text = JSON.stringify({ volume: 'v', top: 'c', nodes: [{ name: 'c', type: 'protocol/client', options, children: [] }] });
    try {
      buildGraph(parseVolfile(text), resolve, silentLogger());
      assert.unreachable('should have thrown');
    } catch (e) {
      assert.is((e as FsError).code, 'EINVAL');
    }
  }
});

test.run();
