import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { encodeVarint } from '../../src/ipc/index.js';
import { CHECKSUM_TYPE, DT_OP, OpReadBlockProto, OpWriteBlockProto } from '../../src/datanode/op-messages.js';
import { BlockOpResponseProto, DT_STATUS, PipelineAckProto } from '../../src/datanode/reply-messages.js';
import type { BlockRef } from '../../src/blocks/block-ref.js';
import { baseHeaderFor, dataPacket, DnConn, opRequest } from './dn-client.js';
import { startFixture } from './fixture.js';
import type { Fixture } from './fixture.js';

const test = suite<{ fx: Fixture; ref: BlockRef }>('datanode/server', {} as { fx: Fixture; ref: BlockRef });
test.before.each(async (ctx) => {
  ctx.fx = await startFixture({ maxPacketSize: 1024 * 1024 });
  ctx.ref = await ctx.fx.file('/ok', Buffer.from('hello datanode'));
});
test.after.each(async (ctx) => { await ctx.fx.stop(); });

function readRequest(ref: BlockRef): Buffer {
  return opRequest(DT_OP.READ_BLOCK, OpReadBlockProto, { header: { baseHeader: baseHeaderFor(ref), clientName: 'c' }, offset: 0, len: 14 });
}

/** A good read on a fresh connection still works. */
async function stillServes(fx: Fixture, ref: BlockRef, expected = 'hello datanode'): Promise<void> {
  const c = await DnConn.open(fx.port);
  c.write(readRequest(ref));
  assert.is((await c.readDelimited(BlockOpResponseProto)).value.status, DT_STATUS.SUCCESS);
  assert.is((await c.readPacket()).data.toString(), expected);
}

test('a malformed op message closes that connection only; a second connection is served', async ({ fx, ref }) => {
  const bad = await DnConn.open(fx.port);
  const ok = await DnConn.open(fx.port);
  bad.write(Buffer.concat([Buffer.from([0, 28, DT_OP.READ_BLOCK]), encodeVarint(4), Buffer.from([0xff, 0xff, 0xff, 0xff])]));
  assert.ok(await bad.atEof(), 'dropped without a reply');
  ok.write(readRequest(ref));
  assert.is((await ok.readDelimited(BlockOpResponseProto)).value.status, DT_STATUS.SUCCESS);
  assert.ok(fx.logs.some((l) => l.includes('dropping')));
});

test('an oversized op message length is dropped before it is buffered', async ({ fx, ref }) => {
  const bad = await DnConn.open(fx.port);
  bad.write(Buffer.concat([Buffer.from([0, 28, DT_OP.WRITE_BLOCK]), encodeVarint(64 * 1024 * 1024)]));
  assert.ok(await bad.atEof());
  await stillServes(fx, ref);
});

test('an unknown version or op is answered ERROR_UNSUPPORTED and closed', async ({ fx, ref }) => {
  for (const head of [[0, 27, DT_OP.READ_BLOCK], [0, 28, 0x52]]) {
    const c = await DnConn.open(fx.port);
    c.write(Buffer.from(head));
    assert.is((await c.readDelimited(BlockOpResponseProto)).value.status, DT_STATUS.ERROR_UNSUPPORTED);
    assert.ok(await c.atEof());
  }
  await stillServes(fx, ref);
});

test('a malformed packet during a write closes that connection; the server keeps serving', async ({ fx, ref }) => {
  const c = await DnConn.open(fx.port);
  c.write(opRequest(DT_OP.WRITE_BLOCK, OpWriteBlockProto, {
    header: { baseHeader: baseHeaderFor(ref), clientName: 'c' }, stage: 6, pipelineSize: 0,
    minBytesRcvd: 0, maxBytesRcvd: 0, latestGenerationStamp: 0, requestedChecksum: { type: CHECKSUM_TYPE.CRC32, bytesPerChecksum: 512 },
  }));
  assert.is((await c.readDelimited(BlockOpResponseProto)).value.status, DT_STATUS.SUCCESS);
  c.write(dataPacket(1, 0, Buffer.from('HELLO')));
  assert.equal((await c.readDelimited(PipelineAckProto)).value, { seqno: 1n, reply: [0] });
  const huge = Buffer.alloc(6);
  huge.writeUInt32BE(0x7fffffff, 0);
  c.write(huge);
  assert.ok(await c.atEof());
  await stillServes(fx, ref, 'HELLO datanode');
});

test('close() ends open connections and stops listening', async ({ fx }) => {
  const c = await DnConn.open(fx.port);
  await fx.server.close();
  await c.closed;
  assert.not.ok(fx.server.server.listening);
});

test('a block token naming an 8000-character path fits in an op request; 64 KiB is the cap', async ({ fx }) => {
  const dir = Array.from({ length: 31 }, (_, i) => `${i}`.padEnd(250, 'x')).join('/');
  await fx.volume.mkdir('/' + dir, { recursive: true });
  const path = `/${dir}/${'f'.repeat(7999 - dir.length - 2)}`;
  assert.is(path.length, 7999);
  const ref = await fx.file(path, Buffer.from('far away'));
  const req = opRequest(DT_OP.READ_BLOCK, OpReadBlockProto, { header: { baseHeader: baseHeaderFor(ref), clientName: 'c' }, offset: 0, len: 8 });
  assert.ok(req.length > 8000 && req.length < 64 * 1024, `${req.length} bytes`);
  const c = await DnConn.open(fx.port);
  // One byte at a time: the reader joins chunks once, when the whole request is in.
  for (const b of req) c.write(Buffer.of(b));
  assert.is((await c.readDelimited(BlockOpResponseProto)).value.status, DT_STATUS.SUCCESS);
  assert.is((await c.readPacket()).data.toString(), 'far away');
});

test('connections per address are capped (the oldest without an op makes room) and a silent one is closed', async () => {
  const fx = await startFixture({ limits: { maxPerAddress: 2, handshakeMs: 200 } });
  try {
    const ref = await fx.file('/x', Buffer.from('hello datanode'));
    const first = await DnConn.open(fx.port);
    const second = await DnConn.open(fx.port);
    await stillServes(fx, ref);
    await first.closed;
    await second.closed;
    assert.ok(fx.logs.some((l) => /closing its oldest idle one/.test(l)), fx.logs.join('\n'));
    assert.ok(fx.logs.some((l) => /no handshake for too long/.test(l)), fx.logs.join('\n'));
  } finally {
    await fx.stop();
  }
});

test.run();
