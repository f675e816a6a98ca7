import { FsError } from 'glusterfs-core';
import { POOL_ID } from '../blocks/index.js';
import { normalizePath, PERMISSION_MASK } from '../namespace/index.js';
import { fileStatusProto, locatedBlockProto, required, toNumber } from './convert.js';
import type { Handlers } from './handler.js';

/** CreateFlag bits (CreateFlag.java): CREATE 1, OVERWRITE 2, APPEND 4. */
const CREATE_FLAG = { OVERWRITE: 2, APPEND: 4 } as const;

/** Methods that write files: create, blocks, complete, append, truncate, leases. */
export const writeHandlers: Handlers<'create' | 'append' | 'addBlock' | 'updateBlockForPipeline' | 'complete' | 'abandonBlock' | 'renewLease' | 'truncate' | 'fsync'> = {
  async create({ ns, user }, req) {
    const flag = req.createFlag ?? 1;
    const path = normalizePath(required(req.src, 'src'));
    if (flag & CREATE_FLAG.APPEND) throw new FsError('ENOTSUP', 'create with the APPEND flag is not supported; call append');
    const st = await ns.create(user, path, {
      permission: (req.masked?.perm ?? 0o644) & PERMISSION_MASK, overwrite: (flag & CREATE_FLAG.OVERWRITE) !== 0,
      createParent: req.createParent ?? false, blockSize: toNumber(req.blockSize, 'blockSize'),
      replication: req.replication, clientName: required(req.clientName, 'clientName'),
    });
    return { fs: fileStatusProto(st) };
  },
  async append({ ns, user }, req) {
    const r = await ns.append(user, normalizePath(required(req.src, 'src')), required(req.clientName, 'clientName'));
    return { block: r.lastBlock && locatedBlockProto(r.lastBlock), stat: fileStatusProto(r.status) };
  },
  async addBlock({ ns, user }, req) {
    const b = await ns.addBlock(user, normalizePath(required(req.src, 'src')), required(req.clientName, 'clientName'), req.previous?.blockId);
    return { block: locatedBlockProto(b) };
  },
  // The client ignores the answer but parses it (brief §2.5): echo the block, complete and
  // located on the datanode that wrote it. Block ranges never change generation.
  async updateBlockForPipeline({ ns }, req) {
    const b = req.block;
    if (!b) throw new FsError('EINVAL', 'block is required');
    const dn = ns.writeTarget();
    return {
      block: {
        b: { poolId: POOL_ID, blockId: b.blockId, generationStamp: b.generationStamp, numBytes: b.numBytes ?? 0n },
        offset: 0, corrupt: false, blockToken: { identifier: Buffer.alloc(0), password: Buffer.alloc(0), kind: '', service: '' },
        locs: [{ id: { ipAddr: dn.ip, hostName: dn.hostName, datanodeUuid: dn.uuid, xferPort: dn.xferPort, infoPort: dn.infoPort, ipcPort: 0 } }],
      },
    };
  },
  async complete({ ns, user }, req) {
    return { result: await ns.complete(user, normalizePath(required(req.src, 'src')), required(req.clientName, 'clientName')) };
  },
  // Blocks are ranges of the file, so abandoning one leaves nothing to free.
  async abandonBlock() {
    return {};
  },
  async renewLease({ ns }, req) {
    ns.renewLease(required(req.clientName, 'clientName'));
    return {};
  },
  async truncate({ ns, user }, req) {
    const n = req.newLength ?? 0n;
    if (n >= 2n ** 63n) throw new FsError('EINVAL', `Cannot truncate to a negative file size: ${BigInt.asIntN(64, n)}.`);
    return { result: await ns.truncate(user, normalizePath(required(req.src, 'src')), Number(n), required(req.clientName, 'clientName')) };
  },
  // Bytes are on the volume once the datanode acknowledged them: nothing to sync here.
  async fsync() {
    return {};
  },
};
