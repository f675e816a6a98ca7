import { FsError } from 'glusterfs-core';
import { POOL_ID } from '../blocks/index.js';
import { PERMISSION_MASK } from '../namespace/index.js';
import { fileStatusProto, locatedBlockProto, required, toNumber } from './convert.js';
import type { Handlers } from './handler.js';

/** CreateFlagProto bits: CREATE 1, OVERWRITE 2, APPEND 4, NEW_BLOCK 32. */
const CREATE_FLAG = { OVERWRITE: 2, APPEND: 4, NEW_BLOCK: 32 } as const;

/** Methods that write files: create, blocks, complete, append, truncate, leases. */
export const writeHandlers: Handlers<'create' | 'append' | 'addBlock' | 'updateBlockForPipeline' | 'updatePipeline' | 'complete' | 'abandonBlock' | 'renewLease' | 'truncate' | 'isFileClosed' | 'recoverLease' | 'fsync'> = {
  async create({ ns, user, paths }, req) {
    const flag = req.createFlag ?? 1;
    const path = paths.path(req.src, 'src', 'createFile');
    if (flag & CREATE_FLAG.APPEND) throw new FsError('ENOTSUP', 'create with the APPEND flag is not supported; call append');
    const st = await ns.create(user, path, {
      permission: (req.masked?.perm ?? 0o644) & PERMISSION_MASK, overwrite: (flag & CREATE_FLAG.OVERWRITE) !== 0,
      createParent: req.createParent ?? false, blockSize: toNumber(req.blockSize, 'blockSize'),
      replication: req.replication, clientName: required(req.clientName, 'clientName'),
    });
    return { fs: fileStatusProto(st) };
  },
  async append({ ns, user, paths }, req) {
    const r = await ns.append(user, paths.path(req.src, 'src'), required(req.clientName, 'clientName'), ((req.flag ?? 0) & CREATE_FLAG.NEW_BLOCK) !== 0);
    return { block: r.lastBlock && locatedBlockProto(r.lastBlock), stat: fileStatusProto(r.status) };
  },
  async addBlock({ ns, user, paths }, req) {
    const b = await ns.addBlock(user, paths.path(req.src, 'src'), required(req.clientName, 'clientName'), req.previous?.blockId);
    return { block: locatedBlockProto(b) };
  },
  // Java's append (and pipeline recovery) writes with the token this hands out. For a block
  // not leased through this namenode, the old answer: Debian's Go client ignores it but
  // parses it (brief §2.5), so echo the block, complete and located on this datanode.
  async updateBlockForPipeline({ ns, user, paths }, req) {
    const b = req.block;
    if (!b) throw new FsError('EINVAL', 'block is required');
    const located = await ns.updateBlockForPipeline(user, required(req.clientName, 'clientName'), b.blockId);
    if (located) return { block: locatedBlockProto(located) };
    const dn = ns.writeTarget();
    return {
      block: {
        b: { poolId: POOL_ID, blockId: b.blockId, generationStamp: b.generationStamp, numBytes: b.numBytes ?? 0n },
        offset: 0, corrupt: false, blockToken: { identifier: Buffer.alloc(0), password: Buffer.alloc(0), kind: '', service: '' },
        locs: [{ id: { ipAddr: dn.ip, hostName: dn.hostName, datanodeUuid: dn.uuid, xferPort: dn.xferPort, infoPort: dn.infoPort, ipcPort: dn.ipcPort } }],
      },
    };
  },
  async updatePipeline({ ns, paths }, req) {
    if (!req.oldBlock) throw new FsError('EINVAL', 'oldBlock is required');
    await ns.updatePipeline(required(req.clientName, 'clientName'), req.oldBlock.blockId);
    return {};
  },
  async complete({ ns, user, paths }, req) {
    return { result: await ns.complete(user, paths.path(req.src, 'src'), required(req.clientName, 'clientName')) };
  },
  // Blocks are ranges of the file, so abandoning one leaves nothing to free.
  async abandonBlock() {
    return {};
  },
  async renewLease({ ns, paths }, req) {
    ns.renewLease(required(req.clientName, 'clientName'));
    return {};
  },
  async truncate({ ns, user, paths }, req) {
    const n = req.newLength ?? 0n;
    if (n >= 2n ** 63n) throw new FsError('EINVAL', `Cannot truncate to a negative file size: ${BigInt.asIntN(64, n)}.`);
    return { result: await ns.truncate(user, paths.path(req.src, 'src'), Number(n), required(req.clientName, 'clientName')) };
  },
  async isFileClosed({ ns, user, paths }, req) {
    return { result: await ns.isFileClosed(user, paths.path(req.src, 'src')) };
  },
  async recoverLease({ ns, user, paths }, req) {
    return { result: await ns.recoverLease(user, paths.path(req.src, 'src')) };
  },
  // Bytes are on the volume once the datanode acknowledged them: nothing to sync here.
  async fsync() {
    return {};
  },
};
