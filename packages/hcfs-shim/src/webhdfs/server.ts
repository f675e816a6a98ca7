import type { IncomingMessage, ServerResponse } from 'node:http';
import { FsError, silentLogger, type Logger, type Volume } from 'glusterfs-core';
import type { Namespace } from '../namespace/types.js';
import { redactorFor } from '../redact.js';
import type { OpDef, OpRequest, WebHdfsEnv } from './context.js';
import { DATANODE_OPS } from './datanode-ops.js';
import { createHttpListener, type HttpLimits, type HttpsIdentity } from './http-listener.js';
import { NAMENODE_READ_OPS } from './namenode-read-ops.js';
import { NAMENODE_WRITE_OPS } from './namenode-write-ops.js';
import { parseRequestTarget } from './params.js';
import { remoteExceptionOf } from './remote-exception.js';
import { sendError, sendReply } from './reply.js';

/** HDFS's dfs.ls.limit: entries per LISTSTATUS_BATCH page. */
const DEFAULT_LIST_LIMIT = 1000;

/** Options of {@link createWebHdfsServer}. */
export interface WebHdfsServerOptions {
  /** This process's namespace over the volume (every op goes through it, for permissions and leases). */
  namespace: Namespace;
  /** The same volume, for file bytes (datanode OPEN, CREATE, APPEND, GETFILECHECKSUM). */
  volume: Volume;
  /**
   * `namenode` (port 9870 by convention) answers metadata ops and redirects data ops;
   * `datanode` (port 9864) answers the redirect targets: OPEN, CREATE, APPEND, GETFILECHECKSUM.
   */
  role: 'namenode' | 'datanode';
  /** The user of requests without `user.name` (HDFS's static web user). */
  defaultUser: string;
  /** Groups of a user name (checked by the namespace's permission checks). */
  groupsOf: (name: string) => readonly string[];
  /** `host:port` of the namenode RPC server, carried in redirects (`namenoderpcaddress`) and CREATE's Location. */
  namenodeRpcAddress: string;
  log?: Logger;
  /** Entries per LISTSTATUS_BATCH page and per namespace call of LISTSTATUS (default 1000). */
  listLimit?: number;
  /** Serve HTTPS only (`swebhdfs://`), with this certificate and key; redirects then name https URLs. */
  tls?: HttpsIdentity;
  /** Connection limits and timeouts (default {@link DEFAULT_HTTP_LIMITS}). */
  limits?: Partial<HttpLimits>;
}

/**
 * Hadoop's default `dfs.webhdfs.user.provider.user.pattern`: the `user.name` values WebHDFS
 * takes (no control characters, no slashes, nothing a registry or log line could trip on).
 */
export const WEBHDFS_USER_PATTERN = /^[A-Za-z_][A-Za-z0-9._-]*[$]?$/;
/** UserParam's length limit. */
const MAX_USER_NAME = 256;

/** A WebHDFS HTTP server. */
export interface WebHdfsServer {
  /** Starts listening (port 0 picks one); resolves to the bound port. */
  listen(port: number, host?: string): Promise<number>;
  /** Stops accepting, cuts open connections and resolves when the server is closed. */
  close(): Promise<void>;
}

/**
 * Hadoop's WebHDFS REST API (`/webhdfs/v1/<path>?op=…&user.name=…`) over a namespace and its
 * volume, with `node:http` (or HTTPS only, with `tls`). Answers are Hadoop's JSON; failures are
 * `RemoteException` JSON with the status `errors.ts` gives their errno. Unknown ops, or an op
 * under the wrong method, are 400. A request whose client goes away has its namespace work
 * stopped (the caller's signal).
 */
export function createWebHdfsServer(opts: WebHdfsServerOptions): WebHdfsServer {
  const log = opts.log ?? silentLogger();
  const env: WebHdfsEnv = {
    namespace: opts.namespace,
    volume: opts.volume,
    namenodeRpcAddress: opts.namenodeRpcAddress,
    listLimit: opts.listLimit ?? DEFAULT_LIST_LIMIT,
    log,
    redact: redactorFor(opts.volume),
    scheme: opts.tls ? 'https' : 'http',
  };
  const ops = opts.role === 'namenode' ? { ...NAMENODE_READ_OPS, ...NAMENODE_WRITE_OPS } : DATANODE_OPS;
  return createHttpListener({
    tls: opts.tls,
    limits: opts.limits,
    log: (line) => log.warn(line),
    onRequest(req, res, expectContinue) {
      serve(env, ops, opts, req, res, expectContinue).catch((e) => sendError(res, e, env.log, env.redact));
    },
    // A request Node cannot even parse still gets Hadoop's JSON error body, then that socket closes.
    onClientError(err, socket) {
      if (!socket.writable) return socket.destroy();
      const tooLarge = err.code === 'HPE_HEADER_OVERFLOW';
      const { body } = remoteExceptionOf(new FsError('EINVAL', `malformed HTTP request: ${err.message}`), env.redact);
      const json = JSON.stringify(body);
      socket.end(`HTTP/1.1 ${tooLarge ? '431 Request Header Fields Too Large' : '400 Bad Request'}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(json)}\r\nConnection: close\r\n\r\n${json}`);
    },
  });
}

/** The `user.name` of a request; EINVAL (400) for one Hadoop's WebHDFS would refuse. */
function userNameOf(query: URLSearchParams, defaultUser: string): string {
  const name = query.get('user.name') || defaultUser;
  if (name.length > MAX_USER_NAME) throw new FsError('EINVAL', `Parameter [user.name], cannot be more than ${MAX_USER_NAME} characters`);
  if (!WEBHDFS_USER_PATTERN.test(name)) {
    throw new FsError('EINVAL', `Invalid value: "${name}" does not belong to the domain ${WEBHDFS_USER_PATTERN.source}`);
  }
  return name;
}

async function serve(
  env: WebHdfsEnv, ops: Record<string, OpDef>, opts: WebHdfsServerOptions,
  req: IncomingMessage, res: ServerResponse, expectContinue: boolean,
): Promise<void> {
  const target = parseRequestTarget(req.url ?? '/');
  if (!target) throw new FsError('ENOENT', `No WebHDFS resource at ${req.url ?? ''}`);
  const op = (target.query.get('op') ?? '').toUpperCase();
  const def = Object.hasOwn(ops, op) ? ops[op] : undefined;
  if (!def || def.method !== req.method) {
    throw new FsError('EINVAL', `Invalid value for webhdfs parameter "op": ${op || '(none)'} is not a ${req.method ?? ''} operation of this ${opts.role}`);
  }
  const name = userNameOf(target.query, opts.defaultUser);
  let waiting = expectContinue;
  // The client hanging up before its answer is complete stops the work done for it.
  const gone = new AbortController();
  res.once('close', () => {
    if (!res.writableFinished) gone.abort(new FsError('ECANCELED', 'the client closed its connection'));
  });
  const rq: OpRequest = {
    path: target.path,
    op,
    query: target.query,
    user: { name, groups: opts.groupsOf(name), signal: gone.signal },
    req,
    accept() {
      if (!waiting) return;
      waiting = false;
      res.writeContinue();
    },
  };
  await sendReply(res, await def.run(env, rq));
}
