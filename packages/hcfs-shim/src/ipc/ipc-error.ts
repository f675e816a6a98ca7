import { RPC_ERROR_CODE } from './messages.js';

/** Java class the server reports for a method it does not serve (errorDetail ERROR_NO_SUCH_METHOD). */
export const RPC_NO_SUCH_METHOD_EXCEPTION = 'org.apache.hadoop.ipc.RpcNoSuchMethodException';

/** Java class reported for any handler failure that is not an {@link IpcError}. */
export const IO_EXCEPTION = 'java.io.IOException';

/** An RpcErrorCodeProto value the server may put in errorDetail. */
export type RpcErrorCode = (typeof RPC_ERROR_CODE)[keyof typeof RPC_ERROR_CODE];

/**
 * A failure a handler wants sent to the client as an ERROR response: `exceptionClassName` is the
 * Java class the client maps (brief §2.4), `message` becomes errorMsg, and `errorDetail` defaults
 * to ERROR_APPLICATION. A plain `Error` with fields (STYLE.md: only FsError subclasses Error).
 */
export interface IpcError extends Error {
  readonly name: 'IpcError';
  readonly exceptionClassName: string;
  readonly errorDetail: RpcErrorCode;
}

/** Builds an {@link IpcError}. */
export function ipcError(
  exceptionClassName: string,
  message: string,
  errorDetail: RpcErrorCode = RPC_ERROR_CODE.ERROR_APPLICATION,
): IpcError {
  return Object.assign(new Error(message), { name: 'IpcError' as const, exceptionClassName, errorDetail });
}

/** True when `e` was built by {@link ipcError}. */
export function isIpcError(e: unknown): e is IpcError {
  return e instanceof Error && e.name === 'IpcError'
    && typeof (e as { exceptionClassName?: unknown }).exceptionClassName === 'string'
    && typeof (e as { errorDetail?: unknown }).errorDetail === 'number';
}

/** The error a handler layer throws for a connection naming a protocol it does not serve (detail 3). */
export function noSuchProtocol(protocol: string): IpcError {
  return ipcError('org.apache.hadoop.ipc.RpcNoSuchProtocolException', `Unknown protocol: ${protocol}`, RPC_ERROR_CODE.ERROR_NO_SUCH_PROTOCOL);
}

/** The error a handler layer throws for a method it does not know (RpcNoSuchMethodException, detail 2). */
export function noSuchMethod(method: string, protocol: string): IpcError {
  return ipcError(RPC_NO_SUCH_METHOD_EXCEPTION, `Unknown method ${method} called on ${protocol} protocol.`,
    RPC_ERROR_CODE.ERROR_NO_SUCH_METHOD);
}
