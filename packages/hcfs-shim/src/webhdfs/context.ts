import type { IncomingMessage } from 'node:http';
import type { Readable } from 'node:stream';
import type { Logger, Volume } from 'glusterfs-core';
import type { HdfsUser, Namespace } from '../namespace/types.js';
import type { Redact } from '../redact.js';

/** What every handler may use: the process's namespace and volume, and the server's settings. */
export interface WebHdfsEnv {
  namespace: Namespace;
  volume: Volume;
  /** `host:port` of the namenode RPC server (put in redirects and CREATE's Location). */
  namenodeRpcAddress: string;
  /** Entries per LISTSTATUS_BATCH page (HDFS's dfs.ls.limit). */
  listLimit: number;
  log: Logger;
  /** Takes host paths and GFIDs out of error text sent to clients. */
  redact: Redact;
  /** `https` when the datanodes' HTTP ports serve HTTPS only (redirects must say so). */
  scheme: 'http' | 'https';
}

/** One parsed WebHDFS request. */
export interface OpRequest {
  /** Normalised volume path. */
  path: string;
  /** Upper-cased `op`. */
  op: string;
  /** Query parameters, names lower-cased. */
  query: URLSearchParams;
  user: HdfsUser;
  /** The raw request, for ops that read a body. */
  req: IncomingMessage;
  /** Sends `100 Continue` when the client waits for it; ops with a body call it once they accepted. */
  accept(): void;
}

/** A handler's answer: a status with a JSON value, a byte stream, or nothing. */
export interface Reply {
  status: number;
  headers?: Record<string, string | number>;
  /** Sent as `application/json` (bigints as exact integers). */
  json?: unknown;
  /** Streamed as `application/octet-stream` with backpressure. */
  body?: Readable;
}

/** One WebHDFS operation: the HTTP method it answers to and its handler. */
export interface OpDef {
  method: 'GET' | 'PUT' | 'POST' | 'DELETE';
  run(env: WebHdfsEnv, rq: OpRequest): Promise<Reply>;
}

/** An empty 200, what Hadoop answers for SETPERMISSION, SETOWNER and other void ops. */
export const OK_EMPTY: Reply = { status: 200 };
