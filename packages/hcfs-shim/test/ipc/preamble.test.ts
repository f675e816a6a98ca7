import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parsePreamble } from '../../src/ipc/preamble.js';
import { isWireError } from '../../src/ipc/wire-error.js';

test('the hdfs-cli preamble is accepted, whatever the service class', () => {
  assert.equal(parsePreamble(Buffer.from('68727063090000', 'hex')), { version: 9, serviceClass: 0, authProtocol: 0 });
  assert.equal(parsePreamble(Buffer.from('6872706309050000', 'hex')), { version: 9, serviceClass: 5, authProtocol: 0 });
});

test('a SASL preamble (Java clients holding tokens) is accepted: the server then offers "switch to simple"', () => {
  assert.equal(parsePreamble(Buffer.from('687270630900df', 'hex')), { version: 9, serviceClass: 0, authProtocol: 0xdf });
});

const REJECTED: [string, string, RegExp][] = [
  ['not hrpc', '47455420', /hrpc/],
  ['another IPC version', '68727063080000', /IPC version 8/],
  ['an unknown auth protocol', '68727063090001', /auth protocol 0x1 /],
  ['HTTP on the IPC port', '474554202f2048', /hrpc/],
];

test('a preamble that is not hrpc v9 with SIMPLE or SASL auth is BAD_PREAMBLE', () => {
  for (const [what, bytes, message] of REJECTED) {
    const buf = Buffer.from(bytes.padEnd(14, '0'), 'hex');
    assert.throws(() => parsePreamble(buf), (e: unknown) => isWireError(e) && e.code === 'BAD_PREAMBLE' && message.test(e.message), what);
  }
});

test('fewer than 7 bytes is TRUNCATED', () => {
  assert.throws(() => parsePreamble(Buffer.from('687270630900', 'hex')), (e: unknown) => isWireError(e) && e.code === 'TRUNCATED');
});

test.run();
