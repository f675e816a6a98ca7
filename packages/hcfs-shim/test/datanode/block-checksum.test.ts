import { createHash } from 'node:crypto';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { crc32c } from '@node-rs/crc32';
import type { BlockRef } from '../../src/blocks/block-ref.js';
import { digestBlock } from '../../src/datanode/block-checksum.js';
import { compositeCrcs } from '../../src/datanode/composite-crc.js';
import { BLOCK_CHECKSUM_TYPE, CHECKSUM_TYPE, DT_OP, OpBlockChecksumProto } from '../../src/datanode/op-messages.js';
import { BlockOpResponseProto, DT_STATUS } from '../../src/datanode/reply-messages.js';
import { baseHeaderFor, DnConn, opRequest } from './dn-client.js';
import { seededBytes, startFixture } from './fixture.js';
import type { Fixture } from './fixture.js';

const MiB = 1024 * 1024;
const test = suite<{ fx: Fixture }>('datanode/block-checksum', {} as { fx: Fixture });
test.before.each(async (ctx) => { ctx.fx = await startFixture(); });
test.after.each(async (ctx) => { await ctx.fx.stop(); });

/** MD5 of the big-endian CRC32C of each 512-byte chunk, computed directly. */
function expectedMd5(block: Buffer): Buffer {
  const sums = Buffer.alloc(Math.ceil(block.length / 512) * 4);
  for (let i = 0; i * 512 < block.length; i++) sums.writeUInt32BE(crc32c(block.subarray(i * 512, (i + 1) * 512)), i * 4);
  return createHash('md5').update(sums).digest();
}

/** What hdfs-cli's `checksum` prints: MD5 of the block MD5s, zero-padded to 32 bytes doubling. */
function fileChecksum(blockMd5s: Buffer[]): string {
  let padded = 32;
  let total = 0;
  const h = createHash('md5');
  for (const b of blockMd5s) {
    h.update(b);
    total += b.length;
    if (padded < total) padded *= 2;
  }
  return h.update(Buffer.alloc(padded - total)).digest('hex');
}

/**
 * BLOCK_CHECKSUM of `numBytes` of the block, as a Java client sends it (the block's length from
 * getBlockLocations, or less for a checksum of a file's first bytes), with `options` if given.
 */
async function checksumOp(port: number, ref: BlockRef, numBytes: number, options?: { blockChecksumType?: number; stripeLength?: bigint }) {
  const c = await DnConn.open(port);
  c.write(opRequest(DT_OP.BLOCK_CHECKSUM, OpBlockChecksumProto, { header: baseHeaderFor(ref, numBytes), blockChecksumOptions: options }));
  const { value } = await c.readDelimited(BlockOpResponseProto);
  return value;
}

/** CRC32C of `data` as 4 big-endian bytes. */
const crcOf = (data: Buffer) => { const b = Buffer.alloc(4); b.writeUInt32BE(crc32c(data)); return b; };

test('"bar\\n" gives the block digest behind the CLI\'s 27c076e4987344253650d3335a5d08ce', async ({ fx }) => {
  const r = await checksumOp(fx.port, await fx.file('/bar', Buffer.from('bar\n')), 4);
  assert.is(r.status, DT_STATUS.SUCCESS);
  assert.equal(r.checksumResponse && { ...r.checksumResponse, blockChecksum: undefined },
    { bytesPerCrc: 512, crcPerBlock: 1n, blockChecksum: undefined, crcType: CHECKSUM_TYPE.CRC32C,
      blockChecksumOptions: { blockChecksumType: BLOCK_CHECKSUM_TYPE.MD5CRC, stripeLength: 0n } });
  assert.is(fileChecksum([r.checksumResponse!.blockChecksum]), '27c076e4987344253650d3335a5d08ce');
});

test('each block of a multi-block file digests only its own bytes, the partial last one included', async ({ fx }) => {
  const content = seededBytes(2 * MiB + 777, 9);
  const md5s: Buffer[] = [];
  for (const index of [0, 1, 2]) {
    const ref = await fx.file('/multi', content, index, MiB);
    const block = content.subarray(index * MiB, (index + 1) * MiB);
    const r = await checksumOp(fx.port, ref, block.length);
    assert.is(r.checksumResponse?.crcPerBlock, BigInt(Math.ceil(block.length / 512)));
    assert.ok(r.checksumResponse!.blockChecksum.equals(expectedMd5(block)), `block ${index}`);
    md5s.push(r.checksumResponse!.blockChecksum);
  }
  assert.is(fileChecksum(md5s).length, 32);
});

test('a checksum of the block\'s first bytes digests only those, a partial last chunk included, and counts the whole block\'s chunks', async ({ fx }) => {
  const content = seededBytes(MiB, 4);
  const ref = await fx.file('/prefix', content, 0, MiB);
  for (const n of [0, 512, 1000, 70_000]) {
    const r = await checksumOp(fx.port, ref, n);
    assert.is(r.status, DT_STATUS.SUCCESS);
    assert.is(r.checksumResponse?.crcPerBlock, BigInt(MiB / 512));
    assert.ok(r.checksumResponse!.blockChecksum.equals(expectedMd5(content.subarray(0, n))), `${n} bytes`);
  }
});

test('COMPOSITE_CRC answers the CRC32C of the block\'s bytes and names the type, as a Java client checks', async ({ fx }) => {
  const content = seededBytes(2 * MiB + 777, 5);
  for (const index of [0, 2]) {
    const block = content.subarray(index * MiB, (index + 1) * MiB);
    const r = await checksumOp(fx.port, await fx.file('/composite', content, index, MiB), block.length, { blockChecksumType: BLOCK_CHECKSUM_TYPE.COMPOSITE_CRC, stripeLength: 0n });
    assert.is(r.status, DT_STATUS.SUCCESS);
    assert.equal(r.checksumResponse?.blockChecksumOptions, { blockChecksumType: BLOCK_CHECKSUM_TYPE.COMPOSITE_CRC, stripeLength: 0n });
    assert.is(r.checksumResponse?.crcType, CHECKSUM_TYPE.CRC32C);
    assert.ok(r.checksumResponse!.blockChecksum.equals(crcOf(block)), `block ${index}`);
  }
});

test('COMPOSITE_CRC with a stripe length answers one CRC per stripe, the last one short', async ({ fx }) => {
  const content = seededBytes(300_000, 6);
  const r = await checksumOp(fx.port, await fx.file('/striped', content, 0, MiB), content.length, { blockChecksumType: BLOCK_CHECKSUM_TYPE.COMPOSITE_CRC, stripeLength: 128n * 1024n });
  const stripes = [0, 1, 2].map((i) => crcOf(content.subarray(i * 128 * 1024, (i + 1) * 128 * 1024)));
  assert.ok(r.checksumResponse!.blockChecksum.equals(Buffer.concat(stripes)));
});

test('an unknown block checksum type is refused with an error status and names the type', async ({ fx }) => {
  const r = await checksumOp(fx.port, await fx.file('/odd', Buffer.from('x')), 1, { blockChecksumType: 7 });
  assert.is(r.status, DT_STATUS.ERROR);
  assert.match(r.message ?? '', 'Unrecognized BlockChecksumType: 7');
});

test('compositeCrcs over reads that stop short covers only what was read, and nothing for an empty range', async () => {
  const data = seededBytes(3 * MiB, 3);
  const shrunk = data.subarray(0, MiB + 100);
  assert.ok((await compositeCrcs(data.length, 0, async (off, len) => shrunk.subarray(off, off + len))).equals(crcOf(shrunk)));
  assert.is((await compositeCrcs(0, 0, async () => Buffer.alloc(0))).length, 0);
});

test('digestBlock over reads that stop short covers only what was read', async () => {
  const data = seededBytes(3 * MiB, 2);
  const shrunk = data.subarray(0, MiB + 100);
  const d = await digestBlock(data.length, async (off, len) => shrunk.subarray(off, off + len));
  assert.is(d.crcPerBlock, Math.ceil(shrunk.length / 512));
  assert.ok(d.md5.equals(expectedMd5(shrunk)));
});

test.run();
