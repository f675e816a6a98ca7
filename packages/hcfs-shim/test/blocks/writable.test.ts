import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { WritableReader, WritableWriter } from '../../src/blocks/writable.js';

// Byte strings from Hadoop's WritableUtils.writeVLong (worked by hand from its algorithm).
const VLONGS: [bigint, string][] = [
  [0n, '00'], [127n, '7f'], [-112n, '90'], [128n, '8f80'], [255n, '8fff'], [256n, '8e0100'], [-113n, '8770'],
  [-256n, '87ff'], [1_700_000_000_000n, '8a018bcfe56800'], [(1n << 63n) - 1n, '887fffffffffffffff'], [-(1n << 63n), '807fffffffffffffff'],
];

test('vlongs encode as WritableUtils.writeVLong and decode back, at every width and sign', () => {
  for (const [v, hex] of VLONGS) {
    assert.is(new WritableWriter().vlong(v).finish().toString('hex'), hex, String(v));
    if (v >= BigInt(Number.MIN_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER)) {
      assert.is(new WritableWriter().vlong(Number(v)).finish().toString('hex'), hex, `${v} as a number`);
    }
    assert.is(new WritableReader(Buffer.from(hex, 'hex')).vlong(), v, hex);
  }
});

test('strings: WritableUtils.writeString has a 4-byte length, Text a vint length; both decode', () => {
  const b = new WritableWriter().string('hé').text('READ').finish();
  assert.is(b.toString('hex'), '00000003' + '68c3a9' + '04' + '52454144');
  const r = new WritableReader(b);
  assert.equal([r.string(), r.text(), r.remaining], ['hé', 'READ', 0]);
});

test('truncated and out-of-range input is a WireError, never an allocation from a bad length', () => {
  assert.throws(() => new WritableReader(Buffer.from('8a01', 'hex')).vlong(), (e: Error) => /TRUNCATED|ends inside/.test(`${(e as { code?: string }).code} ${e.message}`));
  assert.throws(() => new WritableReader(Buffer.from('7fffffff', 'hex')).string(), /ends inside/);
  assert.throws(() => new WritableReader(Buffer.from('05', 'hex')).vint(0, 4), /outside \[0, 4\]/);
  assert.throws(() => new WritableReader(Buffer.from('fffffffe', 'hex')).string(), /negative string length/);
});

test.run();
