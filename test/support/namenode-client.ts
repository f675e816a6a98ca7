import { decode, encode, METHODS, RPC_STATUS, type MessageInit, type MessageSchema, type MessageValue, type MethodName } from 'hcfs-shim';
import { callPacket, contextPacket, HRPC_PREAMBLE, openHrpc, type HrpcConnection } from './hrpc-client.js';

type Req<M extends MethodName> = MessageInit<(typeof METHODS)[M]['request']>;
type Res<M extends MethodName> = MessageValue<(typeof METHODS)[M]['response']>;

/** A namenode call answered with an exception: the Java class and message the client gets. */
export class RemoteError extends Error {
  constructor(readonly className: string, message: string) {
    super(`${className}: ${message}`);
  }
}

/**
 * A hostile client's view of the namenode: a raw Hadoop IPC connection as `user`, with typed
 * calls (requests encoded and responses decoded with the shim's own ClientProtocol schemas),
 * so a test can send what the real CLI never would and read block tokens.
 */
export class NamenodeClient {
  readonly conn: HrpcConnection;
  #callId = 1;

  private constructor(conn: HrpcConnection) {
    this.conn = conn;
  }

  /** Connects to `hostPort` and sends the preamble and connection context for `user`. */
  static async open(hostPort: string, user = 'root'): Promise<NamenodeClient> {
    const conn = await openHrpc(hostPort);
    conn.write(HRPC_PREAMBLE);
    conn.write(contextPacket(user));
    return new NamenodeClient(conn);
  }

  /** Sends a call without waiting for its answer (for clients that walk away). */
  send<M extends MethodName>(method: M, req: Req<M>): number {
    const id = this.#callId++;
    this.conn.write(callPacket(id, method, encode(METHODS[method].request as MessageSchema, req as never)));
    return id;
  }

  /** Calls `method`; rejects with a {@link RemoteError} when the namenode answers an exception. */
  async call<M extends MethodName>(method: M, req: Req<M>, timeoutMs = 30_000): Promise<Res<M>> {
    const id = this.send(method, req);
    const r = await this.conn.next(timeoutMs);
    if (r.header.callId !== id) throw new Error(`answer to call ${r.header.callId}, expected ${id}`);
    if (r.header.status !== RPC_STATUS.SUCCESS) throw new RemoteError(r.header.exceptionClassName ?? '', r.header.errorMsg ?? '');
    return decode(METHODS[method].response as MessageSchema, r.body ?? Buffer.alloc(0)) as Res<M>;
  }

  /** The RemoteError a call fails with (an assertion error when it succeeds). */
  async fails<M extends MethodName>(method: M, req: Req<M>, timeoutMs?: number): Promise<RemoteError> {
    try {
      await this.call(method, req, timeoutMs);
    } catch (e) {
      if (e instanceof RemoteError) return e;
      throw e;
    }
    throw new Error(`${method} succeeded, expected an exception`);
  }

  close(): void {
    this.conn.close();
  }
}

/** Runs `f` with a client connected to `namenode` as `user`, and closes it afterwards. */
export async function withNamenode<T>(namenode: string, user: string, f: (c: NamenodeClient) => Promise<T>): Promise<T> {
  const c = await NamenodeClient.open(namenode, user);
  try {
    return await f(c);
  } finally {
    c.close();
  }
}
