import { FsError } from '../errors/index.js';

/**
 * The FsError a client call raises: the same errno, a message naming the call and the volume
 * path (`ENOENT: stat '/x'`), and the translator that raised it. Anything that is not yet an
 * FsError is converted here, at the API's edge.
 */
export function withContext(e: unknown, op: string, path: string): FsError {
  const fe = FsError.from(e);
  const inner = fe.message === fe.code ? '' : fe.message.replace(`${fe.code}: `, '');
  // Errors that already passed through here keep their first context instead of stacking more.
  if (inner.startsWith(`${op} '`)) return fe;
  return new FsError(fe.code, `${op} '${path}'${inner ? `: ${inner}` : ''}`, fe.xlator);
}
