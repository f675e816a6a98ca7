import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { FsError } from 'glusterfs-core';
import {
  decodeXAttrValue, encodeXAttrValue, formatXAttrName, parseXAttrEncoding, parseXAttrName,
} from '../../src/webhdfs/xattr-codec.js';

const DECODE: [string | null, string][] = [
  ['"hello"', '68656c6c6f'],
  ['0x0aFF', '0aff'],
  ['0X01', '01'],
  ['0sAQID', '010203'],
  ['0SAQID', '010203'],
  ['plain', '706c61696e'],
  ['"', '22'],
  ['""', ''],
  [null, ''],
];

test('xattr values decode as Hadoop XAttrCodec: quoted text, 0x hex, 0s base64, else raw text', () => {
  for (const [input, hex] of DECODE) assert.is(decodeXAttrValue(input).toString('hex'), hex, String(input));
});

test('bad hex is EINVAL', () => {
  for (const v of ['0xabc', '0xzz']) {
    try {
      decodeXAttrValue(v);
      assert.unreachable(v);
    } catch (e) {
      assert.ok(e instanceof FsError && e.code === 'EINVAL');
    }
  }
});

test('values encode per encoding and round-trip through decode', () => {
  const v = Buffer.from([0, 1, 0xfe, 0x41]);
  assert.is(encodeXAttrValue(Buffer.from('abc'), 'text'), '"abc"');
  assert.is(encodeXAttrValue(v, 'hex'), '0x0001fe41');
  assert.is(encodeXAttrValue(v, 'base64'), '0sAAH+QQ==');
  for (const enc of ['hex', 'base64'] as const) assert.equal(decodeXAttrValue(encodeXAttrValue(v, enc)), v);
});

test('names carry a case-insensitive namespace prefix', () => {
  assert.equal(parseXAttrName('user.a.b'), { namespace: 'user', name: 'a.b' });
  assert.equal(parseXAttrName('TRUSTED.x'), { namespace: 'trusted', name: 'x' });
  assert.is(formatXAttrName(parseXAttrName('User.k')), 'user.k');
  for (const bad of ['nope.x', 'user', 'user.', '.x']) {
    try {
      parseXAttrName(bad);
      assert.unreachable(bad);
    } catch (e) {
      assert.ok(e instanceof FsError && e.code === 'EINVAL', bad);
    }
  }
});

test('encoding defaults to hex and accepts any case', () => {
  assert.is(parseXAttrEncoding(null), 'hex');
  assert.is(parseXAttrEncoding('TEXT'), 'text');
  assert.is(parseXAttrEncoding('Base64'), 'base64');
  assert.throws(() => parseXAttrEncoding('utf8'));
});

test.run();
