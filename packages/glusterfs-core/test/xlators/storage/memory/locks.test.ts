import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { createCtx } from '../../../../src/index.js';
import { errnoOf, memoryFixture } from './fixture.js';

const S = suite('xlators/storage/memory/locks');
const ALL = { start: 0, len: 0 };
const a = createCtx({ lkOwner: 'a' });
const b = createCtx({ lkOwner: 'b' });
const c = createCtx({ lkOwner: 'c' });

S('a conflicting trylock fails with EAGAIN; shared locks coexist; the owner never conflicts with itself', async () => {
  const { top } = memoryFixture();
  const root = { path: '/' };
  await top.inodelk(a, 'dom', root, 'lock', 'rd', ALL);
  await top.inodelk(b, 'dom', root, 'trylock', 'rd', ALL);
  assert.is(await errnoOf(top.inodelk(c, 'dom', root, 'trylock', 'wr', ALL)), 'EAGAIN');
  await top.inodelk(a, 'dom3', root, 'lock', 'wr', ALL);
  await top.inodelk(a, 'dom3', root, 'trylock', 'wr', ALL);
  // Another domain is another lock space.
  await top.inodelk(c, 'other', root, 'trylock', 'wr', ALL);
  // Disjoint byte ranges do not conflict.
  await top.inodelk(c, 'dom2', root, 'lock', 'wr', { start: 0, len: 10 });
  await top.inodelk(a, 'dom2', root, 'trylock', 'wr', { start: 10, len: 5 });
});

S('blocked locks are granted in order as holders unlock', async () => {
  const { top } = memoryFixture();
  const root = { path: '/' };
  await top.inodelk(a, 'd', root, 'lock', 'wr', ALL);
  const order: string[] = [];
  const pb = top.inodelk(b, 'd', root, 'lock', 'wr', ALL).then(() => order.push('b'));
  const pc = top.inodelk(c, 'd', root, 'lock', 'wr', ALL).then(() => order.push('c'));
  await top.inodelk(a, 'd', root, 'unlock', 'wr', ALL);
  await pb;
  assert.equal(order, ['b']);
  await top.inodelk(b, 'd', root, 'unlock', 'wr', ALL);
  await pc;
  assert.equal(order, ['b', 'c']);
});

S('unlock without a matching lock is EINVAL', async () => {
  const { top } = memoryFixture();
  await top.inodelk(a, 'd', { path: '/' }, 'lock', 'wr', { start: 0, len: 4 });
  assert.is(await errnoOf(top.inodelk(a, 'd', { path: '/' }, 'unlock', 'wr', { start: 0, len: 5 })), 'EINVAL');
  assert.is(await errnoOf(top.inodelk(b, 'd', { path: '/' }, 'unlock', 'wr', { start: 0, len: 4 })), 'EINVAL');
});

S('a wait abandoned by its deadline fails with ETIMEDOUT', async () => {
  const { top } = memoryFixture();
  await top.inodelk(a, 'd', { path: '/' }, 'lock', 'wr', ALL);
  const ac = new AbortController();
  const late = createCtx({ lkOwner: 'late', signal: ac.signal });
  const waiting = errnoOf(top.inodelk(late, 'd', { path: '/' }, 'lock', 'wr', ALL));
  ac.abort(new DOMException('deadline passed', 'TimeoutError'));
  assert.is(await waiting, 'ETIMEDOUT');
  // The abandoned request is gone: the next owner gets the lock once the holder leaves.
  await top.inodelk(a, 'd', { path: '/' }, 'unlock', 'wr', ALL);
  await top.inodelk(b, 'd', { path: '/' }, 'trylock', 'wr', ALL);
});

S('a client disconnect frees its locks for the waiters', async () => {
  const { graph, top } = memoryFixture();
  const x = createCtx({ lkOwner: 'o', xdata: { 'client-id': 'conn-1' } });
  const y = createCtx({ lkOwner: 'o', xdata: { 'client-id': 'conn-2' } });
  await top.entrylk(x, 'd', { path: '/' }, null, 'lock', 'wr');
  // Same lkOwner on another connection is another owner.
  assert.is(await errnoOf(top.entrylk(y, 'd', { path: '/' }, 'name', 'trylock', 'wr')), 'EAGAIN');
  const waiting = top.entrylk(y, 'd', { path: '/' }, 'name', 'lock', 'wr');
  graph.xlators.get('t-mem')!.notify!({ kind: 'client-disconnect', client: 'conn-1' });
  await waiting;
});

S('entry locks on different names coexist; a whole-directory lock conflicts with each', async () => {
  const { top } = memoryFixture();
  await top.mkdir(a, { path: '/d' }, 0o755);
  await top.entrylk(a, 'd', { path: '/d' }, 'x', 'lock', 'wr');
  await top.entrylk(b, 'd', { path: '/d' }, 'y', 'trylock', 'wr');
  assert.is(await errnoOf(top.entrylk(c, 'd', { path: '/d' }, null, 'trylock', 'wr')), 'EAGAIN');
  assert.is(await errnoOf(top.entrylk(c, 'd', { path: '/d' }, 'x', 'trylock', 'rd')), 'EAGAIN');
  await top.entrylk(a, 'd', { path: '/d' }, 'x', 'unlock', 'wr');
  await top.entrylk(b, 'd', { path: '/d' }, 'y', 'unlock', 'wr');
  await top.entrylk(c, 'd', { path: '/d' }, null, 'trylock', 'wr');
});

S.run();
