import { FsError } from 'glusterfs-core';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { HdfsUser } from '../../src/namespace/index.js';
import { openFixture, rejects, U, writeFile, type Fixture } from './fixture.js';

// Long namespace operations stop between steps once their caller is gone. The signal here
// turns aborted after a given number of checks, so where the work stops is deterministic.
const t = suite('namespace/cancel');
let f: Fixture;
t.before(async () => { f = await openFixture(); });
t.after(async () => f.close());

function goneAfter(checks: number): { user: HdfsUser; checked: () => number } {
  let n = 0;
  const signal = {
    get aborted() { return ++n > checks; },
    reason: new FsError('ECANCELED', 'the client closed its connection'),
  } as unknown as AbortSignal;
  return { user: { ...U.root, signal }, checked: () => n };
}

async function depth(root: string): Promise<number> {
  let d = 0;
  for (let p = root; await f.vol.exists(p); p += '/d') d++;
  return d;
}

t('mkdirs of many levels stops creating once its caller is gone', async () => {
  const caller = goneAfter(40);
  await rejects(f.ns.mkdirs(caller.user, '/deep' + '/d'.repeat(300), 0o755, true), 'ECANCELED', /closed its connection/);
  const made = await depth('/deep');
  assert.ok(made > 0 && made < 50, `stopped early: ${made} levels exist`);
  assert.ok(caller.checked() < 60, 'and did not keep checking');
});

t('a recursive delete stops between steps; what is left is still there, and a second delete finishes it', async () => {
  await f.ns.mkdirs(U.root, '/tree', 0o755, false);
  for (const d of ['a', 'b', 'c']) {
    await f.ns.mkdirs(U.root, `/tree/${d}`, 0o755, false);
    for (let i = 0; i < 40; i++) await writeFile(f.ns, U.root, `/tree/${d}/f${i}`);
  }
  await rejects(f.ns.delete(goneAfter(8).user, '/tree', true), 'ECANCELED');
  assert.ok(await f.vol.exists('/tree'), 'the tree is not gone');
  assert.is(await f.ns.delete(U.root, '/tree', true), true);
  assert.not.ok(await f.vol.exists('/tree'));
});

t('a timed-out call reports ETIMEDOUT', async () => {
  const user = { ...U.root, signal: AbortSignal.abort(new DOMException('timed out', 'TimeoutError')) };
  await rejects(f.ns.status(user, '/a/b/c'), 'ETIMEDOUT');
});

t.run();
