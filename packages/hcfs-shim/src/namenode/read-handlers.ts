import { FsError } from 'glusterfs-core';
import { MAX_UINT64 } from '../ipc/index.js';
import { fileStatusProto, locatedBlocksProto, required, toNumber } from './convert.js';
import type { Handlers } from './handler.js';

/** Entries per getListing page (HDFS's dfs.ls.limit). */
export const LISTING_PAGE = 1000;
const CRC32C = 2;

/** Methods that read the namespace. */
export const readHandlers: Handlers<'getFileInfo' | 'getListing' | 'getBlockLocations' | 'getContentSummary' | 'getFsStats' | 'getServerDefaults'> = {
  // A missing path is SUCCESS without `fs` (brief §4), not FileNotFoundException.
  async getFileInfo({ ns, user, paths }, req) {
    const path = paths.maybePath(req.src, 'src');
    const st = path === undefined ? undefined : await ns.status(user, path);
    return { fs: st && fileStatusProto(st) };
  },
  async getListing({ ns, user, paths }, req) {
    const after = req.startAfter ? req.startAfter.toString('utf8') : '';
    const path = paths.maybePath(req.src, 'src');
    const l = path === undefined ? undefined
      : req.needLocation ? await ns.listLocated(user, path, after, LISTING_PAGE) : await ns.list(user, path, after, LISTING_PAGE);
    return { dirList: l && { partialListing: l.entries.map(fileStatusProto), remainingEntries: l.remaining } };
  },
  async getBlockLocations({ ns, user, paths }, req) {
    const offset = toNumber(req.offset, 'offset');
    const length = req.length !== undefined && req.length <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(req.length) : Number.MAX_SAFE_INTEGER;
    return { locations: locatedBlocksProto(await ns.blockLocations(user, paths.path(req.src, 'src'), offset, length)) };
  },
  async getContentSummary({ ns, user, paths }, req) {
    const s = await ns.contentSummary(user, paths.path(req.path, 'path'));
    return { summary: { ...s, quota: MAX_UINT64, spaceQuota: MAX_UINT64 } };
  },
  async getFsStats({ ns }) {
    const s = await ns.fsStats();
    if (s.capacity <= 0) throw new FsError('EIO', 'the volume reports no capacity');
    // The volume heals its own replicas; HDFS's block counters have nothing to count here.
    return { ...s, underReplicated: 0, corruptBlocks: 0, missingBlocks: 0, missingReplOneBlocks: 0, blocksInFuture: 0, pendingDeletionBlocks: 0 };
  },
  async getServerDefaults({ ns }) {
    return { serverDefaults: { ...ns.serverDefaults(), encryptDataTransfer: false, trashInterval: 0, checksumType: CRC32C } };
  },
};
