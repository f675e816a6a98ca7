import type { Socket } from 'node:net';
import { decode, isWireError } from '../ipc/index.js';
import type { GuardedConnection } from '../net/connection-guard.js';
import { handleBlockChecksum } from './block-checksum.js';
import type { OpContext } from './op-context.js';
import { DATA_TRANSFER_VERSION, DT_OP, OpBlockChecksumProto, OpReadBlockProto, OpWriteBlockProto } from './op-messages.js';
import { OpRequestReader } from './op-request.js';
import type { OpRequest } from './op-request.js';
import { handleReadBlock } from './read-block.js';
import { refuse } from './replies.js';
import { DT_STATUS } from './reply-messages.js';
import { handleWriteBlock } from './write-block.js';

/** Errors that only mean the client went away first; routine with the Go client. */
const PEER_GONE: ReadonlySet<string> = new Set(['EPIPE', 'ECONNRESET']);

/**
 * Serves one datanode connection: reads the op request (at most `maxOpMessageSize` bytes of
 * message), then hands the socket to the op's handler (one op per connection, as HDFS clients
 * use it), reporting both on `conn`. Bad bytes, or a handler failing unexpectedly, destroy this
 * socket only.
 */
export function serveConnection(socket: Socket, conn: GuardedConnection, ctx: OpContext, maxOpMessageSize?: number): void {
  const reader = new OpRequestReader(maxOpMessageSize);
  const onData = (chunk: Buffer) => {
    let req: OpRequest | undefined;
    try {
      req = reader.push(chunk);
      if (!req) return;
      socket.off('data', onData);
      conn.established();
      conn.busy();
      dispatch(socket, req, ctx).finally(() => conn.done());
    } catch (e) {
      drop(socket, ctx, e);
    }
  };
  socket.on('data', onData);
  socket.on('error', (e: NodeJS.ErrnoException) => {
    if (!PEER_GONE.has(e.code ?? '')) ctx.log(`datanode: ${ctx.peer}: ${e.message}`);
  });
}

/**
 * Decodes the op message (a WireError is thrown for a malformed one) and starts its handler;
 * resolves when the op is over (failures are handled here).
 */
function dispatch(socket: Socket, req: OpRequest, ctx: OpContext): Promise<void> {
  if (!req.body) {
    const what = req.version !== DATA_TRANSFER_VERSION ? `data transfer version ${req.version}` : `op ${req.op}`;
    ctx.log(`datanode: ${ctx.peer}: unsupported ${what}`);
    refuse(socket, DT_STATUS.ERROR_UNSUPPORTED, `unsupported ${what}`);
    socket.resume();
    return Promise.resolve();
  }
  let done: Promise<void>;
  switch (req.op) {
    case DT_OP.READ_BLOCK:
      done = handleReadBlock(socket, decode(OpReadBlockProto, req.body), ctx);
      break;
    case DT_OP.BLOCK_CHECKSUM:
      done = handleBlockChecksum(socket, decode(OpBlockChecksumProto, req.body), ctx);
      break;
    default:
      done = handleWriteBlock(socket, decode(OpWriteBlockProto, req.body), req.rest, ctx);
      break;
  }
  // Read and checksum ops take no more input; discard it so the client's close is noticed.
  if (req.op !== DT_OP.WRITE_BLOCK) socket.resume();
  return done.catch((e: unknown) => drop(socket, ctx, e));
}

function drop(socket: Socket, ctx: OpContext, e: unknown): void {
  // Bad bytes are the peer's fault and need no stack; anything else is a bug worth one.
  const why = isWireError(e) ? e.message : e instanceof Error ? e.stack ?? e.message : String(e);
  ctx.log(`datanode: dropping ${ctx.peer}: ${why}`);
  socket.destroy();
}
