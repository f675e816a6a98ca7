import { createWriteStream, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { Logger } from '../log/index.js';

/** A line writer appending to `file` (its directory created), or undefined for stderr. */
export function logSink(file: string | undefined): ((line: string) => void) | undefined {
  if (!file) return undefined;
  mkdirSync(dirname(resolve(file)), { recursive: true });
  const out = createWriteStream(file, { flags: 'a' });
  return (line) => out.write(line + '\n');
}

/**
 * A stray rejection in some background work must not take a daemon (a brick, the self-heal
 * daemon) down: log it with its stack and keep serving. A synchronous uncaught exception
 * leaves state unknown, so that one exits (glusterd restarts the process).
 */
export function guardProcess(log: Logger): void {
  process.on('unhandledRejection', (e) => {
    log.error('unhandled rejection (a bug)', { error: e instanceof Error ? e.stack : String(e) });
  });
  process.on('uncaughtException', (e) => {
    log.error('uncaught exception (a bug): exiting', { error: e.stack ?? String(e) });
    process.exit(70);
  });
}

/**
 * Closes the daemon on SIGTERM or SIGINT and exits 0 (1 when closing fails, or at a second
 * signal while it is still closing).
 */
export function stopOnSignals(log: Logger, close: () => Promise<void>): void {
  let stopping = false;
  const stop = (sig: string) => {
    if (stopping) process.exit(1);
    stopping = true;
    log.info('stopping', { signal: sig });
    close().then(() => process.exit(0), (e: unknown) => {
      log.error('stop failed', { error: e instanceof Error ? e.stack : String(e) });
      process.exit(1);
    });
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}
