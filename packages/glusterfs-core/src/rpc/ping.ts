import type { RpcHandler } from './types.js';

/**
 * The program every RPC server answers without registering it, as GlusterFS's DUMP program
 * answers PING: `rpc.ping []` → null. Clients call it to learn that the process at the other
 * end still runs (a stopped process keeps its TCP connection open but answers nothing).
 */
export const PING_PROGRAM = 'rpc';
/** The procedure of {@link PING_PROGRAM} that answers null at once. */
export const PING_PROC = 'ping';

/** The handlers of {@link PING_PROGRAM}. */
export function pingProcs(): Record<string, RpcHandler> {
  return { [PING_PROC]: async () => null };
}
