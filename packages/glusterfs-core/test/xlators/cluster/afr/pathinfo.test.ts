import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { FsError, PATHINFO_XATTR } from '../../../../src/index.js';
import { type AfrFixture, afrFixture, writeFile } from './fixture.js';

const test = suite('xlators/cluster/afr/pathinfo');

const pathinfo = async (f: AfrFixture, path: string) => (await f.top.getxattr(f.ctx, { path }, PATHINFO_XATTR))[PATHINFO_XATTR]!.toString();
const posix = (i: number, path: string) => `<POSIX(memory:t-mem-${i}):localhost:memory:t-mem-${i}${path}>`;
const replicate = (...parts: string[]) => `(<REPLICATE:t-afr> ${parts.join(' ')})`;

async function code(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return 'ok';
  } catch (e) {
    if (e instanceof FsError) return e.code;
    throw e;
  }
}

test('every replica that is up answers, in child order', async () => {
  const f = afrFixture({ replica: 3 });
  await writeFile(f.top, f.ctx, '/f', 'data');
  await f.top.mkdir(f.ctx, { path: '/d' }, 0o755);
  assert.is(await pathinfo(f, '/f'), replicate(posix(0, '/f'), posix(1, '/f'), posix(2, '/f')));
  assert.is(await pathinfo(f, '/d'), replicate(posix(0, '/d'), posix(1, '/d'), posix(2, '/d')));
  f.down(1);
  assert.is(await pathinfo(f, '/f'), replicate(posix(0, '/f'), posix(2, '/f')));
});

test('the arbiter holds no data and is never listed', async () => {
  const f = afrFixture({ replica: 3, arbiter: true });
  await writeFile(f.top, f.ctx, '/f', 'data');
  assert.is(await pathinfo(f, '/f'), replicate(posix(0, '/f'), posix(1, '/f')));
  f.down(0);
  assert.is(await pathinfo(f, '/f'), replicate(posix(1, '/f')));
  f.down(1);
  assert.is(await code(pathinfo(f, '/f')), 'ENOTCONN', 'only the arbiter is up');
});

test('a replica missing the entry is left out; missing everywhere is ENOENT; nothing up is ENOTCONN', async () => {
  const f = afrFixture({ replica: 2 });
  await writeFile(f.brick(1), f.ctx, '/only-on-1', 'x');
  assert.is(await pathinfo(f, '/only-on-1'), replicate(posix(1, '/only-on-1')));
  assert.is(await code(pathinfo(f, '/nope')), 'ENOENT');
  f.down(0);
  f.down(1);
  assert.is(await code(pathinfo(f, '/')), 'ENOTCONN');
});

test.run();
