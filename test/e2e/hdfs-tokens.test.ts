import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { mountVolume, type Volume } from 'glusterfs-core';
import { decodeBlockTokenIdentifier, DT_STATUS, encodeBlockTokenIdentifier, type BlockTokenIdentifier } from 'hcfs-shim';
import { startCluster, waitFor, type TestCluster } from '../support/cluster.js';
import { blockChecksum, readBlock, writeBlock, type BlockAndToken, type DatanodeAnswer } from '../support/dtp-client.js';
import { hdfs, startShim, type TestShim } from '../support/hdfs.js';
import { withNamenode } from '../support/namenode-client.js';

// Block tokens as a hostile client meets them: signed by the namenode (keys derived from the
// volume's service key, so every shim of the volume honours every other's), checked by the
// datanode before it touches the volume. Forged, reused, expired and read-only tokens are
// refused with ERROR_ACCESS_TOKEN, and the file's bytes show nothing was read or written.
const test = suite('e2e/hdfs-tokens');
const MiB = 1024 * 1024;
const GFID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

let cluster: TestCluster;
let gshim: TestShim;
let shortLived: TestShim;
let vol: Volume;
let local = '';
const data = randomBytes(2.5 * MiB);


/** The located blocks a user gets from getBlockLocations, as block + token + datanode. */
async function located(namenode: string, user: string, path: string) {
  const r = await withNamenode(namenode, user, (c) => c.call('getBlockLocations', { src: path, offset: 0n, length: BigInt(data.length) }));
  return r.locations!.blocks.map((lb) => ({
    b: { block: lb.b, token: lb.blockToken } as BlockAndToken,
    datanode: `${lb.locs[0]!.id.ipAddr}:${lb.locs[0]!.id.xferPort}`,
    length: Number(lb.b.numBytes ?? 0n),
  }));
}

function edited(b: BlockAndToken, f: (id: BlockTokenIdentifier) => BlockTokenIdentifier): BlockAndToken {
  return { ...b, token: { ...b.token, identifier: encodeBlockTokenIdentifier(f(decodeBlockTokenIdentifier(b.token.identifier))) } };
}

function refused(a: DatanodeAnswer, message: RegExp, what: string): void {
  assert.is(a.status, DT_STATUS.ERROR_ACCESS_TOKEN, `${what}: status (${a.message})`);
  assert.match(a.message, message, what);
  assert.is(a.after.length, 0, `${what}: nothing follows the refusal`);
  assert.not.match(a.message, GFID, `${what}: no GFID in the message`);
  assert.not.ok(a.message.includes(cluster.home), `${what}: no host path in the message`);
}

async function fileIsIntact(): Promise<void> {
  assert.ok((await vol.readFile('/t/data')).equals(data), 'the file is byte for byte what was put');
}

test.before(async () => {
  cluster = await startCluster({ bricks: 2, replica: 2, hdfs: { blockSize: '1m' } });
  gshim = { namenode: cluster.hdfs!.namenode } as TestShim;
  shortLived = await startShim(cluster, { blockTokenLifetimeMs: 1000, blockSize: '1m' });
  vol = await mountVolume(cluster.volumeSpec);
  local = mkdtempSync(join(tmpdir(), 'gts-hdfs-tokens-'));
  writeFileSync(join(local, 'data'), data);
  for (const args of [['mkdir', '-p', '/t', '/secret'], ['chmod', '777', '/t'], ['chmod', '700', '/secret']]) {
    const r = await hdfs(gshim, args);
    assert.is(r.code, 0, r.err);
  }
  assert.is((await hdfs(gshim, ['put', join(local, 'data'), '/t/data'], { user: 'alice' })).code, 0);
  assert.is((await hdfs(gshim, ['put', join(local, 'data'), '/t/other'], { user: 'alice' })).code, 0);
  assert.is((await hdfs(gshim, ['put', '-', '/secret/f'], { input: 'root only\n' })).code, 0);
  assert.is((await hdfs(gshim, ['chmod', '600', '/secret/f'])).code, 0);
});

test.after(async () => {
  await vol?.unmount();
  await shortLived?.stop();
  await cluster?.stop();
  rmSync(local, { recursive: true, force: true });
});

test('getBlockLocations hands out READ tokens in HDFS\'s layout that read at every shim\'s datanode', async () => {
  const blocks = await located(cluster.hdfs!.namenode, 'alice', '/t/data');
  assert.is(blocks.length, 3);
  const id = decodeBlockTokenIdentifier(blocks[0]!.b.token.identifier);
  assert.is(blocks[0]!.b.token.kind, 'HDFS_BLOCK_TOKEN');
  assert.equal([id.userId, id.modes, id.blockPoolId, id.blockId], ['alice', ['READ'], blocks[0]!.b.block.poolId, blocks[0]!.b.block.blockId]);
  assert.ok(Math.abs(id.expiryDate - (Date.now() + 600 * 60_000)) < 60_000, 'HDFS\'s default 10 h lifetime');
  const ok = await readBlock(blocks[1]!.datanode, blocks[1]!.b, 0, blocks[1]!.length);
  assert.is(ok.status, DT_STATUS.SUCCESS, ok.message);
  assert.ok(ok.after.length > MiB, 'the block\'s packets follow');
  // The other shim's datanode verifies it with the same derived key.
  const [, port] = shortLived.datanode.split(':');
  assert.is((await readBlock(`127.0.0.1:${port}`, blocks[1]!.b, 0, 10)).status, DT_STATUS.SUCCESS);
  assert.is((await blockChecksum(blocks[0]!.datanode, blocks[0]!.b)).status, DT_STATUS.SUCCESS);
});

test('forged tokens (an edited identifier, a zero password, another file\'s path) read nothing', async () => {
  const [b0] = await located(cluster.hdfs!.namenode, 'alice', '/t/data');
  const cases: [string, BlockAndToken][] = [
    ['a token rewritten for the superuser', edited(b0!.b, (id) => ({ ...id, userId: 'root' }))],
    ['a token rewritten to name a root-only file', edited(b0!.b, (id) => ({ ...id, ref: { ...id.ref, path: '/secret/f' } }))],
    ['a token rewritten to the id registry', edited(b0!.b, (id) => ({ ...id, ref: { ...id.ref, path: '/.reserved/hcfs/users/alice' } }))],
    ['a token with a later expiry', edited(b0!.b, (id) => ({ ...id, expiryDate: id.expiryDate + 1e9 }))],
    ['a zero password', { ...b0!.b, token: { ...b0!.b.token, password: Buffer.alloc(20) } }],
    ['an empty password', { ...b0!.b, token: { ...b0!.b.token, password: Buffer.alloc(0) } }],
  ];
  for (const [what, b] of cases) refused(await readBlock(b0!.datanode, b, 0, b0!.length), /doesn't have the correct token password/, what);
  refused(await readBlock(b0!.datanode, { ...b0!.b, token: { ...b0!.b.token, kind: 'HCFS_BLOCK_REF' } }, 0, 10), /Unable to de-serialize/, 'another kind');
  const noToken = await readBlock(b0!.datanode, { block: b0!.b.block } as BlockAndToken, 0, 10);
  refused(noToken, /Unable to de-serialize block token identifier/, 'no token');
  const e = await withNamenode(cluster.hdfs!.namenode, 'alice', (c) => c.fails('getBlockLocations', { src: '/secret/f', offset: 0n, length: 10n }));
  assert.is(e.className, 'org.apache.hadoop.security.AccessControlException', 'alice gets no token for the root-only file');
});

test('reused tokens (another block\'s, another file\'s) are refused for the block they do not name', async () => {
  const [b0, b1] = await located(cluster.hdfs!.namenode, 'alice', '/t/data');
  const [o0] = await located(cluster.hdfs!.namenode, 'alice', '/t/other');
  refused(await readBlock(b1!.datanode, { block: b1!.b.block, token: b0!.b.token }, 0, 10), /doesn't apply to block BP-hcfs:blk_/, 'block 0\'s token on block 1');
  refused(await readBlock(o0!.datanode, { block: o0!.b.block, token: b0!.b.token }, 0, 10), /doesn't apply to block/, 'another file\'s token');
});

test('an expired token is refused ("Block token … is expired."), even by another shim\'s datanode', async () => {
  const [b0] = await located(shortLived.namenode, 'alice', '/t/data');
  const expiry = decodeBlockTokenIdentifier(b0!.b.token.identifier).expiryDate;
  assert.ok(expiry - Date.now() <= 1000, 'the short-lived shim issues 1 s tokens');
  await waitFor('the token to expire', async () => Date.now() > expiry + 50);
  refused(await readBlock(b0!.datanode, b0!.b, 0, b0!.length), /is expired\./, 'expired at the cluster\'s datanode');
  refused(await readBlock(shortLived.datanode, b0!.b, 0, 10), /is expired\./, 'expired at its own datanode');
});

test('a read-only token writes nothing: WRITE_BLOCK is refused and the file is unchanged', async () => {
  const [b0] = await located(cluster.hdfs!.namenode, 'alice', '/t/data');
  const w = await writeBlock(b0!.datanode, b0!.b, Buffer.alloc(256 * 1024, 0x41));
  refused(w, /doesn't have WRITE permission/, 'WRITE_BLOCK with a READ token');
  const asWrite = edited(b0!.b, (id) => ({ ...id, modes: ['READ', 'WRITE'] }));
  refused(await writeBlock(b0!.datanode, asWrite, Buffer.alloc(1024, 0x42)), /correct token password/, 'a READ token edited to WRITE');
  await fileIsIntact();
  const cat = await hdfs(gshim, ['cat', '/t/data'], { user: 'alice' });
  assert.ok(cat.stdout.equals(data), 'hdfs cat reads what was put');
});

test('a WRITE token goes only to the lease holder, and stops writing once the file is complete', async () => {
  await withNamenode(cluster.hdfs!.namenode, 'alice', async (c) => {
    await c.call('create', { src: '/t/w', masked: { perm: 0o644 }, clientName: 'writer-1', createFlag: 1, createParent: false, replication: 2, blockSize: BigInt(MiB) });
    const stranger = await c.fails('addBlock', { src: '/t/w', clientName: 'writer-2' });
    assert.is(stranger.className, 'org.apache.hadoop.security.AccessControlException', 'no block for a client without the lease');
    const lb = (await c.call('addBlock', { src: '/t/w', clientName: 'writer-1' })).block;
    const id = decodeBlockTokenIdentifier(lb.blockToken.identifier);
    assert.equal([id.modes, id.userId, id.holder], [['WRITE'], 'alice', 'writer-1']);
    const b = { block: lb.b, token: lb.blockToken };
    const dn = `${lb.locs[0]!.id.ipAddr}:${lb.locs[0]!.id.xferPort}`;
    refused(await readBlock(dn, b, 0, 10), /doesn't have READ permission/, 'READ_BLOCK with a WRITE token');
    const first = Buffer.alloc(4096, 0x61);
    const w = await writeBlock(dn, b, first, 'writer-1');
    assert.is(w.status, DT_STATUS.SUCCESS, w.message);
    await c.call('complete', { src: '/t/w', clientName: 'writer-1', last: { ...lb.b, numBytes: BigInt(first.length) } });
    refused(await writeBlock(dn, b, Buffer.alloc(4096, 0x7a), 'writer-1'), /does not hold the lease/, 'the same token after complete');
    assert.ok((await vol.readFile('/t/w')).equals(first), 'only the leased write landed');
  });
});

test.run();
