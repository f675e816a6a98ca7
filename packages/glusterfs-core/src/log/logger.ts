/** Log levels, least to most severe. */
export const LOG_LEVELS = ['debug', 'info', 'warn', 'error'] as const;
/** A log level name. */
export type LogLevel = (typeof LOG_LEVELS)[number];

/** A structured logger, passed to whoever needs one (there is no global logger). */
export interface Logger {
  debug(msg: string, fields?: Record<string, unknown>): void;
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
  /** A logger whose lines carry `name` as their component. */
  child(name: string): Logger;
}

/**
 * A logger writing one line per record (`time level [component] msg {fields}`) to `sink`
 * (stderr by default), dropping records below `level`.
 */
export function createLogger(
  component: string,
  level: LogLevel = 'info',
  sink: (line: string) => void = (l) => process.stderr.write(l + '\n'),
): Logger {
  const min = LOG_LEVELS.indexOf(level);
  const at = (lvl: LogLevel) => (msg: string, fields?: Record<string, unknown>) => {
    if (LOG_LEVELS.indexOf(lvl) < min) return;
    const extra = fields && Object.keys(fields).length ? ' ' + safeJson(fields) : '';
    sink(`${new Date().toISOString()} ${lvl.toUpperCase()} [${component}] ${msg}${extra}`);
  };
  return {
    debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error'),
    child: (name) => createLogger(`${component}/${name}`, level, sink),
  };
}

/** A logger that drops everything (tests, quiet tools). */
export function silentLogger(): Logger {
  const nop = () => {};
  const self: Logger = { debug: nop, info: nop, warn: nop, error: nop, child: () => self };
  return self;
}

function safeJson(v: unknown): string {
  try {
    return JSON.stringify(v, (_k, x) => (typeof x === 'bigint' ? x.toString() : x instanceof Error ? x.message : x));
  } catch {
    return String(v);
  }
}
