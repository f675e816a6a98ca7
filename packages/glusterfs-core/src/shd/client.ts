import { FsError } from '../errors/index.js';
import { silentLogger, type Logger } from '../log/index.js';
import { connectRpc, type Credentials, type TlsMaterial } from '../rpc/index.js';
import { SHD_PROGRAM } from './protocol.js';
import type { ShdStatistics } from './stats.js';

/** Options of the self-heal daemon client helpers. */
export interface ShdCallOptions {
  /** Time allowed to connect and for the call (default 10 s). */
  timeoutMs?: number;
  log?: Logger;
  /** What glusterd proves to be (the daemon serves its own glusterd only). */
  credentials?: Credentials;
  /** When the daemon listens over TLS (secure-access). */
  tls?: TlsMaterial;
}

/**
 * Asks the self-heal daemon at `host:port` to start an index crawl (or a full crawl) of
 * `volume`; returns once it has accepted, not when the crawl ends. ENOENT when that daemon
 * serves no replica set of the volume; ENOTCONN/ETIMEDOUT when it cannot be reached.
 */
export async function shdTrigger(host: string, port: number, volume: string, full: boolean, o: ShdCallOptions = {}): Promise<void> {
  await callShd(host, port, 'trigger', [volume, full], o);
}

/**
 * The crawl statistics of `volume` on the self-heal daemon at `host:port`. ENOENT when that
 * daemon does not serve the volume; ENOTCONN/ETIMEDOUT when it cannot be reached.
 */
export async function shdStatistics(host: string, port: number, volume: string, o: ShdCallOptions = {}): Promise<ShdStatistics> {
  const text = await callShd(host, port, 'statistics', [volume], o);
  if (typeof text !== 'string') throw new FsError('EPROTO', `self-heal daemon at ${host}:${port} answered statistics with a ${typeof text}`);
  return JSON.parse(text) as ShdStatistics;
}

async function callShd(host: string, port: number, proc: string, args: unknown[], o: ShdCallOptions): Promise<unknown> {
  const timeoutMs = o.timeoutMs ?? 10_000;
  const rpc = connectRpc({
    host, port, log: o.log ?? silentLogger(), reconnect: false, callTimeoutMs: timeoutMs, credentials: o.credentials, tls: o.tls,
  });
  try {
    await rpc.waitConnected(timeoutMs);
    return await rpc.call(SHD_PROGRAM, proc, args, { timeoutMs });
  } finally {
    await rpc.close();
  }
}
