import { createTcpServer, type TcpServer } from '../net/tcp-server.js';
import type { Volume } from 'glusterfs-core';
import type { BlockTokenSecretManager, OpenBlocks } from '../blocks/index.js';
import { redactorFor } from '../redact.js';
import { serveConnection } from './connection.js';
import { DEFAULT_MAX_DATA_PACKET_SIZE } from './packet-parser.js';

/** Sizes and times of the datanode (see {@link DEFAULT_DATANODE_LIMITS}). */
export interface DatanodeLimits {
  /** Largest op request message (header, token, targets). */
  maxOpMessageSize: number;
  /** Connections one client address may hold (the oldest not yet in an op makes room). */
  maxPerAddress: number;
  /** Time to send the op request. */
  handshakeMs: number;
  /** An op whose socket sees no traffic this long is dropped. */
  idleMs: number;
}

/**
 * Defaults: 64 KiB per op request (a real one is a few hundred bytes; a block token naming an
 * 8000-character path is at most ~24 KiB, targets a few hundred bytes each); 256 connections
 * per address (a busy host runs many block transfers at once; HDFS's datanode allows 4096 in
 * all); 10 s to send the op; 60 s without traffic during an op (HDFS's `dfs.client.socket-timeout`;
 * a writer with nothing to send heartbeats every 30 s).
 */
export const DEFAULT_DATANODE_LIMITS: DatanodeLimits = { maxOpMessageSize: 64 * 1024, maxPerAddress: 256, handshakeMs: 10_000, idleMs: 60_000 };

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
  /** Sizes and times; each defaults to {@link DEFAULT_DATANODE_LIMITS}. */
  readonly limits?: Partial<DatanodeLimits>;
  /** Where blocks being written are remembered, for the IPC port's getReplicaVisibleLength. */
  readonly openBlocks?: OpenBlocks;
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
  const limits = { ...DEFAULT_DATANODE_LIMITS, ...opts.limits };
  const timeouts = { handshakeMs: limits.handshakeMs, idleMs: limits.idleMs, busyMs: limits.idleMs };
  return createTcpServer('datanode', { maxPerAddress: limits.maxPerAddress, timeouts }, (socket, conn) => {
    socket.setNoDelay(true);
    const peer = `${socket.remoteAddress}:${socket.remotePort}`;
    serveConnection(socket, conn, { volume: opts.volume, tokens: opts.tokens, openBlocks: opts.openBlocks, redact, log, maxPacketSize, peer }, limits.maxOpMessageSize);
  }, log);
}
