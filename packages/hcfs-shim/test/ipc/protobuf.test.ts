import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { decode, defineMessage, encode } from '../../src/ipc/protobuf.js';
import type { MessageValue } from '../../src/ipc/protobuf.js';
import { isWireError } from '../../src/ipc/wire-error.js';

const Inner = defineMessage({
  perm: { no: 1, type: 'uint32', required: true },
  note: { no: 2, type: 'string' },
}, 'Inner');

const Outer = defineMessage({
  length: { no: 3, type: 'uint64', required: true },
  kind: { no: 1, type: 'enum', required: true },
  path: { no: 2, type: 'bytes', required: true },
  done: { no: 4, type: 'bool', required: true },
  owner: { no: 5, type: 'string' },
  inner: { no: 6, type: 'message', message: Inner },
  children: { no: 7, type: 'message', message: Inner, repeated: true },
  ids: { no: 8, type: 'uint64', repeated: true, packed: true },
  flags: { no: 9, type: 'bool', repeated: true },
  delta: { no: 10, type: 'sint64' },
  count: { no: 11, type: 'int32' },
}, 'Outer');

const MINIMAL = { kind: 0, path: Buffer.alloc(0), length: 0n, done: false };

test('required fields are written even when zero, false or empty, in field-number order', () => {
  assert.is(encode(Outer, MINIMAL).toString('hex'), '0800' + '1200' + '1800' + '2000');
  assert.is(encode(Inner, { perm: 0 }).toString('hex'), '0800');
});

test('a required field missing from the value is an Error naming its path, at any depth', () => {
  // @ts-expect-error the type of a value to encode makes required fields mandatory
  assert.throws(() => encode(Outer, { kind: 1, path: Buffer.alloc(0), done: true }), /Outer\.length \(field 3\) is required/);
  assert.throws(() => encode(Outer, { ...MINIMAL, inner: {} } as never), /Inner\.perm|inner\.perm|perm \(field 1\)/);
  assert.throws(() => encode(Outer, { ...MINIMAL, children: [{ perm: 1 }, {}] } as never), /perm \(field 1\) is required/);
});

test('optional fields are written when set (even to zero) and absent when undefined', () => {
  assert.is(encode(Outer, { ...MINIMAL, owner: '', count: 0 }).toString('hex'), '0800120018002000' + '2a00' + '5800');
  const back = decode(Outer, encode(Outer, MINIMAL));
  assert.not.ok('owner' in back);
  assert.not.ok('inner' in back);
  assert.equal(back.children, []);
  assert.equal(back.ids, []);
});

const FULL: MessageValue<typeof Outer> = {
  kind: 2, path: Buffer.from('a/b'), length: 2n ** 64n - 1n, done: true, owner: 'alice',
  inner: { perm: 0o755, note: 'n' }, children: [{ perm: 1 }, { perm: 2, note: '' }],
  ids: [0n, 1n, 2n ** 40n], flags: [true, false, true], delta: -5n, count: -1,
};

test('a message with nested, repeated and packed fields round-trips', () => {
  const bytes = encode(Outer, FULL);
  assert.equal(decode(Outer, bytes), FULL);
  const packedIds = '42' + '08' + '00' + '01' + '8080808080' + '20';
  assert.ok(bytes.toString('hex').includes(packedIds), 'ids are one packed record under tag 0x42');
  assert.ok(bytes.toString('hex').includes('4801' + '4800' + '4801'), 'unpacked flags are one record each');
});

test('64-bit numbers may be given as safe integers and come back as bigint', () => {
  const back = decode(Outer, encode(Outer, { ...MINIMAL, length: 1700000000000, ids: [1, 2n] }));
  assert.is(back.length, 1700000000000n);
  assert.equal(back.ids, [1n, 2n]);
});

test('repeated numeric fields decode from both packed and unpacked encodings', () => {
  const base = '0800120018002000';
  assert.equal(decode(Outer, Buffer.from(base + '4201' + '05' + '4007' + '42020809', 'hex')).ids, [5n, 7n, 8n, 9n]);
  assert.equal(decode(Outer, Buffer.from(base + '48014800', 'hex')).flags, [true, false]);
  assert.equal(decode(Outer, Buffer.from(base + '4a020100', 'hex')).flags, [true, false]);
});

test('unknown fields of every wire type are skipped', () => {
  const unknown = 'a00601' + 'a906' + '0102030405060708' + 'aa0603616263' + 'ad06' + '01020304' + 'f8ffffff0f05';
  const back = decode(Outer, Buffer.from(unknown + '0801' + unknown + '120178' + '1805' + '2001', 'hex'));
  assert.equal(back, { kind: 1, path: Buffer.from('x'), length: 5n, done: true, children: [], ids: [], flags: [] });
});

test('a missing required field on the wire is MALFORMED', () => {
  assert.throws(() => decode(Outer, Buffer.from('080112001800', 'hex')), (e: unknown) => isWireError(e) && e.code === 'MALFORMED' && /Outer\.done/.test(e.message));
  assert.throws(() => decode(Outer, Buffer.from('0800120018002000' + '3200', 'hex')), (e: unknown) => isWireError(e) && /Inner\.perm/.test(e.message));
});

const BAD: [string, string, string][] = [
  ['truncated tag', '08', 'TRUNCATED'],
  ['truncated varint value', '0880', 'TRUNCATED'],
  ['length past the end', '0800120518002000', 'TRUNCATED'],
  ['nested length past the end', '08001200180020003205', 'TRUNCATED'],
  ['unknown fixed64 cut short', '0800120018002000a906010203', 'TRUNCATED'],
  ['field number zero', '0001', 'MALFORMED'],
  ['wrong wire type for a known field', '0d00000000', 'MALFORMED'],
  ['a group', '0800120018002000a306', 'MALFORMED'],
];

test('truncated or malformed input throws a typed WireError', () => {
  for (const [what, hex, code] of BAD) {
    try {
      decode(Outer, Buffer.from(hex, 'hex'));
      assert.unreachable(what);
    } catch (e) {
      assert.ok(isWireError(e), `${what}: ${e}`);
      assert.is(e.code, code, what);
    }
  }
});

test('every truncation of a valid message fails with a WireError or reads as fewer fields', () => {
  const bytes = encode(Outer, FULL);
  let rejected = 0;
  for (let n = 0; n < bytes.length; n++) {
    try {
      assert.not.equal(decode(Outer, bytes.subarray(0, n)), FULL, `prefix ${n}`);
    } catch (e) {
      assert.ok(isWireError(e), `prefix ${n}: ${e}`);
      rejected++;
    }
  }
  assert.ok(rejected > bytes.length / 2, `${rejected} of ${bytes.length} prefixes rejected`);
});

test('schema mistakes are caught when the schema is defined', () => {
  const bad: [string, object][] = [
    ['number 0', { a: { no: 0, type: 'bool' } }],
    ['reserved number', { a: { no: 19000, type: 'bool' } }],
    ['duplicate number', { a: { no: 1, type: 'bool' }, b: { no: 1, type: 'string' } }],
    ['message without schema', { a: { no: 1, type: 'message' } }],
    ['required and repeated', { a: { no: 1, type: 'bool', required: true, repeated: true } }],
    ['packed string', { a: { no: 1, type: 'string', repeated: true, packed: true } }],
    ['packed scalar', { a: { no: 1, type: 'uint32', packed: true } }],
  ];
  for (const [what, fields] of bad) assert.throws(() => defineMessage(fields as never, 'Bad'), /^Bad\.[ab]: /, what);
});

test.run();
