import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { dhtFixture, errnoOf, holders, listDir, readFile, writeFile } from './fixture.js';

const S = suite('xlators/cluster/dht/faults');
const FILE_FOPS = ['open', 'read', 'write', 'fstat', 'stat', 'truncate', 'create'];

S('ENOTCONN injected on one brick fails only the files on that brick', async () => {
  const f = dhtFixture({ errorGen: { 2: { 'error-no': 'ENOTCONN', failure: 100, enable: ['open', 'read', 'stat'] } } });
  for (let i = 0; i < 200; i++) await writeFile(f.top, f.ctx, `/f${i}`, `v${i}`);
  let failed = 0;
  for (let i = 0; i < 200; i++) {
    const [on] = await holders(f, `/f${i}`);
    const r = await errnoOf(readFile(f.top, f.ctx, `/f${i}`));
    if (on === 2) {
      assert.is(r, 'ENOTCONN', `f${i} on the failing brick`);
      failed++;
    } else {
      assert.is(r, 'ok', `f${i} on brick ${on}`);
    }
  }
  assert.ok(failed > 20 && failed < 100);
  assert.is((await listDir(f.top, f.ctx, '/')).length, 200, 'listing is untouched');
});

S('a child reported down: its files fail with ENOTCONN, others work, listings show what is up', async () => {
  const f = dhtFixture();
  await f.top.mkdir(f.ctx, { path: '/d' }, 0o755);
  for (let i = 0; i < 100; i++) await writeFile(f.top, f.ctx, `/d/f${i}`, `v${i}`);
  const on = await Promise.all(Array.from({ length: 100 }, (_, i) => holders(f, `/d/f${i}`).then((h) => h[0])));
  f.dht.notify!({ kind: 'child-down', child: f.names[1] });
  for (let i = 0; i < 100; i++) {
    const r = await errnoOf(readFile(f.top, f.ctx, `/d/f${i}`));
    assert.is(r, on[i] === 1 ? 'ENOTCONN' : 'ok', `f${i} on brick ${on[i]}`);
  }
  await f.top.lookup(f.ctx, { path: '/d' }, []);
  const names = await listDir(f.top, f.ctx, '/d', 7);
  assert.is(names.length, on.filter((b) => b !== 1).length);
  assert.is(await errnoOf(f.top.rmdir(f.ctx, { path: '/d' })), 'ENOTCONN');
  f.dht.notify!({ kind: 'child-up', child: f.names[1] });
  assert.is((await listDir(f.top, f.ctx, '/d')).length, 100);
});

S('a brick down from the start: the volume still serves, creating on the bricks that answer', async () => {
  const all = [...FILE_FOPS, 'lookup', 'getxattr', 'setxattr', 'mkdir', 'opendir', 'readdir', 'inodelk', 'statfs'];
  const f = dhtFixture({ errorGen: { 3: { 'error-no': 'ENOTCONN', failure: 100, enable: all } } });
  let made = 0;
  for (let i = 0; i < 100; i++) if ((await errnoOf(writeFile(f.top, f.ctx, `/f${i}`, 'x'))) === 'ok') made++;
  assert.is(made, 100);
  for (let i = 0; i < 100; i++) assert.is(await readFile(f.top, f.ctx, `/f${i}`), 'x');
  assert.is((await listDir(f.top, f.ctx, '/')).length, 100);
  assert.equal(await holders(f, '/f0').then((h) => h.includes(3)), false);
});

S.run();
