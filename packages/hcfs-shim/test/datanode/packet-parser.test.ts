import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { crc32c } from '@node-rs/crc32';
import { isWireError } from '../../src/ipc/index.js';
import { crcOf } from '../../src/datanode/checksums.js';
import { CHECKSUM_TYPE } from '../../src/datanode/op-messages.js';
import { encodePacketHead } from '../../src/datanode/packet.js';
import { PacketParser } from '../../src/datanode/packet-parser.js';
import type { Packet } from '../../src/datanode/packet-parser.js';
import { dataPacket, heartbeatPacket } from './dn-client.js';
import { seededBytes } from './fixture.js';

function collect(maxPacketSize?: number) {
  const got: Packet[] = [];
  const parser = new PacketParser({ bytesPerChecksum: 512, maxPacketSize, onPacket: (p) => got.push(p) });
  return { got, parser };
}

function throwsWire(fn: () => void, code: string): void {
  try {
    fn();
  } catch (e) {
    assert.ok(isWireError(e), String(e));
    assert.is(e.code, code);
    return;
  }
  assert.unreachable(`expected a ${code} WireError`);
}

test('packets fed one byte at a time come out whole, with views of checksums and data', () => {
  const a = seededBytes(1000, 1);
  const stream = Buffer.concat([dataPacket(1, 0, a), heartbeatPacket(), dataPacket(2, 1000, Buffer.alloc(0), { last: true })]);
  const { got, parser } = collect();
  for (let i = 0; i < stream.length; i++) parser.push(stream.subarray(i, i + 1));
  assert.equal(got.map((p) => [Number(p.header.seqno), p.header.dataLen, p.header.lastPacketInBlock]), [[1, 1000, false], [-1, 0, false], [2, 0, true]]);
  assert.ok(got[0]!.data.equals(a));
  assert.is(got[0]!.checksums.length, 8);
  assert.not.ok(parser.midPacket);
});

test('several packets in one chunk are all delivered', () => {
  const { got, parser } = collect();
  parser.push(Buffer.concat([dataPacket(1, 0, seededBytes(10)), dataPacket(2, 10, seededBytes(20))]));
  assert.equal(got.map((p) => p.data.length), [10, 20]);
});

test('a read packet head carries a 25-byte header and one big-endian CRC32C per chunk', () => {
  const data = seededBytes(1300, 3);
  const head = encodePacketHead({ offsetInBlock: 512, seqno: 7, last: false }, data, 512, crcOf(CHECKSUM_TYPE.CRC32C)!);
  assert.is(head.readUInt16BE(4), 25);
  assert.is(head.readUInt32BE(0), 4 + 12 + 1300);
  assert.is(head.readUInt32BE(6 + 25 + 8), crc32c(data.subarray(1024)));
  const { got, parser } = collect();
  parser.push(Buffer.concat([head, data]));
  assert.is(got[0]!.header.offsetInBlock, 512n);
  assert.is(got[0]!.header.seqno, 7n);
});

test('a payload over the limit is TOO_LARGE before anything is allocated', () => {
  const { parser } = collect(1024);
  throwsWire(() => parser.push(dataPacket(1, 0, seededBytes(2000)).subarray(0, 6)), 'TOO_LARGE');
});

test('a payloadLen that disagrees with dataLen, or a header that does not decode, is MALFORMED', () => {
  const p = dataPacket(1, 0, seededBytes(600));
  p.writeUInt32BE(p.readUInt32BE(0) - 4, 0);
  throwsWire(() => collect().parser.push(p), 'MALFORMED');
  const q = dataPacket(1, 0, seededBytes(10));
  q.fill(0xff, 6, 6 + q.readUInt16BE(4));
  throwsWire(() => collect().parser.push(q), 'MALFORMED');
  const r = Buffer.from([0, 0, 0, 2, 0, 0]);
  throwsWire(() => collect().parser.push(r), 'MALFORMED');
});

test.run();
