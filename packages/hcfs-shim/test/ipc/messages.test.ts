import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  IpcConnectionContextProto, RPC_ERROR_CODE, RPC_KIND, RPC_STATUS, RequestHeaderProto, RpcRequestHeaderProto, RpcResponseHeaderProto,
} from '../../src/ipc/messages.js';
import { decode, encode } from '../../src/ipc/protobuf.js';

const CLIENT_ID = Buffer.from('0123456789abcdef', 'ascii');
const CLIENT_PROTOCOL = 'org.apache.hadoop.hdfs.protocol.ClientProtocol';
const hex = (s: string): string => Buffer.from(s, 'utf8').toString('hex');

test('RpcRequestHeaderProto matches the bytes hdfs-cli sends (callId is zigzag)', () => {
  const cases: [number, string][] = [[-3, '05'], [1, '02'], [2, '04'], [0, '00']];
  for (const [callId, zz] of cases) {
    const fixture = '0802' + '1000' + '18' + zz + '2210' + CLIENT_ID.toString('hex');
    const value = { rpcKind: RPC_KIND.RPC_PROTOCOL_BUFFER, rpcOp: 0, callId, clientId: CLIENT_ID };
    assert.is(encode(RpcRequestHeaderProto, value).toString('hex'), fixture, `callId ${callId}`);
    assert.equal(decode(RpcRequestHeaderProto, Buffer.from(fixture, 'hex')), value);
  }
  assert.is(decode(RpcRequestHeaderProto, Buffer.from('1805' + '2200' + '2801', 'hex')).retryCount, -1);
});

test('RequestHeaderProto and IpcConnectionContextProto decode the captured getFileInfo call', () => {
  const request = '0a0b' + hex('getFileInfo') + '122e' + hex(CLIENT_PROTOCOL) + '1801';
  assert.equal(decode(RequestHeaderProto, Buffer.from(request, 'hex')),
    { methodName: 'getFileInfo', declaringClassProtocolName: CLIENT_PROTOCOL, clientProtocolVersion: 1n });
  const context = '1207' + '0a05' + hex('alice') + '1a2e' + hex(CLIENT_PROTOCOL);
  assert.equal(decode(IpcConnectionContextProto, Buffer.from(context, 'hex')),
    { userInfo: { effectiveUser: 'alice' }, protocol: CLIENT_PROTOCOL });
});

test('RpcResponseHeaderProto writes status SUCCESS (0) and a plain-varint callId', () => {
  const ok = encode(RpcResponseHeaderProto, { callId: 1, status: RPC_STATUS.SUCCESS, serverIpcVersionNum: 9 });
  assert.is(ok.toString('hex'), '0801' + '1000' + '1809');
  assert.is(encode(RpcResponseHeaderProto, { callId: 0, status: 0 }).toString('hex'), '08001000');
  assert.is(encode(RpcResponseHeaderProto, { callId: 300, status: 0 }).toString('hex'), '08ac021000');
});

test('an error RpcResponseHeaderProto carries class name, message and detail under fields 4, 5, 6', () => {
  const header = {
    callId: 7, status: RPC_STATUS.ERROR, exceptionClassName: 'java.io.FileNotFoundException', errorMsg: 'x',
    errorDetail: RPC_ERROR_CODE.ERROR_APPLICATION, clientId: CLIENT_ID, retryCount: -1,
  };
  const fixture = '0807' + '1001' + '221d' + hex('java.io.FileNotFoundException') + '2a01' + hex('x') + '3001'
    + '3a10' + CLIENT_ID.toString('hex') + '4001';
  assert.is(encode(RpcResponseHeaderProto, header).toString('hex'), fixture);
  assert.equal(decode(RpcResponseHeaderProto, Buffer.from(fixture, 'hex')), header);
});

test('the error-code table has the values Hadoop assigns', () => {
  assert.is(RPC_ERROR_CODE.ERROR_NO_SUCH_METHOD, 2);
  assert.is(RPC_ERROR_CODE.FATAL_UNAUTHORIZED, 15);
  assert.is(RPC_STATUS.FATAL, 2);
});

test.run();
