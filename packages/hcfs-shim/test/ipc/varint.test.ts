import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { MAX_UINT64, decodeVarint, decodeVarintNumber, encodeVarint, zigzagDecode, zigzagEncode } from '../../src/ipc/varint.js';
import { isWireError } from '../../src/ipc/wire-error.js';

const CASES: [bigint, string][] = [
  [0n, '00'], [1n, '01'], [127n, '7f'], [128n, '8001'], [150n, '9601'], [300n, 'ac02'],
  [16383n, 'ff7f'], [16384n, '808001'], [2n ** 28n - 1n, 'ffffff7f'], [2n ** 28n, '8080808001'],
  [2n ** 32n - 1n, 'ffffffff0f'], [2n ** 53n - 1n, 'ffffffffffffff0f'],
  [MAX_UINT64, 'ffffffffffffffffff01'],
];

test('varints encode to the protobuf base-128 bytes and decode back', () => {
  for (const [value, hex] of CASES) {
    assert.is(encodeVarint(value).toString('hex'), hex, `encode ${value}`);
    if (value <= BigInt(Number.MAX_SAFE_INTEGER)) assert.is(encodeVarint(Number(value)).toString('hex'), hex, `encode number ${value}`);
    const buf = Buffer.from('aa' + hex + 'bb', 'hex');
    assert.equal(decodeVarint(buf, 1), [value, 1 + hex.length / 2], `decode ${value}`);
    if (value <= BigInt(Number.MAX_SAFE_INTEGER)) assert.equal(decodeVarintNumber(buf, 1), [Number(value), 1 + hex.length / 2]);
  }
});

test('encoding a negative, fractional, unsafe or over-64-bit value is a RangeError', () => {
  for (const bad of [-1, 1.5, 2 ** 53, -1n, MAX_UINT64 + 1n]) assert.throws(() => encodeVarint(bad), RangeError);
});

test('a varint cut short is TRUNCATED, an over-long one MALFORMED', () => {
  const cases: [string, string][] = [['', 'TRUNCATED'], ['80', 'TRUNCATED'], ['ffffffff', 'TRUNCATED'],
    ['ffffffffffffffffff', 'TRUNCATED'], ['ffffffffffffffffff02', 'MALFORMED'], ['ffffffffffffffffffff01', 'MALFORMED']];
  for (const [hex, code] of cases) {
    for (const fn of [decodeVarint, decodeVarintNumber]) {
      try {
        fn(Buffer.from(hex, 'hex'), 0);
        assert.unreachable(`${hex} decoded`);
      } catch (e) {
        assert.ok(isWireError(e), `${hex}: ${e}`);
        assert.is(e.code, code, hex);
      }
    }
  }
});

test('decodeVarintNumber rejects values over its limit', () => {
  assert.throws(() => decodeVarintNumber(Buffer.from('8001', 'hex'), 0, 127), (e: unknown) => isWireError(e) && e.code === 'MALFORMED');
  assert.throws(() => decodeVarintNumber(encodeVarint(2n ** 53n), 0), (e: unknown) => isWireError(e) && e.code === 'MALFORMED');
});

test('zigzag maps signed values to small unsigned ones and back', () => {
  const cases: [bigint, bigint][] = [[0n, 0n], [-1n, 1n], [1n, 2n], [-2n, 3n], [-3n, 5n], [2147483647n, 4294967294n],
    [-2147483648n, 4294967295n], [2n ** 63n - 1n, MAX_UINT64 - 1n], [-(2n ** 63n), MAX_UINT64]];
  for (const [signed, unsigned] of cases) {
    assert.is(zigzagEncode(signed), unsigned, `encode ${signed}`);
    assert.is(zigzagDecode(unsigned), signed, `decode ${unsigned}`);
  }
});

test.run();
