import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { BLOCK, openFixture, U, writeFile, type Fixture } from './fixture.js';

const t = suite<{ f: Fixture }>('namespace located listing (listLocated)');
let f: Fixture;
t.before(async () => { f = await openFixture(); });
t.after(async () => f.close());

t('files carry every block of their length, untokened; directories carry none', async () => {
  await f.ns.mkdirs(U.root, '/in', 0o755, false);
  await f.ns.mkdirs(U.root, '/in/sub', 0o755, false);
  await writeFile(f.ns, U.root, '/in/a', 2 * BLOCK + 5);
  await writeFile(f.ns, U.root, '/in/empty', 0);
  const l = (await f.ns.listLocated(U.root, '/in', '', 1000))!;
  assert.equal(l.entries.map((e) => e.name), ['a', 'empty', 'sub']);
  assert.is(l.remaining, 0);
  const [a, empty, sub] = l.entries;
  assert.is(a.locations!.fileLength, 2 * BLOCK + 5);
  assert.equal(a.locations!.blocks.map((b) => [b.offset, b.length]), [[0, BLOCK], [BLOCK, BLOCK], [2 * BLOCK, 5]]);
  assert.ok(a.locations!.blocks.every((b) => b.locations.length > 0 && b.token.identifier.length === 0 && b.token.password.length === 0));
  assert.is(a.locations!.isLastBlockComplete, true);
  assert.is(a.blockSize, BLOCK);
  assert.equal(empty.locations!.blocks, []);
  assert.is(sub.locations, undefined);
});

t('a page stops once it holds 1000 locations (blocks × replication), the rest remaining', async () => {
  await f.ns.mkdirs(U.root, '/many', 0o755, false);
  // Three-block files: the page ends with the file that reaches the 1000th location.
  const blob = Buffer.alloc(3 * BLOCK, 0x62);
  for (let i = 0; i < 400; i++) await f.vol.writeFile(`/many/f${String(i).padStart(4, '0')}`, blob);
  const first = (await f.ns.listLocated(U.root, '/many', '', 1000))!;
  assert.is(first.entries.length, Math.ceil(1000 / (3 * f.ns.serverDefaults().replication)));
  assert.is(first.remaining, 400 - first.entries.length);
  const next = (await f.ns.listLocated(U.root, '/many', first.entries.at(-1)!.name, 1000))!;
  assert.is(next.entries[0].name, `f${String(first.entries.length).padStart(4, '0')}`);
});

t('a file lists itself located; a missing path is undefined', async () => {
  const self = (await f.ns.listLocated(U.root, '/in/a', '', 1000))!;
  assert.is(self.entries.length, 1);
  assert.is(self.entries[0].locations!.blocks.length, 3);
  assert.is(await f.ns.listLocated(U.root, '/nope', '', 1000), undefined);
});

t.run();
