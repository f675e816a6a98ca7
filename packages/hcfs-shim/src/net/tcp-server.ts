import { createServer, type Server, type Socket } from 'node:net';
import { ConnectionGuard, type ConnectionLimits, type GuardedConnection } from './connection-guard.js';

/** A TCP server that knows its connections, so closing it cuts them too. */
export interface TcpServer {
  /** Starts listening; resolves with the bound port (useful with port 0). */
  listen(port: number, host?: string): Promise<number>;
  /** Stops accepting, destroys open connections, resolves once closed. */
  close(): Promise<void>;
  /** The underlying net.Server. */
  readonly server: Server;
}

/**
 * The lifecycle the shim's TCP endpoints (namenode IPC, datanode) share: each socket is first
 * admitted by a {@link ConnectionGuard} with `limits` (per-address cap, handshake and idle
 * timeouts), then served by `onConnection`, which reports the connection's handshake and work
 * on the guard's handle. A listen failure rejects `listen`; later server errors go to `log`
 * with `name`.
 */
export function createTcpServer(
  name: string, limits: ConnectionLimits, onConnection: (socket: Socket, conn: GuardedConnection) => void, log: (line: string) => void,
): TcpServer {
  const sockets = new Set<Socket>();
  const guard = new ConnectionGuard(name, limits, log);
  const server = createServer((socket) => {
    // A reset peer must not become an unhandled 'error'; each protocol logs what matters to it.
    socket.on('error', () => {});
    const conn = guard.admit(socket);
    if (!conn) return;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    onConnection(socket, conn);
  });
  return {
    server,
    listen: (port, host) => new Promise<number>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => {
        server.off('error', reject);
        server.on('error', (e) => log(`${name}: server: ${e.message}`));
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
