import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { PoolSecrets } from '../../src/mgmt/secrets.js';

const test = suite<{ dir: string }>('mgmt/secrets');
test.before.each((c) => { c.dir = mkdtempSync(join(tmpdir(), 'mgmt-secrets-')); });
test.after.each((c) => { rmSync(c.dir, { recursive: true, force: true }); });

test('the pool secret is made once, kept readable by its owner only, and found again', async ({ dir }) => {
  const a = await PoolSecrets.open(dir);
  const file = join(dir, 'secure', 'pool.key');
  assert.is(statSync(file).mode & 0o777, 0o600);
  assert.is(statSync(join(dir, 'secure')).mode & 0o777, 0o700);
  assert.is(a.pool.length, 32);
  const b = await PoolSecrets.open(dir);
  assert.ok(a.pool.equals(b.pool));
});

test('every member of a pool derives the same volume secrets, different per volume and per use', async ({ dir }) => {
  const a = await PoolSecrets.open(join(dir, 'a'));
  const b = await PoolSecrets.open(join(dir, 'b'));
  assert.is.not(a.brickPassword('v1', 'trusted'), b.brickPassword('v1', 'trusted'), 'two pools differ');
  await b.replace(a.pool);
  assert.is(readFileSync(join(dir, 'b', 'secure', 'pool.key'), 'utf8').trim(), a.pool.toString('hex'));
  const all = new Set<string>();
  for (const s of [a, b]) {
    for (const v of ['v1', 'v2']) {
      all.add(`${v} trusted ${s.brickPassword(v, 'trusted')}`);
      all.add(`${v} client ${s.brickPassword(v, 'client')}`);
      all.add(`${v} service ${s.serviceKey(v)}`);
    }
  }
  const values = [...all].map((e) => e.split(' ')[2]);
  assert.is(all.size, 6, 'both members derive the same six');
  assert.is(new Set(values).size, 6, 'no two uses share a value');
  assert.ok(a.shdSecret().equals(b.shdSecret()));
});

test('a pool.key that is not a secret is refused with what to do', async ({ dir }) => {
  await PoolSecrets.open(dir);
  writeFileSync(join(dir, 'secure', 'pool.key'), 'not hex\n');
  const e = await PoolSecrets.open(dir).then(() => undefined, (x: Error) => x);
  assert.match(e?.message ?? '', 'restore it from another member of the pool');
});

test('leaving a pool makes a fresh secret', async ({ dir }) => {
  const s = await PoolSecrets.open(dir);
  const before = Buffer.from(s.pool);
  await s.replace();
  assert.not.ok(s.pool.equals(before));
  assert.ok((await PoolSecrets.open(dir)).pool.equals(s.pool));
});

test.run();
