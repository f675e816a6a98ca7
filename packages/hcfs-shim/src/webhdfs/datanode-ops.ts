import { Readable } from 'node:stream';
import { FsError, type FileHandle } from 'glusterfs-core';
import type { OpDef, OpRequest, Reply, WebHdfsEnv } from './context.js';
import { OK_EMPTY } from './context.js';
import { writeBody } from './body-writer.js';
import { computeFileChecksum } from './file-checksum.js';
import { DEFAULT_FILE_PERMISSION, webhdfsClientName } from './namenode-write-ops.js';
import { boolParam, longParam, octalParam } from './params.js';
import { READ_CHUNK } from './range-reader.js';

/** How often a long upload renews its lease (HDFS clients renew about every second). */
const RENEW_EVERY_MS = 1_000;

async function open(env: WebHdfsEnv, rq: OpRequest): Promise<Reply> {
  const offset = longParam(rq.query, 'offset', 0, 0);
  const length = longParam(rq.query, 'length', -1, 0);
  // blockLocations is where the namespace checks read access (and ENOENT / EISDIR).
  await env.namespace.blockLocations(rq.user, rq.path, offset, 1);
  const size = (await env.volume.stat(rq.path)).size;
  if (offset > size) throw new FsError('EINVAL', `Offset=${offset} out of the range [0, ${size}]`);
  const count = length < 0 ? size - offset : Math.min(length, size - offset);
  const headers = { 'Content-Type': 'application/octet-stream', 'Content-Length': count };
  if (count === 0) return { status: 200, headers, body: Readable.from([]) };
  return { status: 200, headers, body: Readable.from(exactly(env, rq.path, offset, count), { objectMode: false }) };
}

/** The range's bytes, failing (so the response is cut, not silently short) if the file shrank. */
async function* exactly(env: WebHdfsEnv, path: string, offset: number, count: number): AsyncGenerator<Buffer> {
  let sent = 0;
  const stream = env.volume.createReadStream(path, { start: offset, end: offset + count - 1, highWaterMark: READ_CHUNK });
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    sent += chunk.length;
    yield chunk;
  }
  if (sent !== count) throw new FsError('EIO', `${path} shrank while being read (${sent} of ${count} bytes)`);
}

/**
 * Streams the request body into `path` (leased to `clientName`) from its current end, then
 * completes the file. On any failure the file is closed on the volume but not completed: it stays
 * under construction and its lease expires, as an abandoned HDFS write does.
 */
async function receive(env: WebHdfsEnv, rq: OpRequest, clientName: string): Promise<void> {
  let fh: FileHandle | undefined = await env.volume.open(rq.path, 'r+');
  let renewed = Date.now();
  try {
    const start = (await fh.stat()).size;
    rq.accept();
    await writeBody(rq.req, fh, start, () => {
      if (Date.now() - renewed < RENEW_EVERY_MS) return;
      renewed = Date.now();
      env.namespace.renewLease(clientName);
    }).catch((e: unknown) => {
      // A client that hangs up mid-body is an expected outcome here, not a bug: report it as I/O.
      throw FsError.from(e);
    });
    const done = fh;
    fh = undefined;
    await done.close();
  } finally {
    await fh?.close().catch(() => undefined);
  }
  await env.namespace.complete(rq.user, rq.path, clientName);
}

async function create(env: WebHdfsEnv, rq: OpRequest): Promise<Reply> {
  const clientName = webhdfsClientName();
  await env.namespace.create(rq.user, rq.path, {
    permission: octalParam(rq.query, 'permission', DEFAULT_FILE_PERMISSION),
    overwrite: boolParam(rq.query, 'overwrite', false),
    createParent: true,
    blockSize: longParam(rq.query, 'blocksize', 0, 0) || undefined,
    replication: longParam(rq.query, 'replication', 0, 0) || undefined,
    clientName,
  });
  await receive(env, rq, clientName);
  const nn = env.namenodeRpcAddress;
  return { status: 201, headers: { Location: `hdfs://${nn}${rq.path.split('/').map(encodeURIComponent).join('/')}` } };
}

async function append(env: WebHdfsEnv, rq: OpRequest): Promise<Reply> {
  const clientName = webhdfsClientName();
  await env.namespace.append(rq.user, rq.path, clientName);
  await receive(env, rq, clientName);
  return OK_EMPTY;
}

/** The operations a datanode answers (the targets of the namenode's redirects). */
export const DATANODE_OPS: Record<string, OpDef> = {
  OPEN: { method: 'GET', run: open },
  GETFILECHECKSUM: {
    method: 'GET',
    run: async (env, rq) => ({ status: 200, json: { FileChecksum: await computeFileChecksum(env.namespace, env.volume, rq.user, rq.path) } }),
  },
  CREATE: { method: 'PUT', run: create },
  APPEND: { method: 'POST', run: append },
};
