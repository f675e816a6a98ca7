import { defineMessage } from '../ipc/index.js';
import { ExtendedBlockProto, TokenProto } from './block-messages.js';

// hadoop.hdfs ClientDatanodeProtocol.proto messages of the methods this datanode answers.
// Request fields are optional here so a request missing one gets a clear error, not a drop.

/** The protocol the datanode's IPC port speaks (ClientDatanodeProtocolPB's declared name). */
export const CLIENT_DATANODE_PROTOCOL = 'org.apache.hadoop.hdfs.protocol.ClientDatanodeProtocol';

/** Request and response of each answered ClientDatanodeProtocol method. */
export const DATANODE_METHODS = {
  getReplicaVisibleLength: {
    request: defineMessage({ block: { no: 1, type: 'message', message: ExtendedBlockProto } }, 'GetReplicaVisibleLengthRequestProto'),
    response: defineMessage({ length: { no: 1, type: 'uint64', required: true } }, 'GetReplicaVisibleLengthResponseProto'),
  },
  getDatanodeInfo: {
    request: defineMessage({}, 'GetDatanodeInfoRequestProto'),
    response: defineMessage({
      localInfo: {
        no: 1, type: 'message', required: true, message: defineMessage({
          softwareVersion: { no: 1, type: 'string', required: true },
          configVersion: { no: 2, type: 'string', required: true },
          uptime: { no: 3, type: 'uint64', required: true },
        }, 'DatanodeLocalInfoProto'),
      },
    }, 'GetDatanodeInfoResponseProto'),
  },
  getBlockLocalPathInfo: {
    request: defineMessage({
      block: { no: 1, type: 'message', message: ExtendedBlockProto }, token: { no: 2, type: 'message', message: TokenProto },
    }, 'GetBlockLocalPathInfoRequestProto'),
    response: defineMessage({}, 'GetBlockLocalPathInfoResponseProto'),
  },
} as const;

/** A ClientDatanodeProtocol method this datanode answers. */
export type DatanodeMethod = keyof typeof DATANODE_METHODS;
