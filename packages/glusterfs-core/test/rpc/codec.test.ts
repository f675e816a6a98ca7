import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { decodeFromBuffer, encodeToBuffer } from '../../src/rpc/index.js';
import { FsError } from '../../src/errors/index.js';

const big = Buffer.alloc(100_000, 7);
const CASES: [string, unknown][] = [
  ['null', null],
  ['undefined', undefined],
  ['true', true],
  ['false', false],
  ['zero', 0],
  ['negative int', -42],
  ['int32 max', 2 ** 31 - 1],
  ['int32 min', -(2 ** 31)],
  ['beyond int32', 2 ** 40 + 3],
  ['float', 3.25],
  ['NaN', NaN],
  ['Infinity', -Infinity],
  ['minus zero', -0],
  ['bigint', 123n],
  ['negative bigint', -(2n ** 63n)],
  ['huge bigint', 2n ** 200n + 17n],
  ['huge negative bigint', -(2n ** 100n)],
  ['empty string', ''],
  ['ascii string', 'hello world'],
  ['utf-8 string', 'grüße 🚀 日本'],
  ['long string', 'x'.repeat(100_000) + 'é'],
  ['empty buffer', Buffer.alloc(0)],
  ['small buffer', Buffer.from([1, 2, 3, 255])],
  ['large buffer', big],
  ['empty array', []],
  ['nested array', [1, [2, [3, ['four', null]]]]],
  ['empty object', {}],
  ['object', { path: '/a/b', gfid: '00000000-0000-0000-0000-000000000001', n: 5 }],
  ['object with undefined value', { a: undefined, b: 1 }],
  ['xattrs', { 'trusted.gfid': Buffer.alloc(16, 1), 'user.x': Buffer.from('v') }],
  ['mixed', { args: [1, 'two', 3n, Buffer.from('four'), { five: [true, false, null] }], big }],
  ['__proto__ key', JSON.parse('{"__proto__": {"polluted": 1}, "x": 2}')],
];

for (const [name, value] of CASES) {
  test(`${name} survives an encode/decode round trip`, () => {
    const out = decodeFromBuffer(encodeToBuffer(value));
    if (typeof value === 'number' && Number.isNaN(value)) assert.ok(Number.isNaN(out));
    else if (Object.is(value, -0)) assert.ok(Object.is(out, -0));
    else assert.equal(out, value);
  });
}

test('a Uint8Array decodes as a Buffer with the same bytes', () => {
  const out = decodeFromBuffer(encodeToBuffer(new Uint8Array([9, 8, 7])));
  assert.ok(Buffer.isBuffer(out));
  assert.equal([...(out as Buffer)], [9, 8, 7]);
});

test('the __proto__ key does not change the decoded object prototype', () => {
  const out = decodeFromBuffer(encodeToBuffer(JSON.parse('{"__proto__": {"polluted": 1}}'))) as Record<string, unknown>;
  assert.is(Object.getPrototypeOf(out), Object.prototype);
  assert.equal(Object.keys(out), ['__proto__']);
});

const UNENCODABLE: [string, unknown][] = [
  ['function', () => 1],
  ['symbol', Symbol('s')],
  ['Date', new Date()],
  ['Map', new Map()],
  ['nested class instance', { a: [new Set()] }],
];
for (const [name, value] of UNENCODABLE) {
  test(`a ${name} is refused with EINVAL`, () => {
    try {
      encodeToBuffer(value);
      assert.unreachable('should have thrown');
    } catch (e) {
      assert.instance(e, FsError);
      assert.is((e as FsError).code, 'EINVAL');
    }
  });
}

test('a cyclic object is refused with EINVAL, not a stack overflow', () => {
  const a: Record<string, unknown> = {};
  a.self = a;
  try {
    encodeToBuffer(a);
    assert.unreachable('should have thrown');
  } catch (e) {
    assert.is((e as FsError).code, 'EINVAL');
  }
});

const MALFORMED: [string, Buffer][] = [
  ['an empty input', Buffer.alloc(0)],
  ['an unknown tag', Buffer.from([200])],
  ['a truncated int', Buffer.from([4, 1, 2])],
  ['a string longer than its input', Buffer.from([8, 255, 0, 0, 0, 65])],
  ['an array count larger than its input', Buffer.from([10, 255, 255, 255, 255])],
  ['a bad bigint text', Buffer.concat([Buffer.from([7, 3]), Buffer.from('xyz')])],
  ['stray bytes after the value', Buffer.from([0, 0])],
  ['nesting beyond the limit', Buffer.concat([Buffer.alloc(1000, 0), Buffer.from([0])]).fill(Buffer.from([10, 1, 0, 0, 0]), 0, 1000)],
];
for (const [name, bytes] of MALFORMED) {
  test(`${name} is EBADMSG`, () => {
    try {
      decodeFromBuffer(bytes);
      assert.unreachable('should have thrown');
    } catch (e) {
      assert.instance(e, FsError);
      assert.is((e as FsError).code, 'EBADMSG');
    }
  });
}

test.run();
