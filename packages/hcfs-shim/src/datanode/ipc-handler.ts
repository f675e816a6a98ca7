import { FsError, isFsError, type Volume } from 'glusterfs-core';
import { blockStart, POOL_ID, type OpenBlocks } from '../blocks/index.js';
import {
  decode, encode, IO_EXCEPTION, ipcError, noSuchMethod, noSuchProtocol, type IpcCall, type MessageSchema, type MessageValue,
} from '../ipc/index.js';
import { redactorFor } from '../redact.js';
import { CLIENT_DATANODE_PROTOCOL, DATANODE_METHODS, type DatanodeMethod } from './ipc-messages.js';

const REPLICA_NOT_FOUND = 'org.apache.hadoop.hdfs.server.datanode.ReplicaNotFoundException';
const ACCESS_CONTROL = 'org.apache.hadoop.security.AccessControlException';

/** What the datanode's IPC port answers from. */
export interface DatanodeIpcOptions {
  readonly volume: Volume;
  /** Blocks of files under construction this process knows (written here, or handed out by its namenode). */
  readonly openBlocks: OpenBlocks;
  /** Shown as the software version by getDatanodeInfo. */
  readonly version: string;
}

type Req<M extends DatanodeMethod> = MessageValue<(typeof DATANODE_METHODS)[M]['request']>;

/**
 * ClientDatanodeProtocol on the datanode's IPC port (HDFS's `dfs.datanode.ipc.address`), the
 * methods a client needs without admin rights: getReplicaVisibleLength (Java's reader asks it
 * for the length of a file's last block while the file is under construction) and
 * getDatanodeInfo. getBlockLocalPathInfo is refused as an HDFS datanode refuses it without
 * `dfs.block.local-path-access.user`. Anything else (administration: reconfiguration, block
 * reports, disk balancer, shutdown) is RpcNoSuchMethodException naming the method; a
 * connection for another protocol RpcNoSuchProtocolException. The connection stays up either way.
 */
export function datanodeIpcHandler(o: DatanodeIpcOptions): (method: string, request: Buffer, call: IpcCall) => Promise<Buffer> {
  const started = Date.now();
  const redact = redactorFor(o.volume);
  const handlers: { [M in DatanodeMethod]: (req: Req<M>, call: IpcCall) => Promise<unknown> } = {
    async getReplicaVisibleLength(req) {
      if (!req.block) throw ipcError(IO_EXCEPTION, 'block is required');
      return { length: await visibleLength(o, req.block.blockId) };
    },
    async getDatanodeInfo() {
      return { localInfo: { softwareVersion: o.version, configVersion: 'core-3.0.0,hdfs-1', uptime: Math.floor((Date.now() - started) / 1000) } };
    },
    async getBlockLocalPathInfo(_req, call) {
      throw ipcError(ACCESS_CONTROL,
        `Can't continue with getBlockLocalPathInfo() authorization. The user ${call.user} is not configured in dfs.block.local-path-access.user`);
    },
  };
  return async (method, request, call) => {
    if (call.protocol !== CLIENT_DATANODE_PROTOCOL) throw noSuchProtocol(call.protocol);
    if (!Object.prototype.hasOwnProperty.call(DATANODE_METHODS, method)) throw noSuchMethod(method, CLIENT_DATANODE_PROTOCOL);
    const spec = DATANODE_METHODS[method as DatanodeMethod];
    try {
      const res = await (handlers[method as DatanodeMethod] as (r: unknown, c: IpcCall) => Promise<unknown>)(decode(spec.request as MessageSchema, request), call);
      return encode(spec.response as MessageSchema, res as never);
    } catch (e) {
      if (e instanceof FsError) throw ipcError(IO_EXCEPTION, redact(e.detail || e.code));
      throw e;
    }
  };
}

/**
 * The bytes of a block of a file under construction that are on the volume now: what a reader
 * can read, as HDFS's visible length is what the pipeline acknowledged. A block no longer there
 * (file removed or replaced) is ReplicaNotFoundException, as HDFS says of a replica it lacks; a
 * block this datanode never heard of is an IOException, so the reader reports that it cannot
 * get the length rather than take the block as empty.
 */
async function visibleLength(o: DatanodeIpcOptions, blockId: bigint): Promise<number> {
  const ref = o.openBlocks.get(blockId);
  if (!ref) throw ipcError(IO_EXCEPTION, `blk_${blockId} is not a block under construction this datanode knows of`);
  const gone = () => ipcError(REPLICA_NOT_FOUND, `Replica does not exist ${POOL_ID}:${blockId}`);
  let st;
  try {
    st = await o.volume.stat(ref.path);
  } catch (e) {
    if (isFsError(e, 'ENOENT', 'ENOTDIR')) throw gone();
    throw e;
  }
  if (st.gfid !== ref.gfid) throw gone();
  return Math.max(0, Math.min(ref.blockSize, st.size - blockStart(ref)));
}
