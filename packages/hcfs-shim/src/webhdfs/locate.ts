import { FsError } from 'glusterfs-core';
import type { DatanodeAddress, FileStatus } from '../namespace/types.js';
import type { OpRequest, WebHdfsEnv } from './context.js';

/** The status of `rq.path`; ENOENT (FileNotFoundException) when it does not exist. */
export async function mustExist(env: WebHdfsEnv, rq: OpRequest): Promise<FileStatus> {
  const st = await env.namespace.status(rq.user, rq.path);
  if (!st) throw new FsError('ENOENT', `File does not exist: ${rq.path}`);
  return st;
}

/** The status of a file; ENOENT also for a directory, as HDFS says "Path is not a file". */
export async function mustBeFile(env: WebHdfsEnv, rq: OpRequest): Promise<FileStatus> {
  const st = await mustExist(env, rq);
  if (st.type === 'dir') throw new FsError('ENOENT', `Path is not a file: ${rq.path}`);
  return st;
}

/**
 * A datanode with a WebHDFS port holding the byte at `offset` of the file, else the write
 * target (this server's datanode) (empty files, offsets past the end).
 */
export async function datanodeFor(env: WebHdfsEnv, rq: OpRequest, st: FileStatus, offset: number): Promise<DatanodeAddress> {
  if (offset < st.length) {
    const lbs = await env.namespace.blockLocations(rq.user, rq.path, offset, 1);
    const dn = lbs.blocks[0]?.locations.find((d) => d.infoPort > 0);
    if (dn) return dn;
  }
  return env.namespace.writeTarget();
}

