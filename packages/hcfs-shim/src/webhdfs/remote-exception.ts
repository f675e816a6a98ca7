import { hadoopExceptionOf, hadoopMessageOf } from '../errors.js';
import type { Redact } from '../redact.js';

/** An error as WebHDFS answers it: the HTTP status and the `RemoteException` JSON body. */
export interface RemoteExceptionReply {
  status: number;
  body: { RemoteException: { exception: string; javaClassName: string; message: string } };
}

/**
 * The WebHDFS answer for anything thrown: FsErrors by their errno through `errors.ts` (the one
 * Hadoop table), anything else an IOException; the message through `redact` (default: GFIDs and
 * quoted host paths removed).
 */
export function remoteExceptionOf(e: unknown, redact?: Redact): RemoteExceptionReply {
  const ex = hadoopExceptionOf(e);
  return {
    status: ex.httpStatus,
    body: { RemoteException: { exception: ex.exception, javaClassName: ex.javaClassName, message: hadoopMessageOf(e, redact) } },
  };
}
