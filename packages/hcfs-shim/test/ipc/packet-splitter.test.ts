import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { PacketSplitter } from '../../src/ipc/packet-splitter.js';
import type { Preamble } from '../../src/ipc/preamble.js';
import { isWireError } from '../../src/ipc/wire-error.js';
import { CALL_BODY_HEX, CONTEXT_BODY_HEX, STREAM } from './capture.js';

function collect(chunks: Uint8Array[], maxPacketSize?: number): { preambles: Preamble[]; packets: string[] } {
  const preambles: Preamble[] = [];
  const packets: string[] = [];
  const splitter = new PacketSplitter({
    onPacket: (p) => packets.push(p.toString('hex')), onPreamble: (p) => preambles.push(p), maxPacketSize,
  });
  for (const c of chunks) splitter.push(c);
  assert.not.ok(splitter.midPacket, 'nothing left over');
  return { preambles, packets };
}

function expectCapture(chunks: Uint8Array[], what: string): void {
  const { preambles, packets } = collect(chunks);
  assert.is(preambles.length, 1, what);
  assert.equal(packets, [CONTEXT_BODY_HEX, CALL_BODY_HEX], what);
}

test('the captured stream splits into the preamble and two packets in one chunk', () => {
  expectCapture([STREAM], 'one chunk');
});

test('every two-chunk cut of the stream gives the same packets', () => {
  for (let cut = 0; cut <= STREAM.length; cut++) expectCapture([STREAM.subarray(0, cut), STREAM.subarray(cut)], `cut at ${cut}`);
});

test('byte-by-byte and seeded random chunkings give the same packets', () => {
  expectCapture([...STREAM].map((b) => Uint8Array.of(b)), 'byte by byte');
  for (let seed = 1; seed <= 200; seed++) {
    let s = seed;
    const rand = (): number => (s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const chunks: Uint8Array[] = [];
    for (let off = 0; off < STREAM.length;) {
      const n = 1 + Math.floor(rand() * 40);
      chunks.push(new Uint8Array(STREAM.subarray(off, off + n)));
      off += n;
    }
    expectCapture(chunks, `seed ${seed}`);
  }
});

test('a stream that stops mid-packet reports midPacket and emits nothing for it', () => {
  const packets: Buffer[] = [];
  const splitter = new PacketSplitter({ onPacket: (p) => packets.push(p) });
  splitter.push(STREAM.subarray(0, STREAM.length - 1));
  assert.is(packets.length, 1);
  assert.ok(splitter.midPacket);
});

test('a declared length over the limit is TOO_LARGE before the body arrives', () => {
  const splitter = new PacketSplitter({ onPacket: () => assert.unreachable('no packet'), maxPacketSize: 82 });
  assert.throws(() => splitter.push(STREAM.subarray(0, 11)), (e: unknown) => isWireError(e) && e.code === 'TOO_LARGE');
  assert.throws(() => collect([Buffer.from('6872706309000004000001', 'hex')]), (e: unknown) => isWireError(e) && e.code === 'TOO_LARGE');
  assert.is(collect([STREAM], 94).packets.length, 2, 'a packet of exactly the limit is accepted');
});

test('a bad preamble or an empty packet is refused', () => {
  assert.throws(() => collect([Buffer.from('474554202f20485454502f312e31', 'hex')]), (e: unknown) => isWireError(e) && e.code === 'BAD_PREAMBLE');
  assert.throws(() => collect([Buffer.from('6872706309000000000000', 'hex')]), (e: unknown) => isWireError(e) && e.code === 'MALFORMED');
});

test('without a preamble the stream is packets from the first byte', () => {
  const packets: string[] = [];
  const splitter = new PacketSplitter({ onPacket: (p) => packets.push(p.toString('hex')), expectPreamble: false });
  splitter.push(STREAM.subarray(7));
  assert.equal(packets, [CONTEXT_BODY_HEX, CALL_BODY_HEX]);
});

test.run();
