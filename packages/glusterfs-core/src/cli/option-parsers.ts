import { InvalidArgumentError } from 'commander';
import { LOG_LEVELS, type LogLevel } from '../log/index.js';

/** commander parser for a TCP port option (0–65535). */
export function parsePort(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new InvalidArgumentError('must be a TCP port (0-65535)');
  return n;
}

/** commander parser for a `--log-level` option. */
export function parseLogLevel(v: string): LogLevel {
  if (!(LOG_LEVELS as readonly string[]).includes(v)) throw new InvalidArgumentError(`must be one of ${LOG_LEVELS.join(', ')}`);
  return v as LogLevel;
}
