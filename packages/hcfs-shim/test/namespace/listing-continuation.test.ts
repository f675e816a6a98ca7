// Continuation pages of a listing come from ListingCache: the first page reads and sorts the
// directory, later pages reuse that while the directory's times (read fresh for each page) are
// unchanged. This shim's own changes drop the cache at once; another shim's change shows
// through the directory's mtime/ctime, which are in milliseconds, so the tests of that case
// let the clock move past the first page's millisecond (a change within it is not seen).
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { openFixture, testNamespace, U, type Fixture } from './fixture.js';

const t = suite<{ f: Fixture }>('namespace listing continuation after a change');
let f: Fixture;
t.before(async () => { f = await openFixture(); });
t.after(async () => f.close());

const page = async (ns: Fixture['ns'], dir: string, after: string) =>
  (await ns.list(U.root, dir, after, 10))!.entries.map((e) => e.name).join(',');

t('a delete and a create through the same namespace right after the first page show in the next page', async () => {
  const wrong: string[] = [];
  for (let i = 0; i < 30; i++) {
    const d = `/same${i}`;
    await f.ns.mkdirs(U.root, d, 0o755, false);
    for (const n of ['a', 'b', 'c', 'd']) await f.vol.writeFile(`${d}/${n}`, '');
    await f.ns.list(U.root, d, '', 2);
    await f.ns.delete(U.root, `${d}/c`, false);
    await f.ns.create(U.root, `${d}/e`, { permission: 0o644, overwrite: false, createParent: false, clientName: 'x' });
    const got = await page(f.ns, d, 'b');
    if (got !== 'd,e') wrong.push(`${d}: ${got}`);
  }
  assert.equal(wrong, [], `continuation pages missing the change:\n${wrong.join('\n')}`);
});

t('a delete through another namespace on the same volume shows in the next page', async () => {
  const other = testNamespace(f.vol);
  try {
    await f.ns.mkdirs(U.root, '/other', 0o755, false);
    for (const n of ['a', 'b', 'c', 'd']) await f.vol.writeFile(`/other/${n}`, '');
    await f.ns.list(U.root, '/other', '', 2);
    await new Promise((r) => setTimeout(r, 5));
    assert.ok(await other.delete(U.root, '/other/c', false));
    assert.is(await f.ns.status(U.root, '/other/c'), undefined);
    assert.is(await page(f.ns, '/other', 'b'), 'd');
  } finally {
    other.close();
  }
});

t.run();
