import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { openFixture, U, writeFile, type Fixture } from './fixture.js';

const t = suite<{ f: Fixture }>('namespace listing (read-ops list)');
let f: Fixture;
t.before(async () => { f = await openFixture(); });
t.after(async () => f.close());

/** Names whose UTF-8 byte order differs from JavaScript's UTF-16 order ('｡' U+FF61 sorts before '😀' in UTF-8, after it in UTF-16). */
const NAMES = ['a', 'B', 'z', '~', 'é', '｡', '😀', 'aa', 'a b', '0'];
const UTF8_ORDER = ['0', 'B', 'a', 'a b', 'aa', 'z', '~', 'é', '｡', '😀'];

const names = async (path: string, after = '', limit = 1000) => (await f.ns.list(U.root, path, after, limit))!.entries.map((e) => e.name);

t('entries are sorted by UTF-8 bytes, with statuses named by their own name', async () => {
  await f.ns.mkdirs(U.root, '/sorted', 0o755, false);
  for (const n of NAMES) await f.vol.writeFile(`/sorted/${n}`, 'x');
  const l = await f.ns.list(U.root, '/sorted', '', 1000);
  assert.equal(l!.entries.map((e) => e.name), UTF8_ORDER);
  assert.is(l!.remaining, 0);
  const e = l!.entries.find((x) => x.name === 'é')!;
  assert.is(e.type, 'file');
  assert.is(e.length, 1);
  assert.is(e.owner, 'root');
  assert.is(e.blockSize, 4096);
});

t('pages: remaining counts, startAfter in the middle of a page, after a name not in the directory', async () => {
  const p1 = await f.ns.list(U.root, '/sorted', '', 3);
  assert.equal(p1!.entries.map((e) => e.name), UTF8_ORDER.slice(0, 3));
  assert.is(p1!.remaining, UTF8_ORDER.length - 3);
  // Continue after the second entry of the page just returned.
  const mid = await f.ns.list(U.root, '/sorted', UTF8_ORDER[1], 3);
  assert.equal(mid!.entries.map((e) => e.name), UTF8_ORDER.slice(2, 5));
  assert.is(mid!.remaining, UTF8_ORDER.length - 5);
  // A startAfter that never existed continues at the next name in byte order.
  assert.equal(await names('/sorted', 'ab', 2), ['z', '~']);
  assert.equal(await names('/sorted', 'ë', 100), ['｡', '😀']);
  const end = await f.ns.list(U.root, '/sorted', '😀', 3);
  assert.equal(end, { entries: [], remaining: 0 });
  const last = await f.ns.list(U.root, '/sorted', '｡', 3);
  assert.is(last!.entries.length, 1);
  assert.is(last!.remaining, 0);
});

t('continuing after a name deleted since the previous page', async () => {
  await f.ns.mkdirs(U.root, '/gone', 0o755, false);
  for (const n of ['a', 'b', 'c', 'd', 'e']) await f.vol.writeFile(`/gone/${n}`, '');
  const p1 = await f.ns.list(U.root, '/gone', '', 2);
  assert.equal(p1!.entries.map((e) => e.name), ['a', 'b']);
  assert.ok(await f.ns.delete(U.root, '/gone/b', false));
  const p2 = await f.ns.list(U.root, '/gone', 'b', 2);
  assert.equal(p2!.entries.map((e) => e.name), ['c', 'd']);
  assert.is(p2!.remaining, 1);
});

t('a file lists itself with an empty name, once; a missing path is undefined', async () => {
  await writeFile(f.ns, U.root, '/sorted/file', 10);
  const l = await f.ns.list(U.root, '/sorted/file', '', 1000);
  assert.is(l!.entries.length, 1);
  assert.is(l!.entries[0].name, '');
  assert.is(l!.entries[0].length, 10);
  assert.is(l!.remaining, 0);
  assert.equal(await f.ns.list(U.root, '/sorted/file', 'x', 1000), { entries: [], remaining: 0 });
  assert.is(await f.ns.list(U.root, '/missing', '', 1000), undefined);
  assert.is(await f.ns.list(U.root, '/missing/deeper', '', 1000), undefined);
});

t('/.reserved is hidden from a listing of /', async () => {
  await f.ns.setOwner(U.root, '/sorted', 'not-an-os-user', undefined);
  assert.ok(await f.vol.exists('/.reserved/hcfs/users/not-an-os-user'));
  const root = await names('/');
  assert.not.ok(root.includes('.reserved'), root.join(','));
  assert.ok(root.includes('sorted'));
  assert.is((await f.ns.status(U.root, '/sorted'))!.owner, 'not-an-os-user');
});

t('listing needs r+x on a directory and r on a file', async () => {
  await f.ns.mkdirs(U.root, '/private', 0o711, false);
  await f.vol.writeFile('/private/secret', 'x', { mode: 0o600 });
  const err = await f.ns.list(U.alice, '/private', '', 10).catch((e) => e);
  assert.is(err.code, 'EACCES');
  const err2 = await f.ns.list(U.alice, '/private/secret', '', 10).catch((e) => e);
  assert.is(err2.code, 'EACCES');
});

t('2,500 entries page by 1000 with exact remaining counts and no duplicates', async () => {
  await f.ns.mkdirs(U.root, '/big', 0o755, false);
  const all = Array.from({ length: 2500 }, (_, i) => `f${String(i).padStart(5, '0')}`);
  for (let i = 0; i < all.length; i += 250) await Promise.all(all.slice(i, i + 250).map((n) => f.vol.writeFile(`/big/${n}`, '')));
  const seen: string[] = [];
  const remainings: number[] = [];
  let after = '';
  for (;;) {
    const l = await f.ns.list(U.root, '/big', after, 1000);
    seen.push(...l!.entries.map((e) => e.name));
    remainings.push(l!.remaining);
    if (l!.remaining === 0) break;
    after = l!.entries.at(-1)!.name;
  }
  assert.equal(remainings, [1500, 500, 0]);
  assert.equal(seen, all);
});

t.run();
