import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { BlockRef } from '../../src/blocks/block-ref.js';
import { BLOCK_STAGE, CHECKSUM_TYPE, DT_OP, OpWriteBlockProto } from '../../src/datanode/op-messages.js';
import { BlockOpResponseProto, DT_STATUS, PipelineAckProto } from '../../src/datanode/reply-messages.js';
import { baseHeaderFor, dataPacket, DnConn, heartbeatPacket, opRequest } from './dn-client.js';
import { seededBytes, startFixture } from './fixture.js';
import type { Fixture } from './fixture.js';

const MiB = 1024 * 1024;
const test = suite<{ fx: Fixture }>('datanode/write-block', {} as { fx: Fixture });
test.before.each(async (ctx) => { ctx.fx = await startFixture(); });
test.after.each(async (ctx) => { await ctx.fx.stop(); });

/** Opens a WRITE_BLOCK op as the Go client does and reads the reply (raw bytes too). */
async function writeOp(port: number, ref: BlockRef, stage: number = BLOCK_STAGE.PIPELINE_SETUP_CREATE, numBytes = 0) {
  const c = await DnConn.open(port);
  c.write(opRequest(DT_OP.WRITE_BLOCK, OpWriteBlockProto, {
    header: { baseHeader: baseHeaderFor(ref, numBytes), clientName: 'go-hdfs-test' },
    stage, pipelineSize: 0, minBytesRcvd: numBytes, maxBytesRcvd: numBytes, latestGenerationStamp: 0,
    requestedChecksum: { type: CHECKSUM_TYPE.CRC32, bytesPerChecksum: 512 },
  }));
  const reply = await c.readDelimited(BlockOpResponseProto);
  return { c, reply };
}

async function acks(c: DnConn, n: number): Promise<[number, number[]][]> {
  const out: [number, number[]][] = [];
  for (let i = 0; i < n; i++) {
    const { value } = await c.readDelimited(PipelineAckProto);
    out.push([Number(value.seqno), value.reply]);
  }
  return out;
}

test('odd-sized unaligned packets and a heartbeat are acked in order and land at block start + offsetInBlock', async ({ fx }) => {
  const first = seededBytes(MiB, 1);
  const ref = await fx.file('/w', first, 1, MiB);
  const { c, reply } = await writeOp(fx.port, ref);
  assert.equal([...reply.raw], [0x04, 0x08, 0x00, 0x12, 0x00], 'SUCCESS + firstBadLink "": the 5 bytes real datanodes send');
  const data = seededBytes(700 + 324 + 65536 + 1, 2);
  const cuts: [number, number][] = [[0, 700], [700, 1024], [1024, 1024 + 65536], [1024 + 65536, data.length]];
  const stream = Buffer.concat([
    dataPacket(1, 0, data.subarray(0, 700)),
    dataPacket(2, 700, data.subarray(700, 1024)),
    heartbeatPacket(),
    ...cuts.slice(2).map(([a, b], i) => dataPacket(3 + i, a, data.subarray(a, b))),
    dataPacket(5, data.length, Buffer.alloc(0), { last: true }),
  ]);
  // Odd slices, so packets straddle TCP writes.
  for (let i = 0; i < stream.length; i += 997) c.write(stream.subarray(i, i + 997));
  const first1 = await c.readDelimited(PipelineAckProto);
  assert.equal([...first1.raw], [0x04, 0x08, 0x02, 0x10, 0x00], 'ack of seqno 1: zigzag seqno and one reply');
  assert.equal(await acks(c, 5), [[2, [0]], [-1, [0]], [3, [0]], [4, [0]], [5, [0]]]);
  assert.ok(await c.atEof(), 'the server closes after acking the last packet');
  const on = await fx.volume.readFile('/w');
  assert.is(on.length, MiB + data.length);
  assert.ok(on.subarray(0, MiB).equals(first), 'block 0 untouched');
  assert.ok(on.subarray(MiB).equals(data), 'block 1 as written');
});

test('an append writes from the current length, starting with a packet up to the next chunk boundary', async ({ fx }) => {
  const head = seededBytes(1500, 4);
  const ref = await fx.file('/a', head);
  const { c, reply } = await writeOp(fx.port, ref, BLOCK_STAGE.PIPELINE_SETUP_APPEND, head.length);
  assert.is(reply.value.status, DT_STATUS.SUCCESS);
  const more = seededBytes(2000, 5);
  c.write(Buffer.concat([
    dataPacket(1, 1500, more.subarray(0, 36)),
    dataPacket(2, 1536, more.subarray(36)),
    dataPacket(3, 3500, Buffer.alloc(0), { last: true }),
  ]));
  assert.equal(await acks(c, 3), [[1, [0]], [2, [0]], [3, [0]]]);
  assert.ok((await fx.volume.readFile('/a')).equals(Buffer.concat([head, more])));
});

test('a packet with a bad CRC is refused with ERROR_CHECKSUM and nothing after it is acked or written', async ({ fx }) => {
  const ref = await fx.file('/c', Buffer.alloc(0));
  const { c } = await writeOp(fx.port, ref);
  const data = seededBytes(3 * 4096, 6);
  c.write(Buffer.concat([
    dataPacket(1, 0, data.subarray(0, 4096)),
    dataPacket(2, 4096, data.subarray(4096, 8192), { corruptChunk: 3 }),
    dataPacket(3, 8192, data.subarray(8192)),
  ]));
  assert.equal(await acks(c, 2), [[1, [DT_STATUS.SUCCESS]], [2, [DT_STATUS.ERROR_CHECKSUM]]]);
  assert.ok(await c.atEof(), 'no ack for packet 3');
  assert.ok((await fx.volume.readFile('/c')).equals(data.subarray(0, 4096)));
});

test('data beyond the end of the block is refused with ERROR_INVALID', async ({ fx }) => {
  const ref = await fx.file('/b', Buffer.alloc(0), 0, 4096);
  const { c } = await writeOp(fx.port, ref);
  c.write(Buffer.concat([dataPacket(1, 0, seededBytes(4000)), dataPacket(2, 4000, seededBytes(200))]));
  assert.equal(await acks(c, 2), [[1, [DT_STATUS.SUCCESS]], [2, [DT_STATUS.ERROR_INVALID]]]);
  assert.ok(await c.atEof());
  assert.is((await fx.volume.stat('/b')).size, 4000);
});

test('a missing file is refused in the op reply', async ({ fx }) => {
  const ref = await fx.file('/m', Buffer.alloc(0));
  await fx.volume.unlink('/m');
  const { c, reply } = await writeOp(fx.port, ref);
  assert.is(reply.value.status, DT_STATUS.ERROR);
  assert.match(reply.value.message ?? '', /ENOENT/);
  assert.ok(await c.atEof());
});

// Packets are acked once verified and queued (writes are batched), so a failed volume write
// shows on a later ack, at the latest on the last packet's, which waits for every write.
test('a failing volume write is acked with ERROR by the last packet at the latest, and ends the op', async () => {
  const fx = await startFixture({ faults: { enable: ['write'], every: 1, 'error-no': 'ENOSPC' } });
  try {
    const ref = await fx.file('/e', Buffer.alloc(0));
    const { c } = await writeOp(fx.port, ref);
    c.write(Buffer.concat([dataPacket(1, 0, seededBytes(512)), dataPacket(2, 512, seededBytes(512)), dataPacket(3, 1024, Buffer.alloc(0), { last: true })]));
    const got = await acks(c, 3);
    assert.equal(got.at(-1), [3, [DT_STATUS.ERROR]], 'the last ack reports the failed write');
    assert.ok(await c.atEof());
    assert.is((await fx.volume.stat('/e')).size, 0, 'nothing was written');
  } finally {
    await fx.stop();
  }
});

test.run();
