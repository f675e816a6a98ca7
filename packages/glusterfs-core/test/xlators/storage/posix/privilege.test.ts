import { lstatSync } from 'node:fs';
import { getAttributeSync } from '@napi-rs/xattr';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { createCtx, createFd, type FsError } from '../../../../src/index.js';
import { errnoOf, posixFixture, type PosixFixture } from './fixture.js';

// What a client that is not root on a server may not do to brick files: they are plain files on
// the server, so a setuid bit or a file capability there is a privilege on the server.
const S = suite<{ f: PosixFixture }>('xlators/storage/posix privilege');
S.before.each((c) => { c.f = posixFixture(); });
S.after.each(async (c) => { await c.f.done(); });

const client = () => createCtx({ uid: 0, gid: 0, privileged: false });
const modeOf = (f: PosixFixture, p: string) => lstatSync(f.at(p)).mode & 0o7777;

S('an unprivileged create or mkdir gets its mode without setuid and setgid', async ({ f }) => {
  await f.top.create(client(), { path: '/prog' }, 0o101, 0o6755, createFd('/prog', 0o101));
  await f.top.mkdir(client(), { path: '/d' }, 0o2775);
  assert.is(modeOf(f, '/prog'), 0o755);
  assert.is(modeOf(f, '/d'), 0o775);
});

S('an unprivileged chmod may not add setuid or setgid, and may keep or drop bits a privileged caller set', async ({ f }) => {
  await f.top.create(f.ctx, { path: '/prog' }, 0o101, 0o755, createFd('/prog', 0o101));
  for (const mode of [0o4755, 0o2755, 0o6777]) {
    assert.is(await errnoOf(f.top.setattr(client(), { path: '/prog' }, { mode })), 'EPERM', mode.toString(8));
  }
  assert.is(modeOf(f, '/prog'), 0o755, 'nothing was changed');
  await f.top.setattr(f.ctx, { path: '/prog' }, { mode: 0o4755 });
  assert.is(modeOf(f, '/prog'), 0o4755, 'a privileged caller may');
  await f.top.setattr(client(), { path: '/prog' }, { mode: 0o4750 });
  assert.is(modeOf(f, '/prog'), 0o4750, 'keeping a bit is not setting it');
  await f.top.setattr(client(), { path: '/prog' }, { mode: 0o750 });
  assert.is(modeOf(f, '/prog'), 0o750);
});

S('only a privileged caller may set or remove security.* xattrs; user.* is anyone\'s', async ({ f }) => {
  await f.top.mkdir(f.ctx, { path: '/d' }, 0o755);
  const cap = Buffer.from('0000000200200000000000000000000000000000', 'hex');
  for (const name of ['security.capability', 'security.selinux', 'security.anything']) {
    assert.is(await errnoOf(f.top.setxattr(client(), { path: '/d' }, { [name]: cap }, 0)), 'EPERM', name);
    assert.is(await errnoOf(f.top.xattrop(client(), { path: '/d' }, 'add32', { [name]: Buffer.alloc(4) })), 'EPERM', name);
  }
  assert.is(getAttributeSync(f.at('/d'), 'security.capability'), null);
  await f.top.setxattr(client(), { path: '/d' }, { 'user.note': Buffer.from('hi') }, 0);
  await f.top.setxattr(f.ctx, { path: '/d' }, { 'security.gluster-ts-test': Buffer.from('x') }, 0);
  assert.is(await errnoOf(f.top.removexattr(client(), { path: '/d' }, 'security.gluster-ts-test')), 'EPERM');
  await f.top.removexattr(f.ctx, { path: '/d' }, 'security.gluster-ts-test');
});

S('error messages name volume paths, never the brick directory or GFIDs', async ({ f }) => {
  await f.top.mkdir(f.ctx, { path: '/d' }, 0o755);
  const err = await f.top.mkdir(f.ctx, { path: '/d' }, 0o755).catch((e: FsError) => e) as FsError;
  assert.is(err.code, 'EEXIST');
  const long = await f.top.lookup(f.ctx, { path: '/' + 'n'.repeat(300) }, []).catch((e: FsError) => e) as FsError;
  for (const e of [err, long]) {
    assert.not.ok(e.message.includes(f.dir), e.message);
    assert.not.match(e.message, /[0-9a-f]{8}-[0-9a-f]{4}-/);
  }
});

S.run();
