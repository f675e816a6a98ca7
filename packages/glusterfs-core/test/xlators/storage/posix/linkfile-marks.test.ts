import { writeFileSync } from 'node:fs';
import { getAttributeSync } from '@napi-rs/xattr';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { XATTR, createFd, newGfid } from '../../../../src/index.js';
import { posixFixture } from './fixture.js';

const test = suite('xlators/storage/posix/linkfile-marks');
const VOLUME_ID = '6a3f2c1e-0b7d-4e59-9a41-2f8c3d5e7b10';
const marked = (p: string, key: string = XATTR.DHT_LINKFILES) => getAttributeSync(p, key) !== null;

test('a brick new to its volume keeps link-file marks; a brick that already had entries does not claim to', async () => {
  const fresh = posixFixture({ 'volume-id': VOLUME_ID });
  assert.ok(marked(fresh.dir, XATTR.DHT_LINKFILES_TRACKED));
  await fresh.done();
  const old = posixFixture();
  writeFileSync(old.at('/x'), 'x');
  await old.graph.close();
  const again = posixFixture({ 'volume-id': VOLUME_ID }, old.dir);
  assert.not.ok(marked(old.dir, XATTR.DHT_LINKFILES_TRACKED));
  await again.done();
});

test('a link file made in a directory, or renamed into one, marks that directory only', async () => {
  const f = posixFixture({ 'volume-id': VOLUME_ID });
  for (const d of ['/a', '/b', '/c']) await f.top.mkdir(f.ctx, { path: d, gfid: newGfid() }, 0o755);
  const fd = createFd('/a/l', 0o301);
  await f.top.create(f.ctx, { path: '/a/l', gfid: newGfid() }, 0o301, 0o1000, fd);
  await f.top.release(f.ctx, fd);
  await f.top.setxattr(f.ctx, { path: '/a/l' }, { [XATTR.DHT_LINKTO]: Buffer.from('t-client-1\0') }, 0);
  await f.top.setxattr(f.ctx, { path: '/c' }, { 'user.k': Buffer.from('v') }, 0);
  assert.ok(marked(f.at('/a')));
  assert.not.ok(marked(f.at('/b')));
  await f.top.rename(f.ctx, { path: '/a/l' }, { path: '/b/l' });
  assert.ok(marked(f.at('/b')));
  assert.not.ok(marked(f.at('/c')), 'other xattrs and plain files mark nothing');
  await f.done();
});

test.run();
