import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { constants as O } from 'node:fs';
import { createFd } from '../../../../src/index.js';
import { blockDigests } from '../../../../src/fop/index.js';
import { dhtFixture, errnoOf, holders, writeFile } from './fixture.js';

const S = suite('xlators/cluster/dht/fd-ops');

S('write, flush and release sent right behind create reach the file\'s child, in order', async () => {
  const f = dhtFixture();
  await f.top.mkdir(f.ctx, { path: '/d' }, 0o755);
  const fds = Array.from({ length: 40 }, (_, i) => createFd(`/d/f${i}`, O.O_WRONLY));
  // Every fop of every file is issued in this one turn; none waits for another's reply.
  const calls = fds.flatMap((fd, i) => [
    f.top.create(f.ctx, { path: fd.path }, O.O_WRONLY | O.O_CREAT | O.O_EXCL, 0o644, fd),
    f.top.write(f.ctx, fd, Buffer.from(`data ${i}`), 0),
    f.top.flush(f.ctx, fd),
    f.top.release(f.ctx, fd),
  ]);
  await Promise.all(calls);
  const on = new Set<number>();
  for (const [i, fd] of fds.entries()) {
    const [at] = await holders(f, fd.path);
    on.add(at);
    const bfd = createFd(fd.path, O.O_RDONLY);
    await f.brick(at).open(f.ctx, { path: fd.path }, O.O_RDONLY, bfd);
    assert.is((await f.brick(at).read(f.ctx, bfd, 100, 0)).toString(), `data ${i}`);
    await f.brick(at).release(f.ctx, bfd);
    assert.is(fd.ctx.size, 0, 'release reached the brick that held the fd');
  }
  assert.ok(on.size > 1, 'the files went to several bricks');
});

S('calls behind a create that fails fail too, and the release is quiet', async () => {
  const f = dhtFixture();
  await writeFile(f.top, f.ctx, '/taken', 'old');
  const fd = createFd('/taken', O.O_WRONLY);
  const created = f.top.create(f.ctx, { path: '/taken' }, O.O_WRONLY | O.O_CREAT | O.O_EXCL, 0o644, fd);
  const wrote = f.top.write(f.ctx, fd, Buffer.from('new'), 0);
  const released = f.top.release(f.ctx, fd);
  assert.is(await errnoOf(created), 'EEXIST');
  assert.is.not(await errnoOf(wrote), 'ok');
  assert.is(await errnoOf(released), 'ok');
  const rfd = createFd('/taken', O.O_RDONLY);
  await f.top.open(f.ctx, { path: '/taken' }, O.O_RDONLY, rfd);
  assert.is((await f.top.read(f.ctx, rfd, 10, 0)).toString(), 'old');
  await f.top.release(f.ctx, rfd);
});

S('a read sent behind an open that a stale location hint misroutes is repeated where the file is', async () => {
  const a = dhtFixture();
  const b = dhtFixture({ shareWith: a });
  // a renames /w to /x (the data stays where /w hashed), so a remembers /x there; b then
  // replaces /x by a new file, which lands where /x hashes: a's hint is stale.
  for (let n = 0; ; n++) {
    const w = `/w${n}`;
    const x = `/x${n}`;
    await writeFile(a.top, a.ctx, w, 'old');
    const [was] = await holders(a, w);
    await a.top.rename(a.ctx, { path: w }, { path: x });
    await b.top.unlink(b.ctx, { path: x });
    await writeFile(b.top, b.ctx, x, 'new');
    const now = await holders(a, x);
    if (now.length !== 1 || now[0] === was) continue;
    const fd = createFd(x, O.O_RDONLY);
    const opened = a.top.open(a.ctx, { path: x }, O.O_RDONLY, fd);
    const read = a.top.read(a.ctx, fd, 100, 0);
    await opened;
    assert.is((await read).toString(), 'new');
    await a.top.release(a.ctx, fd);
    return;
  }
});

S('rchecksum on an fd goes to the child holding the file', async () => {
  const f = dhtFixture();
  const files = Array.from({ length: 8 }, (_, i) => `/f${i}`);
  for (const p of files) await writeFile(f.top, f.ctx, p, `contents of ${p}`);
  for (const p of files) {
    const fd = createFd(p, O.O_RDONLY);
    await f.top.open(f.ctx, { path: p }, O.O_RDONLY, fd);
    assert.equal(await f.top.rchecksum(f.ctx, fd, 0, 1024, 8), blockDigests(Buffer.from(`contents of ${p}`), 8), p);
    await f.top.release(f.ctx, fd);
  }
});

S.run();
