import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { PATHINFO_XATTR } from '../../../../src/index.js';
import { type DhtFixture, dhtFixture, errnoOf, holders, writeFile } from './fixture.js';

const test = suite('xlators/cluster/dht/pathinfo');

const pathinfo = async (f: DhtFixture, path: string) => (await f.top.getxattr(f.ctx, { path }, PATHINFO_XATTR))[PATHINFO_XATTR]!.toString();
const posix = (brick: string, path: string) => `<POSIX(memory:${brick}):localhost:memory:${brick}${path}>`;

test('a file answers the one brick holding it, wrapped in DISTRIBUTE', async () => {
  const f = dhtFixture({ bricks: 4 });
  await f.top.mkdir(f.ctx, { path: '/d' }, 0o755);
  for (let i = 0; i < 12; i++) {
    const p = `/d/f${i}`;
    await writeFile(f.top, f.ctx, p, 'x');
    const [on] = await holders(f, p);
    assert.is(await pathinfo(f, p), `(<DISTRIBUTE:t-dht> ${posix(f.names[on]!, p)})`);
  }
});

test('a renamed file answers its data brick, not the brick of its link file', async () => {
  const f = dhtFixture({ bricks: 4 });
  await writeFile(f.top, f.ctx, '/a', 'x');
  const [data] = await holders(f, '/a');
  let linked = false;
  for (let k = 0; k < 16 && !linked; k++) {
    const to = `/b${k}`;
    await f.top.rename(f.ctx, { path: k === 0 ? '/a' : `/b${k - 1}` }, { path: to });
    linked = (await holders(f, to)).length > 1;
    assert.is(await pathinfo(f, to), `(<DISTRIBUTE:t-dht> ${posix(f.names[data!]!, to)})`, to);
  }
  assert.ok(linked, 'some rename left a link file');
});

test('a directory answers every child that is up, in order, leaving out failing ones', async () => {
  const f = dhtFixture({ bricks: 3, errorGen: { 1: { 'error-no': 'EIO', failure: 100, enable: ['getxattr'] } } });
  await f.top.mkdir(f.ctx, { path: '/d' }, 0o755);
  assert.is(await pathinfo(f, '/d'), `(<DISTRIBUTE:t-dht> ${posix('t-brick-0', '/d')} ${posix('t-brick-2', '/d')})`);
  f.dht.notify!({ kind: 'child-down', child: 't-err-1' });
  f.dht.notify!({ kind: 'child-down', child: 't-brick-2' });
  assert.is(await pathinfo(f, '/'), `(<DISTRIBUTE:t-dht> ${posix('t-brick-0', '')})`);
});

test('missing entries are ENOENT; a directory with no child answering raises the child error', async () => {
  const f = dhtFixture({ bricks: 2, errorGen: { 0: { 'error-no': 'EIO', failure: 100, enable: ['getxattr'] }, 1: { 'error-no': 'EIO', failure: 100, enable: ['getxattr'] } } });
  assert.is(await errnoOf(f.top.getxattr(f.ctx, { path: '/nope' }, PATHINFO_XATTR)), 'ENOENT');
  assert.is(await errnoOf(f.top.getxattr(f.ctx, { path: '/' }, PATHINFO_XATTR)), 'EIO');
});

test.run();
