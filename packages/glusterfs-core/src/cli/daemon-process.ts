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
