import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { addCounters, isZero } from '../../../../src/xlators/storage/posix/counters.js';

const i32 = (...n: number[]) => {
  const b = Buffer.alloc(4 * n.length);
  n.forEach((v, i) => b.writeInt32BE(v, 4 * i));
  return b;
};

test('add32 adds element-wise, absent counts as zero, wraps on overflow', () => {
  assert.equal(addCounters('add32', null, i32(1, 2, 3)), i32(1, 2, 3));
  assert.equal(addCounters('add32', i32(1, 2, 3), i32(-1, 0, 5)), i32(0, 2, 8));
  assert.equal(addCounters('add32', i32(0x7fffffff), i32(1)), i32(-0x80000000));
  assert.equal(addCounters('add32', i32(1), i32(1, 1)), i32(2, 1), 'the array grows');
  assert.throws(() => addCounters('add32', null, Buffer.alloc(5)), /EINVAL/);
});

test('add64 works on 8-byte big-endian integers', () => {
  const b = (n: bigint) => { const x = Buffer.alloc(8); x.writeBigInt64BE(n); return x; };
  assert.equal(addCounters('add64', b(2n ** 62n), b(2n ** 62n)), b(-(2n ** 63n)));
  assert.equal(addCounters('add64', null, b(-5n)), b(-5n));
  assert.ok(isZero(Buffer.alloc(12)) && !isZero(i32(0, 1)));
});

test.run();
