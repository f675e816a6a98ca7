import { isFsError } from 'glusterfs-core';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { LEASE_XATTR, type CreateOptions } from '../../src/namespace/index.js';
import { openFixture, rejects, sleep, testNamespace, U, type Fixture } from './fixture.js';

// The fixture's limits: soft 200 ms, hard 400 ms; the sweep runs every 200 ms.
const HARD_MS = 400;

let f: Fixture;
const opts = (clientName: string): CreateOptions => ({ permission: 0o644, overwrite: false, createParent: false, clientName });

/** The lease mark on `path`, or undefined. */
async function mark(path: string): Promise<{ holder: string; renewed: number } | undefined> {
  try {
    return JSON.parse((await f.vol.getxattr(path, LEASE_XATTR)).toString());
  } catch (e) {
    if (isFsError(e, 'ENODATA')) return undefined;
    throw e;
  }
}

/** Polls until `path` has no lease mark; returns how long that took (fails after `limitMs`). */
async function waitRecovered(path: string, limitMs = 5000): Promise<number> {
  const t0 = Date.now();
  while (await mark(path)) {
    if (Date.now() - t0 > limitMs) assert.unreachable(`${path} still leased after ${limitMs} ms`);
    await sleep(20);
  }
  return Date.now() - t0;
}

const t = suite<{ f: Fixture }>('namespace leases');
t.before(async () => { f = await openFixture(); });
t.after(async () => f.close());

t('the sweep recovers a file whose holder stopped renewing, after the hard limit', async () => {
  const t0 = Date.now();
  await f.ns.create(U.root, '/quiet', opts('quiet-client'));
  assert.is((await mark('/quiet'))?.holder, 'quiet-client');
  await waitRecovered('/quiet');
  assert.ok(Date.now() - t0 > HARD_MS, `recovered after ${Date.now() - t0} ms, before the hard limit`);
  // The file stays, closed: anyone may append to it now, and its writer has lost the lease.
  assert.is((await f.ns.status(U.root, '/quiet'))?.type, 'file');
  await rejects(f.ns.addBlock(U.root, '/quiet', 'quiet-client'), 'EPERM');
  assert.ok(await f.ns.complete(U.root, '/quiet', 'quiet-client'), 'completing a recovered file is trivially true');
});

t('renewing keeps a lease past the hard limit and refreshes the mark on the volume', async () => {
  await f.ns.create(U.root, '/renewed', opts('busy-client'));
  const first = (await mark('/renewed'))!.renewed;
  const t0 = Date.now();
  while (Date.now() - t0 < 3 * HARD_MS) {
    f.ns.renewLease('busy-client');
    await sleep(30);
  }
  const m = await mark('/renewed');
  assert.is(m?.holder, 'busy-client');
  assert.ok(m!.renewed > first, 'the mark was rewritten');
  await rejects(f.ns.create(U.root, '/renewed', { ...opts('thief'), overwrite: true }), 'EBUSY');
  await rejects(f.ns.append(U.root, '/renewed', 'thief'), 'EBUSY');
  // Still the holder's to write and close.
  assert.is((await f.ns.addBlock(U.root, '/renewed', 'busy-client')).ref.index, 0);
  assert.ok(await f.ns.complete(U.root, '/renewed', 'busy-client'));
  assert.is(await mark('/renewed'), undefined);
});

t('a holder that stops renewing is recovered, while another client keeps renewing its own', async () => {
  await f.ns.create(U.root, '/keep', opts('keeper'));
  await f.ns.create(U.root, '/drop', opts('dropper'));
  const t0 = Date.now();
  while (await mark('/drop')) {
    if (Date.now() - t0 > 5000) assert.unreachable('/drop never recovered');
    f.ns.renewLease('keeper');
    await sleep(20);
  }
  assert.is((await mark('/keep'))?.holder, 'keeper');
  assert.ok(await f.ns.complete(U.root, '/keep', 'keeper'));
});

t('a second namespace on the same volume sees the lease (the mark lives on the volume)', async () => {
  // Long limits here, so a slow machine cannot let the lease lapse between the calls.
  const long = { leases: { softMs: 10_000, hardMs: 20_000 } };
  const mine = testNamespace(f.vol, long);
  const other = testNamespace(f.vol, long);
  try {
    await mine.create(U.root, '/shared', opts('writer-a'));
    await rejects(other.create(U.root, '/shared', { ...opts('writer-b'), overwrite: true }), 'EBUSY');
    await rejects(other.addBlock(U.root, '/shared', 'writer-b'), 'EPERM');
    assert.is((await other.blockLocations(U.root, '/shared', 0, 1)).underConstruction, true);
    assert.ok(await other.complete(U.root, '/shared', 'writer-a'), 'any namenode may complete for the holder');
    assert.is(await mark('/shared'), undefined);
  } finally {
    mine.close();
    other.close();
  }
});

t('blockLocations reports underConstruction while leased (length without the last block, as HDFS), complete after', async () => {
  await f.ns.create(U.root, '/uc', opts('uc-client'));
  await f.vol.writeFile('/uc', Buffer.alloc(5000), { append: true });
  const open = await f.ns.blockLocations(U.root, '/uc', 0, 10_000);
  assert.is(open.underConstruction, true);
  assert.is(open.isLastBlockComplete, false);
  // Readers add the last block's visible length, which the datanode reports.
  assert.is(open.fileLength, 4096);
  assert.equal(open.blocks.map((b) => b.length), [4096, 904]);
  assert.is(open.lastBlock!.length, 904);
  assert.ok(await f.ns.complete(U.root, '/uc', 'uc-client'));
  const closed = await f.ns.blockLocations(U.root, '/uc', 0, 10_000);
  assert.is(closed.underConstruction, false);
  assert.is(closed.isLastBlockComplete, true);
  assert.is(closed.fileLength, 5000);
});

t.run();
