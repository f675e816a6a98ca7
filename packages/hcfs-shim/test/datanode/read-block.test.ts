import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { CHECKSUM_TYPE, DT_OP, OpReadBlockProto } from '../../src/datanode/op-messages.js';
import { BlockOpResponseProto, DT_STATUS } from '../../src/datanode/reply-messages.js';
import type { BlockRef } from '../../src/blocks/block-ref.js';
import { baseHeaderFor, DnConn, opRequest } from './dn-client.js';
import type { ReadPacket } from './dn-client.js';
import { seededBytes, startFixture } from './fixture.js';
import type { Fixture } from './fixture.js';

const MiB = 1024 * 1024;
const test = suite<{ fx: Fixture }>('datanode/read-block', {} as { fx: Fixture });
test.before.each(async (ctx) => { ctx.fx = await startFixture(); });
test.after.each(async (ctx) => { await ctx.fx.stop(); });

async function readOp(port: number, ref: BlockRef, offset: number, len: number, header = baseHeaderFor(ref)) {
  const c = await DnConn.open(port);
  c.write(opRequest(DT_OP.READ_BLOCK, OpReadBlockProto, { header: { baseHeader: header, clientName: 'go-hdfs-test' }, offset, len }));
  const resp = (await c.readDelimited(BlockOpResponseProto)).value;
  return { c, resp };
}

/** Reads packets until the empty last one; returns the data packets and their bytes joined. */
async function readAll(c: DnConn): Promise<{ packets: ReadPacket[]; data: Buffer }> {
  const packets: ReadPacket[] = [];
  for (;;) {
    const p = await c.readPacket();
    if (p.header.lastPacketInBlock) {
      assert.is(p.header.dataLen, 0, 'the last packet is empty');
      break;
    }
    packets.push(p);
  }
  return { packets, data: Buffer.concat(packets.map((p) => p.data)) };
}

test('a multi-packet read from an unaligned offset starts at the chunk below it, with valid CRC32C everywhere', async ({ fx }) => {
  const content = seededBytes(2 * MiB + MiB / 2, 7);
  const ref = await fx.file('/f', content, 1, MiB);
  const offset = 1000;
  const { c, resp } = await readOp(fx.port, ref, offset, MiB - offset);
  assert.is(resp.status, DT_STATUS.SUCCESS);
  assert.equal(resp.readOpChecksumInfo?.checksum, { type: CHECKSUM_TYPE.CRC32C, bytesPerChecksum: 512 });
  assert.is(resp.readOpChecksumInfo?.chunkOffset, 512n);
  const { packets, data } = await readAll(c);
  assert.ok(packets.length > 1);
  let at = 512;
  for (const [i, p] of packets.entries()) {
    assert.is(Number(p.header.offsetInBlock), at, `packet ${i} offsetInBlock`);
    if (i < packets.length - 1) assert.is(p.data.length, 64 * 1024);
    at += p.data.length;
  }
  assert.ok(data.equals(content.subarray(MiB + 512, 2 * MiB)), 'bytes of block 1 from the chunk of offset 1000');
  assert.ok(await c.atEof(), 'the server half-closes after the last packet');
});

test('a read past the end of the file sends what exists; an offset past the block end is ERROR_INVALID', async ({ fx }) => {
  const content = seededBytes(2 * MiB + 1234, 3);
  const ref = await fx.file('/g', content, 2, MiB);
  const { c, resp } = await readOp(fx.port, ref, 0, MiB);
  assert.is(resp.status, DT_STATUS.SUCCESS);
  const { data } = await readAll(c);
  assert.ok(data.equals(content.subarray(2 * MiB)), 'the 1234 bytes of the partial block');
  const past = await readOp(fx.port, ref, 5000, 10);
  assert.is(past.resp.status, DT_STATUS.ERROR_INVALID);
  assert.ok(await past.c.atEof());
});

test('a file replaced since the token was issued is refused with ERROR and a message', async ({ fx }) => {
  const ref = await fx.file('/h', Buffer.from('old contents'));
  await fx.volume.unlink('/h');
  await fx.volume.writeFile('/h', Buffer.from('new contents'));
  const { c, resp } = await readOp(fx.port, ref, 0, 12);
  assert.is(resp.status, DT_STATUS.ERROR);
  assert.match(resp.message ?? '', /ESTALE/);
  assert.ok(await c.atEof());
});

test('an op without a block token is refused with ERROR_ACCESS_TOKEN', async ({ fx }) => {
  const ref = await fx.file('/i', Buffer.from('x'));
  const { block } = baseHeaderFor(ref);
  const { resp } = await readOp(fx.port, ref, 0, 1, { block } as ReturnType<typeof baseHeaderFor>);
  assert.is(resp.status, DT_STATUS.ERROR_ACCESS_TOKEN);
});

test('a client that closes mid-block does not disturb the server, and the next read works', async ({ fx }) => {
  const content = seededBytes(MiB, 11);
  const ref = await fx.file('/j', content);
  const first = await readOp(fx.port, ref, 0, MiB);
  await first.c.readPacket();
  first.c.close();
  const { c, resp } = await readOp(fx.port, ref, 100, 5000);
  assert.is(resp.status, DT_STATUS.SUCCESS);
  const { data } = await readAll(c);
  assert.ok(data.equals(content.subarray(0, 5100)), 'from chunk 0 to offset + len');
  await first.c.closed;
  assert.equal(fx.logs.filter((l) => !/EPIPE|ECONNRESET/.test(l)), []);
});

test.run();
