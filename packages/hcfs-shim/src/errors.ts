import { FsError, type Errno } from 'glusterfs-core';
import { redactorFor, type Redact } from './redact.js';

/** A Hadoop exception: the Java class clients map, and its simple name (WebHDFS `exception`). */
export interface HadoopException {
  /** Fully qualified Java class, e.g. `java.io.FileNotFoundException`. */
  javaClassName: string;
  /** The class's simple name (Java's getSimpleName, nested classes too), e.g. `FileNotFoundException`. */
  exception: string;
  /** HTTP status WebHDFS answers with. */
  httpStatus: number;
}

function ex(javaClassName: string, httpStatus: number): HadoopException {
  return { javaClassName, exception: javaClassName.slice(Math.max(javaClassName.lastIndexOf('.'), javaClassName.lastIndexOf('$')) + 1), httpStatus };
}

// WebHDFS answers a plain IOException with 403, as Hadoop's ExceptionHandler does.
const IO = ex('java.io.IOException', 403);
const ACCESS = ex('org.apache.hadoop.security.AccessControlException', 403);

/**
 * The one table from POSIX errno names (what the namespace layer throws) to Hadoop exceptions:
 * the only place Hadoop class names appear. Errnos not listed are a plain IOException; the
 * namespace relies on that for HDFS's plain-IOException limits: ERANGE (a path over 8000
 * characters or 1000 levels, a block size under the minimum), EFBIG (a file at its block limit).
 */
export const HADOOP_EXCEPTION: Partial<Record<Errno, HadoopException>> = {
  ENOENT: ex('java.io.FileNotFoundException', 404),
  EEXIST: ex('org.apache.hadoop.fs.FileAlreadyExistsException', 403),
  // A file still under another writer's lease (HDFS's "being created").
  EBUSY: ex('org.apache.hadoop.hdfs.protocol.AlreadyBeingCreatedException', 403),
  ENOTEMPTY: ex('org.apache.hadoop.fs.PathIsNotEmptyDirectoryException', 403),
  ENOTDIR: ex('org.apache.hadoop.fs.ParentNotDirectoryException', 403),
  EACCES: ACCESS,
  EPERM: ACCESS,
  EINVAL: ex('org.apache.hadoop.HadoopIllegalArgumentException', 400),
  ENODATA: IO,
  EROFS: ex('org.apache.hadoop.hdfs.server.namenode.SafeModeException', 403),
  ENOSPC: ex('org.apache.hadoop.hdfs.protocol.DSQuotaExceededException', 403),
  EDQUOT: ex('org.apache.hadoop.hdfs.protocol.DSQuotaExceededException', 403),
  ENOTSUP: ex('java.lang.UnsupportedOperationException', 400),
  // HDFS's fs-limits: a name component over dfs.namenode.fs-limits.max-component-length, a
  // directory at dfs.namenode.fs-limits.max-directory-items.
  ENAMETOOLONG: ex('org.apache.hadoop.hdfs.protocol.FSLimitException$PathComponentTooLongException', 403),
  EMLINK: ex('org.apache.hadoop.hdfs.protocol.FSLimitException$MaxDirectoryItemsExceededException', 403),
};

/** The Hadoop exception for anything thrown (an FsError by its code; anything else IOException). */
export function hadoopExceptionOf(e: unknown): HadoopException {
  return e instanceof FsError ? HADOOP_EXCEPTION[e.code] ?? IO : IO;
}

const GENERIC_REDACT = redactorFor();

/**
 * The message to send with it: an FsError's detail (without the errno prefix), else the text,
 * passed through `redact` (default: GFIDs and quoted host paths removed; front ends pass the
 * redactor of their volume, which also knows its brick directories).
 */
export function hadoopMessageOf(e: unknown, redact: Redact = GENERIC_REDACT): string {
  if (e instanceof FsError) return redact(e.detail || e.code);
  return redact(e instanceof Error ? e.message : String(e));
}
