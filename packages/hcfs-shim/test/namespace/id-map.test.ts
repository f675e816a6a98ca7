import type { Volume } from 'glusterfs-core';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { IdMap } from '../../src/namespace/id-map.js';
import { memoryVolume, rejects, testAccounts } from './fixture.js';

const t = suite<{ vol: Volume }>('namespace/id-map');
let vol: Volume;
t.before(async () => { vol = await memoryVolume(); });
t.after(async () => vol.graph.close());

t('names the host knows keep their ids, both ways, without touching the volume', async () => {
  const ids = new IdMap(vol, testAccounts());
  assert.is(await ids.uidOf('alice'), 1001);
  assert.is(await ids.uidOf('root'), 0);
  assert.is(await ids.gidOf('staff'), 1000);
  assert.is(await ids.userOf(1002), 'bob');
  assert.is(await ids.groupOf(1100), 'guests');
  assert.is(ids.cachedName('user', 1001), 'alice');
  assert.is(await vol.exists('/.reserved'), false);
});

t('an unknown user gets a registered id of at least 1,000,000 stored both ways on the volume', async () => {
  const ids = new IdMap(vol, testAccounts());
  const uid = await ids.uidOf('hive');
  assert.ok(Number.isInteger(uid) && uid >= 1_000_000, String(uid));
  assert.is((await vol.readFile('/.reserved/hcfs/users/hive', 'utf8')).trim(), String(uid));
  assert.is((await vol.readFile(`/.reserved/hcfs/user-ids/${uid}`, 'utf8')).trim(), 'hive');
  assert.is(await ids.uidOf('hive'), uid);
  assert.is(await ids.userOf(uid), 'hive');
  const gid = await ids.gidOf('analysts');
  assert.ok(gid >= 1_000_000);
  assert.is((await vol.readFile('/.reserved/hcfs/groups/analysts', 'utf8')).trim(), String(gid));
  assert.is((await vol.readFile(`/.reserved/hcfs/group-ids/${gid}`, 'utf8')).trim(), 'analysts');
});

t('a second IdMap (fresh cache, same volume) resolves the same id and the reverse name', async () => {
  const a = new IdMap(vol, testAccounts());
  const uid = await a.uidOf('spark');
  const b = new IdMap(vol, testAccounts());
  assert.is(await b.userOf(uid), 'spark');
  const c = new IdMap(vol, testAccounts());
  assert.is(await c.uidOf('spark'), uid);
});

t('IdMaps registering the same new names concurrently agree', async () => {
  const names = Array.from({ length: 12 }, (_, i) => `conc-${i}`);
  const maps = [0, 1, 2].map(() => new IdMap(vol, testAccounts()));
  const got = await Promise.all(maps.map((m) => Promise.all(names.map((n) => m.uidOf(n)))));
  assert.equal(got[1], got[0]);
  assert.equal(got[2], got[0]);
  assert.is(new Set(got[0]).size, names.length, 'distinct names get distinct ids');
  const fresh = new IdMap(vol, testAccounts());
  for (const [i, n] of names.entries()) {
    assert.is(await fresh.userOf(got[0][i]), n);
    assert.is(await fresh.uidOf(n), got[0][i]);
  }
  // No stray id claims are left behind by the losers.
  const claims = await vol.readdir('/.reserved/hcfs/user-ids');
  const named = await Promise.all(claims.map((id) => vol.readFile(`/.reserved/hcfs/user-ids/${id}`, 'utf8')));
  for (const n of names) assert.is(named.filter((x) => x.trim() === n).length, 1, n);
});

t('an unregistered uid or gid shows as its number', async () => {
  const ids = new IdMap(vol, testAccounts());
  assert.is(await ids.userOf(424242), '424242');
  assert.is(await ids.groupOf(1_234_567), '1234567');
  assert.is(ids.cachedName('user', 424242), undefined);
});

t('a name registered after a miss is picked up by the IdMap that registers it', async () => {
  const ids = new IdMap(vol, testAccounts());
  const other = new IdMap(vol, testAccounts());
  const uid = await other.uidOf('late');
  // A fresh map that never saw the id resolves it from the volume.
  assert.is(await ids.userOf(uid), 'late');
});

t('invalid names are EINVAL', async () => {
  const ids = new IdMap(vol, testAccounts());
  for (const bad of ['a/b', '', '..', '.', 'x:y', 'n\0ul', 'x'.repeat(256)]) await rejects(ids.uidOf(bad), 'EINVAL');
});

t('names HDFS would refuse never reach the registry: newlines, control characters, spaces, a leading dash', async () => {
  const ids = new IdMap(vol, testAccounts());
  for (const bad of ['evil\nroot', 'tab\tname', 'bell\x07', 'two words', '-opt', 'ünï', 'x'.repeat(255) + 'y']) {
    await rejects(ids.uidOf(bad), 'EINVAL', /is not a valid user name/);
    await rejects(ids.gidOf(bad), 'EINVAL', /is not a valid group name/);
  }
  assert.is(await ids.uidOf('svc_etl.batch-1$') >= 1_000_000, true, 'a machine account name is fine');
});

t('the registry is bounded: past its limit a new name is EDQUOT, known names still resolve', async () => {
  const v = await memoryVolume();
  try {
    const ids = new IdMap(v, testAccounts(), 3);
    const known = [await ids.uidOf('u1'), await ids.uidOf('u2'), await ids.uidOf('u3')];
    await rejects(ids.uidOf('u4'), 'EDQUOT', /holds its limit of 3 names/);
    assert.is(await ids.uidOf('u2'), known[1]);
    // Another shim counts what is on the volume.
    await rejects(new IdMap(v, testAccounts(), 3).uidOf('u5'), 'EDQUOT');
    assert.is(await new IdMap(v, testAccounts(), 3).userOf(known[2]!), 'u3');
    assert.is(await ids.gidOf('g1') >= 1_000_000, true, 'groups have their own limit');
    assert.is((await v.readdir('/.reserved/hcfs/users')).length, 3);
  } finally {
    await v.graph.close();
  }
});

t.run();
