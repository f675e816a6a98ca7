import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ipcError, isIpcError, noSuchMethod } from '../../src/ipc/ipc-error.js';
import { RPC_ERROR_CODE } from '../../src/ipc/messages.js';

const FNF = 'java.io.FileNotFoundException';

test('ipcError is a plain Error with fields; noSuchMethod carries ERROR_NO_SUCH_METHOD', () => {
  const e = ipcError(FNF, 'gone');
  assert.ok(e instanceof Error);
  assert.is(Object.getPrototypeOf(e), Error.prototype);
  assert.ok(isIpcError(e));
  assert.is(e.errorDetail, RPC_ERROR_CODE.ERROR_APPLICATION);
  assert.not.ok(isIpcError(new Error('x')));
  const n = noSuchMethod('renewLease', 'P');
  assert.is(n.exceptionClassName, 'org.apache.hadoop.ipc.RpcNoSuchMethodException');
  assert.is(n.errorDetail, RPC_ERROR_CODE.ERROR_NO_SUCH_METHOD);
  assert.match(n.message, /renewLease/);
});

test.run();
