import type { ServerResponse } from 'node:http';
import { pipeline } from 'node:stream/promises';
import { FsError, type Logger } from 'glusterfs-core';
import type { Reply } from './context.js';
import { toJsonText } from './json-text.js';
import type { Redact } from '../redact.js';
import { remoteExceptionOf } from './remote-exception.js';

/** Writes `r` to the response; a body is piped with backpressure (rejects if it fails midway). */
export async function sendReply(res: ServerResponse, r: Reply): Promise<void> {
  for (const [k, v] of Object.entries(r.headers ?? {})) res.setHeader(k, v);
  if (r.json !== undefined) {
    const text = toJsonText(r.json);
    res.writeHead(r.status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) });
    res.end(text);
  } else if (r.body) {
    if (!res.hasHeader('Content-Type')) res.setHeader('Content-Type', 'application/octet-stream');
    res.writeHead(r.status);
    await pipeline(r.body, res);
  } else {
    res.writeHead(r.status, { 'Content-Length': 0 });
    res.end();
  }
}

/**
 * Answers a failure with Hadoop's RemoteException JSON. Once bytes were sent there is no way to
 * report it but cutting the connection, so the client sees a short read rather than bad data.
 * FsErrors are expected outcomes (debug); anything else is a bug and logged with its stack. The
 * log keeps the full text; the client gets it through `redact`.
 */
export function sendError(res: ServerResponse, e: unknown, log: Logger, redact?: Redact): void {
  if (res.headersSent) {
    // Usually the client went away mid-stream; nothing to answer, nothing wrong on our side.
    log.debug('webhdfs response cut', { error: String(e) });
    res.destroy();
    return;
  }
  if (e instanceof FsError) log.debug('webhdfs request failed', { code: e.code, message: e.message });
  else log.error('webhdfs handler error', { error: e instanceof Error ? e.stack : String(e) });
  const { status, body } = remoteExceptionOf(e, redact);
  const text = toJsonText(body);
  // An unread request body (a refused upload) would otherwise be drained before the next request.
  if (!res.req.complete) res.setHeader('Connection', 'close');
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}
