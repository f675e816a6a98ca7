import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { FOP_NAMES, createFd } from '../../../../src/index.js';
import { errnoOf, posixFixture } from './fixture.js';

const S = suite<{ dir: string }>('xlators/storage/posix/brick');
S.before.each((c) => { c.dir = mkdtempSync(join(tmpdir(), 'posix-start-')); });
S.after.each((c) => { rmSync(c.dir, { recursive: true, force: true }); });

const V1 = '0b0e5c64-1c87-4d7c-9d4b-8d5c1f1f0001';
const V2 = '0b0e5c64-1c87-4d7c-9d4b-8d5c1f1f0002';

function startError(options: Record<string, string>, dir: string): string {
  try {
    void posixFixture(options, dir).done();
    return 'ok';
  } catch (e) {
    return String((e as Error).message);
  }
}

S('volume-id is stamped at first start and a brick of another volume is refused', async ({ dir }) => {
  assert.is(startError({ 'volume-id': V1 }, dir), 'ok');
  assert.is(startError({ 'volume-id': V1 }, dir), 'ok', 'restart with the same id');
  assert.is(startError({}, dir), 'ok', 'no id asked: no check');
  const msg = startError({ 'volume-id': V2 }, dir);
  assert.match(msg, /belongs to another volume/);
  assert.match(msg, V1);
});

S('a missing brick directory is refused, never created', ({ dir }) => {
  assert.match(startError({}, join(dir, 'not-mounted')), /does not exist/);
  assert.match(startError({ 'volume-id': 'not-a-uuid' }, dir), /EINVAL/);
});

S('every fop is implemented; inodelk and entrylk are left to features/locks', async ({ dir }) => {
  const f = posixFixture({}, dir);
  const x = f.graph.xlators.get('t-posix')!;
  for (const fop of FOP_NAMES) assert.type(x.fops[fop], 'function', fop);
  const l = { path: '/' };
  assert.is(await errnoOf(f.top.inodelk(f.ctx, 'd', l, 'lock', 'wr', { start: 0, len: 0 })), 'ENOSYS');
  assert.is(await errnoOf(f.top.entrylk(f.ctx, 'd', l, null, 'lock', 'wr')), 'ENOSYS');
  await f.done();
});

S('close() closes descriptors that were never released', async ({ dir }) => {
  const f = posixFixture({}, dir);
  const fd = createFd('/f', 1);
  await f.top.create(f.ctx, { path: '/f' }, 1, 0o644, fd);
  await f.done();
  assert.is(await errnoOf(f.top.write(f.ctx, fd, Buffer.from('x'), 0)), 'EBADF');
});

S.run();
