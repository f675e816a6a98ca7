import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import {
  type CallCtx, type Graph, type LockRange, type Subvol, buildGraph, createCtx, createFd, parseVolfile,
  resolveXlator, silentLogger,
} from '../../../../src/index.js';

interface Ctx { dir: string; graph: Graph; top: Subvol }
const S = suite<Ctx>('xlators/features/locks/translator');

S.before.each(async (c) => {
  c.dir = mkdtempSync(join(tmpdir(), 'locks-brick-'));
  const text = JSON.stringify({
    volume: 't',
    top: 't-locks',
    nodes: [
      { name: 't-locks', type: 'features/locks', children: ['t-posix'] },
      { name: 't-posix', type: 'storage/posix', options: { directory: c.dir } },
    ],
  });
  c.graph = buildGraph(parseVolfile(text), resolveXlator, silentLogger());
  c.top = c.graph.top;
  await c.top.create(as('setup'), { path: '/f' }, 1, 0o644, createFd('/f', 1));
  await c.top.mkdir(as('setup'), { path: '/d' }, 0o755);
});
S.after.each(async (c) => {
  await c.graph.close();
  rmSync(c.dir, { recursive: true, force: true });
});

/** A call from connection `client`, lock owner `owner`. */
function as(client: string, owner = 'o', signal?: AbortSignal): CallCtx {
  return createCtx({ lkOwner: owner, xdata: { 'client-id': client }, signal });
}

const ALL: LockRange = { start: 0, len: 0 };
const F = { path: '/f' };
const D = { path: '/d' };

/** Resolves to 'granted' or the errno, and lets the test see whether it is still pending. */
function track(p: Promise<void>) {
  const t = { state: 'pending' as string, done: p.then(() => { t.state = 'granted'; }, (e: { code: string }) => { t.state = e.code; }) };
  return t;
}

const tick = () => new Promise<void>((r) => setImmediate(r));

S('a conflicting write lock waits until the holder unlocks', async ({ top }) => {
  await top.inodelk(as('A'), 'dom', F, 'lock', 'wr', ALL);
  const b = track(top.inodelk(as('B'), 'dom', F, 'lock', 'wr', { start: 10, len: 5 }));
  await tick();
  assert.is(b.state, 'pending');
  await top.inodelk(as('A'), 'dom', F, 'unlock', 'wr', ALL);
  await b.done;
  assert.is(b.state, 'granted');
});

S('trylock on a held range is EAGAIN; disjoint ranges, read locks and other domains do not conflict', async ({ top }) => {
  await top.inodelk(as('A'), 'dom', F, 'lock', 'wr', { start: 0, len: 100 });
  const cases: [string, Promise<void>, string][] = [
    ['overlapping write', top.inodelk(as('B'), 'dom', F, 'trylock', 'wr', { start: 99, len: 1 }), 'EAGAIN'],
    ['overlapping read', top.inodelk(as('B'), 'dom', F, 'trylock', 'rd', { start: 50, len: 0 }), 'EAGAIN'],
    ['same owner, overlapping', top.inodelk(as('A'), 'dom', F, 'trylock', 'wr', { start: 0, len: 1 }), 'EAGAIN'],
    ['disjoint write', top.inodelk(as('B'), 'dom', F, 'trylock', 'wr', { start: 100, len: 10 }), 'granted'],
    ['other domain', top.inodelk(as('B'), 'other', F, 'trylock', 'wr', ALL), 'granted'],
    ['other inode', top.inodelk(as('B'), 'dom', D, 'trylock', 'wr', ALL), 'granted'],
  ];
  for (const [what, p, want] of cases) {
    const t = track(p);
    await t.done;
    assert.is(t.state, want, what);
  }
  await top.inodelk(as('C'), 'r', F, 'lock', 'rd', ALL);
  await top.inodelk(as('D'), 'r', F, 'trylock', 'rd', ALL);
});

S('waiters are served in order: a reader does not overtake a queued writer', async ({ top }) => {
  await top.inodelk(as('A'), 'dom', F, 'lock', 'rd', ALL);
  const w = track(top.inodelk(as('W'), 'dom', F, 'lock', 'wr', ALL));
  const r = track(top.inodelk(as('R'), 'dom', F, 'lock', 'rd', ALL));
  await tick();
  assert.equal([w.state, r.state], ['pending', 'pending']);
  await top.inodelk(as('A'), 'dom', F, 'unlock', 'rd', ALL);
  await w.done;
  await tick();
  assert.equal([w.state, r.state], ['granted', 'pending']);
  await top.inodelk(as('W'), 'dom', F, 'unlock', 'wr', ALL);
  await r.done;
  assert.is(r.state, 'granted');
});

S('a disconnect frees the client\'s locks and fails its waiters', async ({ graph, top }) => {
  await top.inodelk(as('A'), 'dom', F, 'lock', 'wr', ALL);
  await top.entrylk(as('A'), 'dom', D, 'x', 'lock', 'wr');
  const b = track(top.inodelk(as('B'), 'dom', F, 'lock', 'wr', ALL));
  const be = track(top.entrylk(as('B'), 'dom', D, null, 'lock', 'rd'));
  const a2 = track(top.inodelk(as('A', 'other'), 'dom', F, 'lock', 'wr', ALL));
  await tick();
  graph.xlators.get('t-locks')!.notify!({ kind: 'client-disconnect', client: 'A' });
  await Promise.all([b.done, be.done, a2.done]);
  assert.equal([b.state, be.state, a2.state], ['granted', 'granted', 'ENOTCONN']);
});

S('an aborted waiter leaves the queue and does not block those behind it', async ({ top }) => {
  await top.inodelk(as('A'), 'dom', F, 'lock', 'rd', ALL);
  const ac = new AbortController();
  const w = track(top.inodelk(as('W', 'o', ac.signal), 'dom', F, 'lock', 'wr', ALL));
  const r = track(top.inodelk(as('R'), 'dom', F, 'lock', 'rd', ALL));
  await tick();
  assert.is(r.state, 'pending', 'queued behind the writer');
  ac.abort();
  await Promise.all([w.done, r.done]);
  assert.equal([w.state, r.state], ['ECANCELED', 'granted']);
  // A deadline (AbortSignal.timeout) aborts with a TimeoutError.
  const deadline = new AbortController();
  const t = track(top.inodelk(as('T', 'o', deadline.signal), 'dom', F, 'lock', 'wr', ALL));
  await tick();
  deadline.abort(new DOMException('deadline', 'TimeoutError'));
  await t.done;
  assert.is(t.state, 'ETIMEDOUT');
});

S('entrylk: names conflict with themselves and with a whole-directory lock', async ({ top }) => {
  await top.entrylk(as('A'), 'dom', D, 'x', 'lock', 'wr');
  const cases: [string, Promise<void>, string][] = [
    ['same name', top.entrylk(as('B'), 'dom', D, 'x', 'trylock', 'rd'), 'EAGAIN'],
    ['whole dir', top.entrylk(as('B'), 'dom', D, null, 'trylock', 'rd'), 'EAGAIN'],
    ['other name', top.entrylk(as('B'), 'dom', D, 'y', 'trylock', 'wr'), 'granted'],
  ];
  for (const [what, p, want] of cases) {
    const t = track(p);
    await t.done;
    assert.is(t.state, want, what);
  }
  const whole = track(top.entrylk(as('C'), 'dom', D, null, 'lock', 'wr'));
  await top.entrylk(as('A'), 'dom', D, 'x', 'unlock', 'wr');
  await tick();
  assert.is(whole.state, 'pending', 'y is still held');
  await top.entrylk(as('B'), 'dom', D, 'y', 'unlock', 'wr');
  await whole.done;
  assert.is(whole.state, 'granted');
});

S('locks follow the inode across a rename and can be released after an unlink', async ({ top }) => {
  await top.inodelk(as('A'), 'dom', F, 'lock', 'wr', ALL);
  await top.rename(as('A'), F, { path: '/g' });
  const t = track(top.inodelk(as('B'), 'dom', { path: '/g' }, 'trylock', 'wr', ALL));
  await t.done;
  assert.is(t.state, 'EAGAIN', 'the lock moved with the inode');
  const w = track(top.inodelk(as('B'), 'dom', { path: '/g' }, 'lock', 'wr', ALL));
  await top.inodelk(as('A'), 'dom', { path: '/g' }, 'unlock', 'wr', ALL);
  await w.done;
  assert.is(w.state, 'granted');
  await top.unlink(as('B'), { path: '/g' });
  await top.inodelk(as('B'), 'dom', { path: '/g' }, 'unlock', 'wr', ALL);
  await top.inodelk(as('B'), 'dom', { path: '/g' }, 'unlock', 'wr', ALL);
});

S('bad arguments are EINVAL; locking a missing inode is ENOENT; other fops pass through', async ({ top }) => {
  const bad = [
    top.inodelk(as('A'), 'dom', F, 'lock', 'wr', { start: -1, len: 0 }),
    top.inodelk(as('A'), 'dom', F, 'lock', 'xx' as 'wr', ALL),
    top.entrylk(as('A'), 'dom', D, 'a/b', 'lock', 'wr'),
  ];
  for (const p of bad) {
    const t = track(p);
    await t.done;
    assert.is(t.state, 'EINVAL');
  }
  const m = track(top.inodelk(as('A'), 'dom', { path: '/none' }, 'lock', 'wr', ALL));
  await m.done;
  assert.is(m.state, 'ENOENT');
  assert.is((await top.stat(as('A'), F)).size, 0);
});

S.run();
