import { decode, encode, ipcError, isIpcError, noSuchMethod, noSuchProtocol, type IpcCall, type MessageSchema } from '../ipc/index.js';
import { hadoopExceptionOf, hadoopMessageOf } from '../errors.js';
import { redactorFor } from '../redact.js';
import type { HdfsNamespace } from '../namespace/index.js';
import type { Handler } from './handler.js';
import { NamenodePaths } from './paths.js';
import { METHODS, type MethodName } from './protocol-messages.js';
import { adminHandlers } from './admin-handlers.js';
import { readHandlers } from './read-handlers.js';
import { treeHandlers } from './tree-handlers.js';
import { writeHandlers } from './write-handlers.js';

/** The protocol every call must name (hdfs.protocol.ClientProtocol). */
export const CLIENT_PROTOCOL = 'org.apache.hadoop.hdfs.protocol.ClientProtocol';

const HANDLERS: { [M in MethodName]: Handler<M> } = { ...readHandlers, ...writeHandlers, ...treeHandlers, ...adminHandlers };

function isMethod(name: string): name is MethodName {
  return Object.prototype.hasOwnProperty.call(METHODS, name);
}

/**
 * The namenode's IPC handler: decodes the method's request, runs its handler as the connection's
 * user, encodes the response. Namespace failures (FsError) become the Hadoop exception of their
 * errno (errors.ts), their text without host paths or GFIDs; unknown methods RpcNoSuchMethodException,
 * a connection for another protocol RpcNoSuchProtocolException.
 */
export function namenodeHandler(ns: HdfsNamespace, paths = new NamenodePaths()): (method: string, request: Buffer, call: IpcCall) => Promise<Buffer> {
  const redact = redactorFor(ns.volume);
  return async (method, request, call) => {
    // A connection for another protocol (a datanode's, HA admin) is answered as Hadoop's server does.
    if (call.protocol && call.protocol !== CLIENT_PROTOCOL) throw noSuchProtocol(call.protocol);
    if (!isMethod(method)) throw noSuchMethod(method, CLIENT_PROTOCOL);
    const spec = METHODS[method];
    const user = { name: call.user, groups: ns.groupsOf(call.user), signal: call.signal };
    try {
      const req = decode(spec.request as MessageSchema, request);
      const res = await (HANDLERS[method] as Handler<MethodName>)({ ns, user, paths }, req as never);
      return encode(spec.response as MessageSchema, res as never);
    } catch (e) {
      // Handlers answer some refusals in Hadoop's own terms (paths.ts).
      if (isIpcError(e)) throw e;
      const ex = hadoopExceptionOf(e);
      throw ipcError(ex.javaClassName, hadoopMessageOf(e, redact));
    }
  };
}
