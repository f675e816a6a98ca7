import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { decodeBlockTokenIdentifier, encodeBlockTokenIdentifier, type BlockRef } from '../../src/blocks/index.js';
import { BLOCK_STAGE, CHECKSUM_TYPE, DT_OP, OpBlockChecksumProto, OpReadBlockProto, OpWriteBlockProto } from '../../src/datanode/op-messages.js';
import { BlockOpResponseProto, DT_STATUS } from '../../src/datanode/reply-messages.js';
import { LEASE_XATTR } from '../../src/namespace/index.js';
import { baseHeaderFor, dataPacket, DnConn, opRequest } from './dn-client.js';
import { seededBytes, startFixture, type Fixture } from './fixture.js';

// The datanode checks the block token before the volume is touched: every refusal here is
// ERROR_ACCESS_TOKEN with HDFS's InvalidToken wording, and nothing is read or written.
const test = suite<{ fx: Fixture; ref: BlockRef; data: Buffer }>('datanode/block-token', {} as { fx: Fixture; ref: BlockRef; data: Buffer });
test.before.each(async (ctx) => {
  ctx.fx = await startFixture();
  ctx.data = seededBytes(4096, 3);
  ctx.ref = await ctx.fx.file('/secret', ctx.data, 0, 4096);
});
test.after.each(async (ctx) => { await ctx.fx.stop(); });

type Header = ReturnType<typeof baseHeaderFor>;

async function readWith(fx: Fixture, header: Header): Promise<{ status: number; message: string; eof: boolean }> {
  const c = await DnConn.open(fx.port);
  c.write(opRequest(DT_OP.READ_BLOCK, OpReadBlockProto, { header: { baseHeader: header, clientName: 'c' }, offset: 0, len: 4096 }));
  const r = (await c.readDelimited(BlockOpResponseProto)).value;
  return { status: r.status, message: r.message ?? '', eof: r.status !== DT_STATUS.SUCCESS ? await c.atEof() : false };
}

async function writeWith(fx: Fixture, header: Header, data: Buffer): Promise<{ status: number; message: string }> {
  const c = await DnConn.open(fx.port);
  c.write(opRequest(DT_OP.WRITE_BLOCK, OpWriteBlockProto, {
    header: { baseHeader: header, clientName: 'go-hdfs-test' }, stage: BLOCK_STAGE.PIPELINE_SETUP_CREATE, pipelineSize: 0,
    minBytesRcvd: 0, maxBytesRcvd: 0, latestGenerationStamp: 0, requestedChecksum: { type: CHECKSUM_TYPE.CRC32, bytesPerChecksum: 512 },
  }));
  // The client streams its packets without waiting, as the Go client does.
  c.write(Buffer.concat([dataPacket(1, 0, data), dataPacket(2, data.length, Buffer.alloc(0), { last: true })]));
  const r = (await c.readDelimited(BlockOpResponseProto)).value;
  await c.closed;
  return { status: r.status, message: r.message ?? '' };
}

function edited(h: Header, f: (id: ReturnType<typeof decodeBlockTokenIdentifier>) => ReturnType<typeof decodeBlockTokenIdentifier>): Header {
  return { ...h, token: { ...h.token, identifier: encodeBlockTokenIdentifier(f(decodeBlockTokenIdentifier(h.token.identifier))) } };
}

test('READ_BLOCK with a forged, zero-password or other block\'s token is ERROR_ACCESS_TOKEN and sends no data', async ({ fx, ref }) => {
  const good = baseHeaderFor(ref);
  const other = await fx.file('/other', seededBytes(8192, 9), 1, 4096);
  const cases: [string, Header, RegExp][] = [
    ['an edited identifier', edited(good, (id) => ({ ...id, userId: 'root' })), /doesn't have the correct token password/],
    ['a zero password', { ...good, token: { ...good.token, password: Buffer.alloc(20) } }, /correct token password/],
    ['another file\'s token', { ...good, token: baseHeaderFor(other).token }, /doesn't apply to block/],
    ['no token', { block: good.block } as Header, /Unable to de-serialize/],
  ];
  for (const [what, header, message] of cases) {
    const r = await readWith(fx, header);
    assert.is(r.status, DT_STATUS.ERROR_ACCESS_TOKEN, what);
    assert.match(r.message, message, what);
    assert.ok(r.eof, `${what}: the reply is all that is sent`);
  }
  assert.is((await readWith(fx, good)).status, DT_STATUS.SUCCESS, 'the real token still reads');
});

test('BLOCK_CHECKSUM needs READ; WRITE_BLOCK needs WRITE: a read-only token writes nothing', async ({ fx, ref, data }) => {
  const readOnly = baseHeaderFor(ref, 0, ['READ']);
  const c = await DnConn.open(fx.port);
  c.write(opRequest(DT_OP.BLOCK_CHECKSUM, OpBlockChecksumProto, { header: baseHeaderFor(ref, 0, ['WRITE']) }));
  const sum = (await c.readDelimited(BlockOpResponseProto)).value;
  assert.is(sum.status, DT_STATUS.ERROR_ACCESS_TOKEN);
  assert.match(sum.message ?? '', /doesn't have READ permission/);
  const w = await writeWith(fx, readOnly, Buffer.alloc(4096, 0x41));
  assert.is(w.status, DT_STATUS.ERROR_ACCESS_TOKEN);
  assert.match(w.message, /doesn't have WRITE permission/);
  assert.ok((await fx.volume.readFile('/secret')).equals(data), 'the file is unchanged');
});

test('a WRITE token only writes while its holder holds the file\'s lease', async ({ fx, ref, data }) => {
  await fx.volume.removexattr('/secret', LEASE_XATTR);
  const w = await writeWith(fx, baseHeaderFor(ref), Buffer.alloc(1024, 0x42));
  assert.is(w.status, DT_STATUS.ERROR_ACCESS_TOKEN);
  assert.match(w.message, /does not hold the lease/);
  assert.ok((await fx.volume.readFile('/secret')).equals(data), 'the completed file is unchanged');
});

test.run();
