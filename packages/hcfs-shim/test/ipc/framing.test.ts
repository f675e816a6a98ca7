import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { decodeRequestPacket, encodeResponse, splitDelimited } from '../../src/ipc/framing.js';
import { RPC_ERROR_CODE, RPC_STATUS, RpcResponseHeaderProto } from '../../src/ipc/messages.js';
import { decode } from '../../src/ipc/protobuf.js';
import { isWireError } from '../../src/ipc/wire-error.js';
import { CALL_BODY_HEX, CLIENT_ID, CLIENT_PROTOCOL, CONTEXT_BODY_HEX } from './capture.js';

const HEADER_HEX = '18' + '0802' + '1000' + '1802' + '2210' + CLIENT_ID.toString('hex');

test('the connection-context packet decodes to the user and protocol', () => {
  const p = decodeRequestPacket(Buffer.from(CONTEXT_BODY_HEX, 'hex'));
  assert.is(p.kind, 'context');
  if (p.kind !== 'context') return;
  assert.is(p.header.callId, -3);
  assert.equal(p.header.clientId, CLIENT_ID);
  assert.equal(p.context, { userInfo: { effectiveUser: 'alice' }, protocol: CLIENT_PROTOCOL });
});

test('a call packet decodes to its header, method and raw body', () => {
  const p = decodeRequestPacket(Buffer.from(CALL_BODY_HEX, 'hex'));
  assert.is(p.kind, 'call');
  if (p.kind !== 'call') return;
  assert.is(p.header.callId, 1);
  assert.equal(p.request, { methodName: 'getFileInfo', declaringClassProtocolName: CLIENT_PROTOCOL, clientProtocolVersion: 1n });
  assert.is(p.body.toString('hex'), '0a022f78');
});

test('a call without a body message reads as an empty body', () => {
  const noBody = CALL_BODY_HEX.slice(0, -10);
  const p = decodeRequestPacket(Buffer.from(noBody, 'hex'));
  assert.ok(p.kind === 'call' && p.body.length === 0);
});

test('out-of-band packets: a ping (−4), a SASL message (−33), and any other negative callId as unknown', () => {
  const header = (zigzag: string) => '18' + '0802' + '1000' + '18' + zigzag + '2210' + CLIENT_ID.toString('hex');
  assert.is(decodeRequestPacket(Buffer.from(header('07'), 'hex')).kind, 'ping');
  // RpcSaslProto { state: NEGOTIATE }, as SaslRpcClient sends it first.
  const sasl = decodeRequestPacket(Buffer.from(header('41') + '02' + '1001', 'hex'));
  assert.ok(sasl.kind === 'sasl' && sasl.sasl.state === 1 && sasl.header.callId === -33);
  const other = decodeRequestPacket(Buffer.from(header('09'), 'hex'));
  assert.ok(other.kind === 'unknown' && other.header.callId === -5);
});

const BAD: [string, string, string][] = [
  ['empty packet', '', 'MALFORMED'],
  ['header only', HEADER_HEX, 'MALFORMED'],
  ['four messages', CALL_BODY_HEX + '00', 'MALFORMED'],
  ['context packet with two messages', CONTEXT_BODY_HEX + '00', 'MALFORMED'],
  ['a SASL packet without its RpcSaslProto', '18' + '0802' + '1000' + '1841' + '2210' + CLIENT_ID.toString('hex'), 'MALFORMED'],
  ['header without clientId', '02' + '1802' + '00', 'MALFORMED'],
  ['delimiter past the end', CALL_BODY_HEX.slice(0, -2), 'TRUNCATED'],
  ['request header missing methodName', HEADER_HEX + '02' + '1801' + '00', 'MALFORMED'],
];

test('undecodable packets throw a WireError so only that connection is dropped', () => {
  for (const [what, hex, code] of BAD) {
    try {
      decodeRequestPacket(Buffer.from(hex, 'hex'));
      assert.unreachable(what);
    } catch (e) {
      assert.ok(isWireError(e), `${what}: ${e}`);
      assert.is(e.code, code, what);
    }
  }
});

test('splitDelimited returns each varint-delimited message, including empty ones', () => {
  assert.equal(splitDelimited(Buffer.from('0201020003aabbcc', 'hex')).map((b) => b.toString('hex')), ['0102', '', 'aabbcc']);
  assert.equal(splitDelimited(Buffer.alloc(0)), []);
});

test('a success response is length, delimited header with status 0, delimited body', () => {
  const packet = encodeResponse({ callId: 1, status: RPC_STATUS.SUCCESS }, Buffer.from('0a022f78', 'hex'));
  assert.is(packet.toString('hex'), '0000000a' + '04' + '08011000' + '04' + '0a022f78');
  assert.is(encodeResponse({ callId: 2, status: 0 }, Buffer.alloc(0)).toString('hex'), '00000006' + '04' + '08021000' + '00');
});

test('an error response carries only the header', () => {
  const header = {
    callId: 3, status: RPC_STATUS.ERROR, exceptionClassName: 'org.apache.hadoop.ipc.RpcNoSuchMethodException',
    errorMsg: 'no such method', errorDetail: RPC_ERROR_CODE.ERROR_NO_SUCH_METHOD,
  };
  const packet = encodeResponse(header);
  assert.is(packet.readUInt32BE(0), packet.length - 4);
  const [h, ...rest] = splitDelimited(packet.subarray(4));
  assert.is(rest.length, 0);
  assert.equal(decode(RpcResponseHeaderProto, h!), header);
  assert.throws(() => encodeResponse(header, Buffer.alloc(0)), /must not carry a body/);
});

test('a response header without its required status is refused', () => {
  assert.throws(() => encodeResponse({ callId: 1 } as never), /RpcResponseHeaderProto\.status \(field 2\) is required/);
});

test.run();
