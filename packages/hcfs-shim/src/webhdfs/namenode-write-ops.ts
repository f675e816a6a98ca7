import { randomBytes } from 'node:crypto';
import { FsError } from 'glusterfs-core';
import { checkBlockSize, checkComponentLengths, checkPathLength } from '../namespace/index.js';
import type { OpDef, OpRequest, Reply, WebHdfsEnv } from './context.js';
import { OK_EMPTY } from './context.js';
import { datanodeFor, mustBeFile } from './locate.js';
import { boolParam, longParam, normalizeHdfsPath, octalParam, requiredParam, xattrFlagParam } from './params.js';
import { datanodeUrl, redirectReply } from './redirect.js';
import { decodeXAttrValue, parseXAttrName } from './xattr-codec.js';

/** Hadoop's defaults when `permission` is absent: 755 for directories, 644 for files. */
export const DEFAULT_DIR_PERMISSION = 0o755;
export const DEFAULT_FILE_PERMISSION = 0o644;

/** A lease-holder name for one WebHDFS write (HDFS's clientName). */
export function webhdfsClientName(): string {
  return 'webhdfs-' + randomBytes(8).toString('hex');
}

/**
 * Checks CREATE's parameters here so a bad one is refused before any redirect (and before the
 * client sends its body): a malformed one is a 400, a path or block size over HDFS's limits the
 * IOException the datanode's create would raise.
 */
function checkCreateParams(rq: OpRequest, env: WebHdfsEnv): void {
  boolParam(rq.query, 'overwrite', false);
  octalParam(rq.query, 'permission', DEFAULT_FILE_PERMISSION);
  const blockSize = longParam(rq.query, 'blocksize', 0, 0);
  longParam(rq.query, 'replication', 0, 0);
  checkPathLength('create', rq.path);
  checkComponentLengths(rq.path, env.namespace.limits.maxComponentLength);
  if (blockSize > 0) checkBlockSize(blockSize, env.namespace.limits.minBlockSize);
}

async function create(env: WebHdfsEnv, rq: OpRequest): Promise<Reply> {
  checkCreateParams(rq, env);
  return redirectReply(rq, datanodeUrl(env, env.namespace.writeTarget(), rq));
}

async function append(env: WebHdfsEnv, rq: OpRequest): Promise<Reply> {
  const st = await mustBeFile(env, rq);
  const dn = await datanodeFor(env, rq, st, Math.max(0, st.length - 1));
  return redirectReply(rq, datanodeUrl(env, dn, rq));
}

async function rename(env: WebHdfsEnv, rq: OpRequest): Promise<Reply> {
  const dst = normalizeHdfsPath(requiredParam(rq.query, 'destination'));
  const options = rq.query.get('renameoptions');
  if (options === null || options === '') {
    return { status: 200, json: { boolean: await env.namespace.renameLegacy(rq.user, rq.path, dst) } };
  }
  const opts = options.split(',').map((o) => o.trim().toUpperCase());
  if (opts.some((o) => o !== 'NONE' && o !== 'OVERWRITE')) {
    throw new FsError('EINVAL', `Invalid value for webhdfs parameter "renameoptions": "${options}"`);
  }
  await env.namespace.rename(rq.user, rq.path, dst, opts.includes('OVERWRITE'));
  return OK_EMPTY;
}

async function setOwner(env: WebHdfsEnv, rq: OpRequest): Promise<Reply> {
  const owner = rq.query.get('owner') || undefined;
  const group = rq.query.get('group') || undefined;
  if (!owner && !group) throw new FsError('EINVAL', 'Both owner and group are empty.');
  await env.namespace.setOwner(rq.user, rq.path, owner, group);
  return OK_EMPTY;
}

async function truncate(env: WebHdfsEnv, rq: OpRequest): Promise<Reply> {
  const newLength = longParam(rq.query, 'newlength', -1, 0);
  if (newLength < 0) requiredParam(rq.query, 'newlength');
  return { status: 200, json: { boolean: await env.namespace.truncate(rq.user, rq.path, newLength, webhdfsClientName()) } };
}

/** PUT, POST and DELETE operations the namenode answers. */
export const NAMENODE_WRITE_OPS: Record<string, OpDef> = {
  CREATE: { method: 'PUT', run: create },
  MKDIRS: {
    method: 'PUT',
    async run(env, rq) {
      const perm = octalParam(rq.query, 'permission', DEFAULT_DIR_PERMISSION);
      return { status: 200, json: { boolean: await env.namespace.mkdirs(rq.user, rq.path, perm, true) } };
    },
  },
  RENAME: { method: 'PUT', run: rename },
  SETPERMISSION: {
    method: 'PUT',
    async run(env, rq) {
      await env.namespace.setPermission(rq.user, rq.path, octalParam(rq.query, 'permission', DEFAULT_DIR_PERMISSION));
      return OK_EMPTY;
    },
  },
  SETOWNER: { method: 'PUT', run: setOwner },
  SETTIMES: {
    method: 'PUT',
    async run(env, rq) {
      const mtime = longParam(rq.query, 'modificationtime', -1, -1);
      const atime = longParam(rq.query, 'accesstime', -1, -1);
      await env.namespace.setTimes(rq.user, rq.path, mtime, atime);
      return OK_EMPTY;
    },
  },
  SETXATTR: {
    method: 'PUT',
    async run(env, rq) {
      const x = parseXAttrName(requiredParam(rq.query, 'xattr.name'));
      // No `xattr.value` is Java's null (what security.hdfs.unreadable.by.superuser needs), not an empty value.
      if (rq.query.has('xattr.value')) x.value = decodeXAttrValue(rq.query.get('xattr.value'));
      await env.namespace.setXAttr(rq.user, rq.path, x, xattrFlagParam(rq.query));
      return OK_EMPTY;
    },
  },
  REMOVEXATTR: {
    method: 'PUT',
    async run(env, rq) {
      await env.namespace.removeXAttr(rq.user, rq.path, parseXAttrName(requiredParam(rq.query, 'xattr.name')));
      return OK_EMPTY;
    },
  },
  APPEND: { method: 'POST', run: append },
  TRUNCATE: { method: 'POST', run: truncate },
  DELETE: {
    method: 'DELETE',
    run: async (env, rq) => ({ status: 200, json: { boolean: await env.namespace.delete(rq.user, rq.path, boolParam(rq.query, 'recursive', false)) } }),
  },
};
