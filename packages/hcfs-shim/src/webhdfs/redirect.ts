import { FsError } from 'glusterfs-core';
import type { DatanodeAddress } from '../namespace/types.js';
import type { OpRequest, Reply, WebHdfsEnv } from './context.js';
import { boolParam, WEBHDFS_PREFIX } from './params.js';

/** `/webhdfs/v1/<path>` with each component percent-encoded. */
export function webhdfsPath(path: string): string {
  return WEBHDFS_PREFIX + path.split('/').map(encodeURIComponent).join('/');
}

/**
 * The datanode URL for `rq`, carrying what the datanode needs as Hadoop's does: the original
 * parameters (op included), `namenoderpcaddress` and the effective `user.name`.
 */
export function datanodeUrl(env: WebHdfsEnv, dn: DatanodeAddress, rq: OpRequest, extra: Record<string, string> = {}): string {
  if (!dn.infoPort) throw new FsError('EIO', `datanode ${dn.uuid} has no WebHDFS port`);
  const q = new URLSearchParams();
  for (const [k, v] of rq.query) if (k !== 'noredirect' && k !== 'user.name' && !(k in extra)) q.append(k, v);
  q.set('op', rq.op);
  for (const [k, v] of Object.entries(extra)) q.set(k, v);
  q.set('namenoderpcaddress', env.namenodeRpcAddress);
  q.set('user.name', rq.user.name);
  const host = dn.ip.includes(':') ? `[${dn.ip}]` : dn.ip;
  return `${env.scheme}://${host}:${dn.infoPort}${webhdfsPath(rq.path)}?${q.toString()}`;
}

/** A 307 to `url`, or with `noredirect=true` a 200 whose JSON names it. */
export function redirectReply(rq: OpRequest, url: string): Reply {
  if (boolParam(rq.query, 'noredirect', false)) return { status: 200, json: { Location: url } };
  return { status: 307, headers: { Location: url } };
}
