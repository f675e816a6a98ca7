import { createServer } from 'node:net';
import type { Server, Socket } from 'node:net';
import type { Volume } from 'glusterfs-core';
import { serveConnection } from './connection.js';
import { DEFAULT_MAX_DATA_PACKET_SIZE } from './packet-parser.js';

/** Options of {@link createDatanodeServer}. */
export interface DatanodeServerOptions {
  /** The volume whose files hold the blocks. */
  readonly volume: Volume;
  /** Receives one line per dropped connection, refused op or unexpected failure; default: silent. */
  readonly log?: (line: string) => void;
  /** Largest accepted write packet payload in bytes (default 16 MiB). */
  readonly maxPacketSize?: number;
}

/** A listening datanode (DataTransferProtocol) server. */
export interface DatanodeServer {
  /** Starts listening; resolves with the bound port (useful with port 0). */
  listen(port: number, host?: string): Promise<number>;
  /** Stops accepting, destroys open connections, resolves once closed. */
  close(): Promise<void>;
  /** The underlying net.Server. */
  readonly server: Server;
}

/**
 * HDFS datanode over a volume: serves READ_BLOCK, WRITE_BLOCK and BLOCK_CHECKSUM (protocol
 * version 28, no SASL) for blocks named by this shim's block tokens. Each connection carries
 * one op; bad bytes destroy that socket only.
 */
export function createDatanodeServer(opts: DatanodeServerOptions): DatanodeServer {
  const log = opts.log ?? (() => {});
  const maxPacketSize = opts.maxPacketSize ?? DEFAULT_MAX_DATA_PACKET_SIZE;
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.setNoDelay(true);
    const peer = `${socket.remoteAddress}:${socket.remotePort}`;
    serveConnection(socket, { volume: opts.volume, log, maxPacketSize, peer });
  });
  return {
    server,
    listen: (port, host) => new Promise<number>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => {
        server.off('error', reject);
        server.on('error', (e) => log(`datanode: server: ${e.message}`));
        const addr = server.address();
        resolve(typeof addr === 'object' && addr ? addr.port : port);
      });
    }),
    close: () => new Promise<void>((resolve) => {
      for (const s of sockets) s.destroy();
      if (!server.listening) return resolve();
      server.close(() => resolve());
    }),
  };
}
