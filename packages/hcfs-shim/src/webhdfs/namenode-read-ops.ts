import { FsError } from 'glusterfs-core';
import type { FileStatus } from '../namespace/types.js';
import { blockLocationsJson, locatedBlocksJson } from './blocks-json.js';
import type { OpDef, OpRequest, Reply, WebHdfsEnv } from './context.js';
import { datanodeFor, mustBeFile, mustExist } from './locate.js';
import { longParam } from './params.js';
import { datanodeUrl, redirectReply } from './redirect.js';
import { contentSummaryJson, directoryListingJson, fileStatusesJson, fileStatusJson, serverDefaultsJson } from './status-json.js';
import { encodeXAttrValue, formatXAttrName, parseXAttrEncoding, parseXAttrName } from './xattr-codec.js';

async function listAll(env: WebHdfsEnv, rq: OpRequest): Promise<FileStatus[]> {
  const all: FileStatus[] = [];
  let after = '';
  for (;;) {
    const page = await env.namespace.list(rq.user, rq.path, after, env.listLimit);
    if (!page) throw new FsError('ENOENT', `File ${rq.path} does not exist.`);
    all.push(...page.entries);
    const last = page.entries.at(-1);
    if (page.remaining === 0 || !last) return all;
    after = last.name;
  }
}

async function open(env: WebHdfsEnv, rq: OpRequest): Promise<Reply> {
  const offset = longParam(rq.query, 'offset', 0, 0);
  longParam(rq.query, 'length', 0, 0);
  const st = await mustBeFile(env, rq);
  return redirectReply(rq, datanodeUrl(env, await datanodeFor(env, rq, st, offset), rq, { offset: String(offset) }));
}

async function fileChecksum(env: WebHdfsEnv, rq: OpRequest): Promise<Reply> {
  const st = await mustBeFile(env, rq);
  return redirectReply(rq, datanodeUrl(env, await datanodeFor(env, rq, st, 0), rq));
}

async function blockLocations(env: WebHdfsEnv, rq: OpRequest, toJson: typeof blockLocationsJson): Promise<Reply> {
  const offset = longParam(rq.query, 'offset', 0, 0);
  const length = longParam(rq.query, 'length', Number.MAX_SAFE_INTEGER, 0);
  return { status: 200, json: toJson(await env.namespace.blockLocations(rq.user, rq.path, offset, length)) };
}

async function getXAttrs(env: WebHdfsEnv, rq: OpRequest): Promise<Reply> {
  const encoding = parseXAttrEncoding(rq.query.get('encoding'));
  const names = rq.query.getAll('xattr.name').map(parseXAttrName);
  const xattrs = await env.namespace.getXAttrs(rq.user, rq.path, names);
  return {
    status: 200,
    json: {
      XAttrs: xattrs.map((x) => ({ name: formatXAttrName(x), value: x.value ? encodeXAttrValue(x.value, encoding) : null })),
    },
  };
}

/** GET operations the namenode answers. */
export const NAMENODE_READ_OPS: Record<string, OpDef> = {
  OPEN: { method: 'GET', run: open },
  GETFILESTATUS: {
    method: 'GET',
    run: async (env, rq) => ({ status: 200, json: { FileStatus: fileStatusJson(await mustExist(env, rq)) } }),
  },
  LISTSTATUS: { method: 'GET', run: async (env, rq) => ({ status: 200, json: fileStatusesJson(await listAll(env, rq)) }) },
  LISTSTATUS_BATCH: {
    method: 'GET',
    async run(env, rq) {
      const page = await env.namespace.list(rq.user, rq.path, rq.query.get('startafter') ?? '', env.listLimit);
      if (!page) throw new FsError('ENOENT', `File ${rq.path} does not exist.`);
      return { status: 200, json: directoryListingJson(page) };
    },
  },
  GETCONTENTSUMMARY: {
    method: 'GET',
    run: async (env, rq) => ({ status: 200, json: contentSummaryJson(await env.namespace.contentSummary(rq.user, rq.path)) }),
  },
  GETFILECHECKSUM: { method: 'GET', run: fileChecksum },
  GETFILEBLOCKLOCATIONS: { method: 'GET', run: (env, rq) => blockLocations(env, rq, blockLocationsJson) },
  GET_BLOCK_LOCATIONS: { method: 'GET', run: (env, rq) => blockLocations(env, rq, locatedBlocksJson) },
  GETHOMEDIRECTORY: { method: 'GET', run: async (env, rq) => ({ status: 200, json: { Path: env.namespace.homeDirectory(rq.user) } }) },
  GETTRASHROOT: {
    method: 'GET',
    run: async (env, rq) => ({ status: 200, json: { Path: env.namespace.homeDirectory(rq.user) + '/.Trash' } }),
  },
  GETSERVERDEFAULTS: { method: 'GET', run: async (env) => ({ status: 200, json: serverDefaultsJson(env.namespace.serverDefaults()) }) },
  GETXATTRS: { method: 'GET', run: getXAttrs },
  LISTXATTRS: {
    method: 'GET',
    async run(env, rq) {
      const names = (await env.namespace.listXAttrs(rq.user, rq.path)).map(formatXAttrName);
      // Hadoop nests the name list as a JSON string, not an array.
      return { status: 200, json: { XAttrNames: JSON.stringify(names) } };
    },
  },
};
