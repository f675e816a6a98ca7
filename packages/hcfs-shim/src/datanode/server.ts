import { createTcpServer, type TcpServer } from '../net/tcp-server.js';
import type { Volume } from 'glusterfs-core';
import type { BlockTokenSecretManager } from '../blocks/index.js';
import { redactorFor } from '../redact.js';
import { serveConnection } from './connection.js';
import { DEFAULT_MAX_DATA_PACKET_SIZE } from './packet-parser.js';

/** Options of {@link createDatanodeServer}. */
export interface DatanodeServerOptions {
  /** The volume whose files hold the blocks. */
  readonly volume: Volume;
  /** Checks every op's block token (the keys every shim of the volume shares). */
  readonly tokens: BlockTokenSecretManager;
  /** Receives one line per dropped connection, refused op or unexpected failure; default: silent. */
  readonly log?: (line: string) => void;
  /** Largest accepted write packet payload in bytes (default 16 MiB). */
  readonly maxPacketSize?: number;
}

/** A listening datanode (DataTransferProtocol) server. */
export type DatanodeServer = TcpServer;

/**
 * HDFS datanode over a volume: serves READ_BLOCK, WRITE_BLOCK and BLOCK_CHECKSUM (protocol
 * version 28, no SASL) for blocks named by signed block tokens, checked before the volume is
 * touched. Each connection carries one op; bad bytes destroy that socket only.
 */
export function createDatanodeServer(opts: DatanodeServerOptions): DatanodeServer {
  const log = opts.log ?? (() => {});
  const maxPacketSize = opts.maxPacketSize ?? DEFAULT_MAX_DATA_PACKET_SIZE;
  const redact = redactorFor(opts.volume);
  return createTcpServer('datanode', (socket) => {
    socket.setNoDelay(true);
    const peer = `${socket.remoteAddress}:${socket.remotePort}`;
    serveConnection(socket, { volume: opts.volume, tokens: opts.tokens, redact, log, maxPacketSize, peer });
  }, log);
}
