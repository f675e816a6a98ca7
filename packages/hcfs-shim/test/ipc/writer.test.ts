import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { decode, defineMessage, encode } from '../../src/ipc/index.js';
import { encodeVarint } from '../../src/ipc/varint.js';
import { Writer } from '../../src/ipc/writer.js';

// The encoder writes nested messages in place behind a one-byte length slot and moves the body
// when its length needs more bytes: check the boundaries where the prefix grows.
const Inner = defineMessage({ blob: { no: 1, type: 'bytes', required: true } }, 'Inner');
const Outer = defineMessage({ inner: { no: 1, type: 'message', message: Inner, required: true }, tail: { no: 2, type: 'uint32' } }, 'Outer');

for (const size of [0, 1, 124, 125, 126, 127, 128, 16_380, 16_381, 16_384, 2_097_150, 2_097_152]) {
  test(`a nested body of ${size} bytes round-trips with the right length prefix`, () => {
    const blob = Buffer.alloc(size, size % 251);
    const buf = encode(Outer, { inner: { blob }, tail: 7 });
    const innerBody = Buffer.concat([Buffer.from([0x0a]), encodeVarint(size), blob]);
    const expected = Buffer.concat([Buffer.from([0x0a]), encodeVarint(innerBody.length), innerBody, Buffer.from([0x10, 0x07])]);
    assert.ok(buf.equals(expected), `encoding of a ${size}-byte body`);
    const back = decode(Outer, buf);
    assert.ok(back.inner.blob.equals(blob));
    assert.is(back.tail, 7);
  });
}

test('varints of every width match encodeVarint, numbers and bigints alike', () => {
  const values = [0, 1, 127, 128, 16_383, 16_384, 2 ** 31, 2 ** 32, 2 ** 53 - 1];
  for (const v of values) {
    const w = new Writer(1);
    w.varint(v);
    w.varintBig(BigInt(v));
    assert.ok(w.finish().equals(Buffer.concat([encodeVarint(v), encodeVarint(v)])), String(v));
  }
  const w = new Writer(1);
  w.varintBig((1n << 64n) - 1n);
  assert.ok(w.finish().equals(encodeVarint((1n << 64n) - 1n)));
});

test('strings with multi-byte characters get their UTF-8 length', () => {
  const S = defineMessage({ s: { no: 1, type: 'string', required: true } }, 'S');
  for (const s of ['', 'a', 'é', '日本語', 'x'.repeat(42), 'é'.repeat(200)]) assert.is(decode(S, encode(S, { s })).s, s);
});

test.run();
