import { FsError } from 'glusterfs-core';
import { MAX_UINT64 } from '../ipc/index.js';
import { normalizePath } from '../namespace/index.js';
import { fileStatusProto, locatedBlocksProto, required, toNumber } from './convert.js';
import type { Handlers } from './handler.js';

/** Entries per getListing page (HDFS's dfs.ls.limit). */
export const LISTING_PAGE = 1000;
const CRC32C = 2;

/** Methods that read the namespace. */
export const readHandlers: Handlers<'getFileInfo' | 'getListing' | 'getBlockLocations' | 'getContentSummary' | 'getFsStats' | 'getServerDefaults'> = {
  // A missing path is SUCCESS without `fs` (brief §4), not FileNotFoundException.
  async getFileInfo({ ns, user }, req) {
    const st = await ns.status(user, normalizePath(required(req.src, 'src')));
    return { fs: st && fileStatusProto(st) };
  },
  async getListing({ ns, user }, req) {
    const after = req.startAfter ? req.startAfter.toString('utf8') : '';
    const src = normalizePath(required(req.src, 'src'));
    const l = req.needLocation ? await ns.listLocated(user, src, after, LISTING_PAGE) : await ns.list(user, src, after, LISTING_PAGE);
    return { dirList: l && { partialListing: l.entries.map(fileStatusProto), remainingEntries: l.remaining } };
  },
  async getBlockLocations({ ns, user }, req) {
    const offset = toNumber(req.offset, 'offset');
    const length = req.length !== undefined && req.length <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(req.length) : Number.MAX_SAFE_INTEGER;
    return { locations: locatedBlocksProto(await ns.blockLocations(user, normalizePath(required(req.src, 'src')), offset, length)) };
  },
  async getContentSummary({ ns, user }, req) {
    const s = await ns.contentSummary(user, normalizePath(required(req.path, 'path')));
    return { summary: { ...s, quota: MAX_UINT64, spaceQuota: MAX_UINT64 } };
  },
  async getFsStats({ ns }) {
    const s = await ns.fsStats();
    if (s.capacity <= 0) throw new FsError('EIO', 'the volume reports no capacity');
    return { ...s, underReplicated: 0, corruptBlocks: 0, missingBlocks: 0 };
  },
  async getServerDefaults({ ns }) {
    return { serverDefaults: { ...ns.serverDefaults(), encryptDataTransfer: false, trashInterval: 0, checksumType: CRC32C } };
  },
};
