import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { Socket } from 'node:net';
import { ConnectionGuard, type GuardedConnection } from '../net/connection-guard.js';

/** Connection limits and timeouts of an HTTP endpoint (see {@link DEFAULT_HTTP_LIMITS}). */
export interface HttpLimits {
  /** Connections one client address may hold (the oldest idle one makes room for a new one). */
  maxPerAddress: number;
  /** Time to send a request's headers. */
  headersTimeoutMs: number;
  /** A connection without traffic this long is closed, during a request too. */
  idleMs: number;
  /** An idle keep-alive connection is closed after this long. */
  keepAliveMs: number;
  /** Time to finish the TLS handshake (HTTPS only). */
  tlsHandshakeMs: number;
}

/**
 * Defaults as Hadoop's HTTP servers behave: 60 s without traffic (Jetty's idle timeout,
 * `hadoop.http.idle_timeout.ms`), 20 s for the headers, 5 s keep-alive, 10 s for a TLS
 * handshake, 128 connections per address. Uploads have no overall deadline: a long CREATE is
 * fine as long as bytes keep coming.
 */
export const DEFAULT_HTTP_LIMITS: HttpLimits = { maxPerAddress: 128, headersTimeoutMs: 20_000, idleMs: 60_000, keepAliveMs: 5_000, tlsHandshakeMs: 10_000 };

/** A certificate and key: HTTPS only, when given. */
export interface HttpsIdentity {
  cert: Buffer;
  key: Buffer;
}

/** What an HTTP endpoint serves. */
export interface HttpListenerOptions {
  /** Handles one request; `expectContinue` when the client waits for `100 Continue`. */
  onRequest(req: IncomingMessage, res: ServerResponse, expectContinue: boolean): void;
  /** Answers a request Node could not parse, on its raw socket. */
  onClientError(err: Error & { code?: string }, socket: Socket): void;
  /** Serve HTTPS only, with this identity. */
  tls?: HttpsIdentity;
  limits?: Partial<HttpLimits>;
  log: (line: string) => void;
}

/** An HTTP(S) server with the endpoint's limits applied. */
export interface HttpListener {
  readonly server: Server;
  listen(port: number, host?: string): Promise<number>;
  close(): Promise<void>;
}

/**
 * An HTTP or (with `tls`) HTTPS-only server: node:http's own timeouts set to
 * {@link HttpLimits}, and a {@link ConnectionGuard} capping connections per address, which
 * counts a connection busy while it has a request in flight.
 */
export function createHttpListener(o: HttpListenerOptions): HttpListener {
  const limits = { ...DEFAULT_HTTP_LIMITS, ...o.limits };
  const guard = new ConnectionGuard(o.tls ? 'https' : 'http', { maxPerAddress: limits.maxPerAddress }, o.log);
  // Keyed by the peer's address and port: with TLS the request's socket wraps the raw one.
  const conns = new Map<string, GuardedConnection>();
  const keyOf = (s: Socket) => `${s.remoteAddress}|${s.remotePort}`;
  const track = (req: IncomingMessage, res: ServerResponse, expectContinue: boolean) => {
    const conn = conns.get(keyOf(req.socket));
    conn?.established();
    conn?.busy();
    res.once('close', () => conn?.done());
    o.onRequest(req, res, expectContinue);
  };
  const server: Server = o.tls
    ? createHttpsServer({ cert: o.tls.cert, key: o.tls.key, handshakeTimeout: limits.tlsHandshakeMs }, (req, res) => track(req, res, false)) as unknown as Server
    : createHttpServer((req, res) => track(req, res, false));
  server.on('connection', (socket: Socket) => {
    const conn = guard.admit(socket);
    if (!conn) return;
    const key = keyOf(socket);
    conns.set(key, conn);
    socket.once('close', () => conns.delete(key));
  });
  server.timeout = limits.idleMs;
  server.headersTimeout = limits.headersTimeoutMs;
  server.requestTimeout = 0;
  server.keepAliveTimeout = limits.keepAliveMs;
  // Uploads wait for `100 Continue` until the file is accepted, so a refused CREATE sends no body.
  server.on('checkContinue', (req: IncomingMessage, res: ServerResponse) => track(req, res, true));
  server.on('clientError', (err: Error & { code?: string }, socket: Socket) => o.onClientError(err, socket));
  // A plain-HTTP request or a bad handshake on the HTTPS port: nothing to answer, just close.
  server.on('tlsClientError', (_err: Error, socket: Socket) => socket.destroy());
  return {
    server,
    listen: (port, host) => new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => {
        server.off('error', reject);
        const addr = server.address();
        resolve(typeof addr === 'object' && addr ? addr.port : port);
      });
    }),
    close: () => new Promise((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    }),
  };
}
