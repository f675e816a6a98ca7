import { createHmac } from 'node:crypto';
import { FsError } from 'glusterfs-core';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  blockIdOf, BlockTokenSecretManager, decodeBlockTokenIdentifier, describeIdentifier, encodeBlockTokenIdentifier, POOL_ID,
  type AccessMode, type BlockToken, type BlockTokenIdentifier,
} from '../../src/blocks/index.js';
import { testDerive } from './test-tokens.js';

const GFID = '0c6f4d2a-1b2c-4d5e-8f90-a1b2c3d4e5f6';
const REF = { path: '/f', gfid: GFID, index: 0, blockSize: 1024 };

test('the identifier has HDFS\'s legacy Writable layout, our file range in the trailing handshake bytes', () => {
  const id: BlockTokenIdentifier = {
    expiryDate: 1_700_000_000_000, keyId: 5, userId: 'alice', blockPoolId: 'BP-hcfs', blockId: 42n, modes: ['READ'], ref: REF, holder: '',
  };
  const hex = encodeBlockTokenIdentifier(id).toString('hex');
  const expected = [
    '8a018bcfe56800', // expiryDate vlong
    '05', // keyId vint
    '00000005' + Buffer.from('alice').toString('hex'), // userId: WritableUtils.writeString
    '00000007' + Buffer.from('BP-hcfs').toString('hex'), // blockPoolId
    '2a', // blockId vlong
    '01', '04' + Buffer.from('READ').toString('hex'), // one mode, written as its enum name
    '00', '00', // no storage types, no storage ids
    '19', // handshakeMsg: 25 bytes
    '01', '02' + Buffer.from('/f').toString('hex'), GFID.replace(/-/g, ''), '00', '8e0400', '00', // format, path, gfid, index, blockSize, holder
  ].join('');
  assert.is(hex, expected);
  assert.equal(decodeBlockTokenIdentifier(Buffer.from(hex, 'hex')), id);
  assert.is(describeIdentifier(id), 'block_token_identifier (expiryDate=1700000000000, keyId=5, userId=alice, blockPoolId=BP-hcfs, '
    + 'blockId=42, access modes=[READ], storageTypes= [], storageIds= [])');
});

test('identifiers that are not ours do not decode: protobuf form, unknown modes, bad paths, trailing bytes', () => {
  const good: BlockTokenIdentifier = { expiryDate: 1_700_000_000_000, keyId: 1, userId: 'u', blockPoolId: 'p', blockId: 1n, modes: ['WRITE'], ref: REF, holder: 'c' };
  const bytes = encodeBlockTokenIdentifier(good);
  assert.throws(() => decodeBlockTokenIdentifier(Buffer.from([0x08, 0x01])), /not a legacy/);
  assert.throws(() => decodeBlockTokenIdentifier(Buffer.concat([bytes, Buffer.of(0)])), /after/);
  assert.throws(() => decodeBlockTokenIdentifier(bytes.subarray(0, bytes.length - 3)));
  assert.throws(() => decodeBlockTokenIdentifier(Buffer.from(JSON.stringify({ p: '/f', g: GFID, i: 0, b: 1 }))), /legacy|ends inside|outside/);
  for (const path of ['/d/../etc/passwd', '/..', '/./f', '//f', '/d/f/', 'd/f', '/f\0x']) {
    assert.throws(() => decodeBlockTokenIdentifier(encodeBlockTokenIdentifier({ ...good, ref: { ...REF, path } })), /no valid file range/, path);
  }
  const mode = encodeBlockTokenIdentifier({ ...good, modes: ['READ'] }).toString('latin1').replace('READ', 'ROOT');
  assert.throws(() => decodeBlockTokenIdentifier(Buffer.from(mode, 'latin1')), /unknown access mode/);
});

/** A clock the test moves. */
function clock(start = Date.UTC(2026, 0, 1)) {
  let t = start;
  return { now: () => t, advance: (ms: number) => { t += ms; } };
}

function refused(f: () => unknown, message: RegExp): void {
  try {
    f();
  } catch (e) {
    assert.instance(e, FsError);
    assert.is((e as FsError).code, 'EACCES');
    assert.match((e as FsError).message, message);
    return;
  }
  assert.unreachable(`expected a refusal matching ${message}`);
}

const BLOCK = { poolId: POOL_ID, blockId: blockIdOf(GFID, 0), generationStamp: 1001n };

test('a token verifies for its block and mode, with HMAC-SHA1 over the identifier as its password', () => {
  const c = clock();
  const m = new BlockTokenSecretManager(testDerive, undefined, c.now);
  const t = m.generateToken({ userId: 'alice', blockPoolId: POOL_ID, ref: REF, modes: ['READ'] });
  assert.is(t.kind, 'HDFS_BLOCK_TOKEN');
  assert.is(t.service, '');
  const id = m.checkAccess(t, BLOCK, 'READ');
  assert.equal([id.userId, id.ref, id.expiryDate], ['alice', REF, c.now() + 600 * 60_000]);
  const key = testDerive(`hdfs block token key ${id.keyId}`);
  assert.is(t.password.toString('hex'), createHmac('sha1', key).update(t.identifier).digest('hex'));
});

test('forged, reused, read-only and foreign tokens are refused with HDFS\'s InvalidToken wording', () => {
  const c = clock();
  const m = new BlockTokenSecretManager(testDerive, undefined, c.now);
  const read = m.generateToken({ userId: 'alice', blockPoolId: POOL_ID, ref: REF, modes: ['READ'] });
  const edit = (t: BlockToken, f: (id: BlockTokenIdentifier) => BlockTokenIdentifier): BlockToken =>
    ({ ...t, identifier: encodeBlockTokenIdentifier(f(decodeBlockTokenIdentifier(t.identifier))) });
  refused(() => m.checkAccess({ ...read, password: Buffer.alloc(20) }, BLOCK, 'READ'), /doesn't have the correct token password/);
  refused(() => m.checkAccess({ ...read, password: Buffer.alloc(0) }, BLOCK, 'READ'), /doesn't have the correct token password/);
  refused(() => m.checkAccess(edit(read, (id) => ({ ...id, modes: ['READ', 'WRITE'] as AccessMode[] })), BLOCK, 'WRITE'), /correct token password/);
  refused(() => m.checkAccess(edit(read, (id) => ({ ...id, ref: { ...id.ref, path: '/etc-shadow' } })), BLOCK, 'READ'), /correct token password/);
  refused(() => m.checkAccess(edit(read, (id) => ({ ...id, keyId: id.keyId + 50 })), BLOCK, 'READ'), /Can't re-compute password .*keyID=/);
  refused(() => m.checkAccess(read, BLOCK, 'WRITE'), /doesn't have WRITE permission/);
  refused(() => m.checkAccess(read, { ...BLOCK, blockId: BLOCK.blockId + 1n }, 'READ'), /doesn't apply to block BP-hcfs:blk_\d+_1001/);
  refused(() => m.checkAccess(read, { ...BLOCK, poolId: 'BP-other' }, 'READ'), /doesn't apply to block/);
  refused(() => m.checkAccess({ ...read, kind: 'HCFS_BLOCK_REF' }, BLOCK, 'READ'), /Unable to de-serialize block token identifier/);
  refused(() => m.checkAccess(undefined, BLOCK, 'READ'), /Unable to de-serialize/);
  const other = new BlockTokenSecretManager((p) => createHmac('sha256', 'another volume').update(p).digest(), undefined, c.now);
  refused(() => other.checkAccess(read, BLOCK, 'READ'), /correct token password/);
  // No message names the file's GFID.
  try { m.checkAccess(read, BLOCK, 'WRITE'); } catch (e) { assert.not.ok((e as Error).message.includes(GFID)); }
});

test('keys rotate every interval; a token stays valid until it expires, then is refused', () => {
  const c = clock();
  const m = new BlockTokenSecretManager(testDerive, { lifetimeMs: 5_000, keyUpdateIntervalMs: 1_000 }, c.now);
  const t = m.generateToken({ userId: 'u', blockPoolId: POOL_ID, ref: REF, modes: ['READ'] });
  const first = m.currentKeyId();
  c.advance(4_500);
  assert.is(m.currentKeyId(), first + 4, 'four new keys since');
  m.checkAccess(t, BLOCK, 'READ');
  c.advance(600);
  refused(() => m.checkAccess(t, BLOCK, 'READ'), /is expired\./);
  // A later expiry written into the identifier cannot resurrect it: its key is too old to be honoured.
  const forged = { ...t, identifier: encodeBlockTokenIdentifier({ ...decodeBlockTokenIdentifier(t.identifier), expiryDate: c.now() + 60_000 }) };
  c.advance(1_000);
  refused(() => m.checkAccess(forged, BLOCK, 'READ'), /Can't re-compute password/);
});

test('the service key is needed at start: a volume without one fails currentKeyId with EACCES', () => {
  const m = new BlockTokenSecretManager(() => { throw new FsError('EACCES', 'no service key'); });
  assert.throws(() => m.currentKeyId(), /no service key/);
  assert.throws(() => new BlockTokenSecretManager(testDerive, { lifetimeMs: 0, keyUpdateIntervalMs: 1000 }), RangeError);
});

test.run();
