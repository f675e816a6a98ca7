import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readScalar, writeScalar } from '../../src/ipc/scalar.js';
import type { ScalarType } from '../../src/ipc/scalar.js';
import { isWireError } from '../../src/ipc/wire-error.js';

const CASES: [ScalarType, unknown, string][] = [
  ['uint32', 0, '00'], ['uint32', 4294967295, 'ffffffff0f'],
  ['int32', -1, 'ffffffffffffffffff01'], ['int32', 2147483647, 'ffffffff07'],
  ['enum', 2, '02'], ['sint32', -3, '05'], ['sint32', 1, '02'], ['sint32', -2147483648, 'ffffffff0f'],
  ['uint64', 0n, '00'], ['uint64', 2n ** 64n - 1n, 'ffffffffffffffffff01'], ['int64', -2n, 'feffffffffffffffff01'],
  ['sint64', -(2n ** 63n), 'ffffffffffffffffff01'], ['bool', true, '01'], ['bool', false, '00'],
  ['string', '', '00'], ['string', 'héllo', '0668c3a96c6c6f'], ['bytes', Buffer.from('0102', 'hex'), '020102'],
  ['fixed32', 1, '01000000'], ['sfixed32', -1, 'ffffffff'], ['fixed64', 258n, '0201000000000000'],
  ['sfixed64', -2n, 'feffffffffffffff'],
];

test('each scalar type writes its wire bytes and reads them back', () => {
  for (const [type, value, hex] of CASES) {
    assert.is(Buffer.from(writeScalar(type, value, 't')).toString('hex'), hex, `${type} ${value}`);
    const [back, next] = readScalar(type, Buffer.from(hex + '99', 'hex'), 0);
    assert.equal(back, value, `${type} ${hex}`);
    assert.is(next, hex.length / 2);
  }
});

test('64-bit types accept safe-integer numbers on write', () => {
  assert.is(Buffer.from(writeScalar('uint64', 1700000000000, 't')).toString('hex'), Buffer.from(writeScalar('uint64', 1700000000000n, 't')).toString('hex'));
  assert.throws(() => writeScalar('uint64', 2 ** 60, 't'), /safe integer/);
});

test('out-of-range and wrongly typed values are rejected with the field path', () => {
  const bad: [ScalarType, unknown][] = [['uint32', -1], ['uint32', 2 ** 32], ['int32', 2 ** 31], ['sint32', 1.5],
    ['uint64', -1n], ['int64', 2n ** 63n], ['bool', 1], ['string', 5], ['bytes', 'ab'], ['fixed32', -1], ['uint32', 1n]];
  for (const [type, value] of bad) assert.throws(() => writeScalar(type, value, 'Msg.f'), /Msg\.f/, `${type} ${value}`);
});

test('reading past the end is TRUNCATED', () => {
  const cases: [ScalarType, string][] = [['string', '05616263'], ['bytes', '01'], ['fixed32', '010203'], ['fixed64', '01020304050607'], ['uint32', '80']];
  for (const [type, hex] of cases) {
    assert.throws(() => readScalar(type, Buffer.from(hex, 'hex'), 0), (e: unknown) => isWireError(e) && e.code === 'TRUNCATED', type);
  }
});

test.run();
