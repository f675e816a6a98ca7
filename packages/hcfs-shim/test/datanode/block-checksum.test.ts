import { createHash } from 'node:crypto';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { crc32c } from '@node-rs/crc32';
import type { BlockRef } from '../../src/blocks/block-ref.js';
import { digestBlock } from '../../src/datanode/block-checksum.js';
import { CHECKSUM_TYPE, DT_OP, OpBlockChecksumProto } from '../../src/datanode/op-messages.js';
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

async function checksumOp(port: number, ref: BlockRef) {
  const c = await DnConn.open(port);
  c.write(opRequest(DT_OP.BLOCK_CHECKSUM, OpBlockChecksumProto, { header: baseHeaderFor(ref) }));
  const { value } = await c.readDelimited(BlockOpResponseProto);
  return value;
}

test('"bar\\n" gives the block digest behind the CLI\'s 27c076e4987344253650d3335a5d08ce', async ({ fx }) => {
  const r = await checksumOp(fx.port, await fx.file('/bar', Buffer.from('bar\n')));
  assert.is(r.status, DT_STATUS.SUCCESS);
  assert.equal(r.checksumResponse && { ...r.checksumResponse, blockChecksum: undefined },
    { bytesPerCrc: 512, crcPerBlock: 1n, blockChecksum: undefined, crcType: CHECKSUM_TYPE.CRC32C });
  assert.is(fileChecksum([r.checksumResponse!.blockChecksum]), '27c076e4987344253650d3335a5d08ce');
});

test('each block of a multi-block file digests only its own bytes, the partial last one included', async ({ fx }) => {
  const content = seededBytes(2 * MiB + 777, 9);
  const md5s: Buffer[] = [];
  for (const index of [0, 1, 2]) {
    const ref = await fx.file('/multi', content, index, MiB);
    const r = await checksumOp(fx.port, ref);
    const block = content.subarray(index * MiB, (index + 1) * MiB);
    assert.is(r.checksumResponse?.crcPerBlock, BigInt(Math.ceil(block.length / 512)));
    assert.ok(r.checksumResponse!.blockChecksum.equals(expectedMd5(block)), `block ${index}`);
    md5s.push(r.checksumResponse!.blockChecksum);
  }
  assert.is(fileChecksum(md5s).length, 32);
});

test('digestBlock over reads that stop short covers only what was read', async () => {
  const data = seededBytes(3 * MiB, 2);
  const shrunk = data.subarray(0, MiB + 100);
  const d = await digestBlock(data.length, async (off, len) => shrunk.subarray(off, off + len));
  assert.is(d.crcPerBlock, Math.ceil(shrunk.length / 512));
  assert.ok(d.md5.equals(expectedMd5(shrunk)));
});

test.run();
