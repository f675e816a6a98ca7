/**
 * Why a byte stream or message was rejected: `TRUNCATED` (input ended inside a value),
 * `MALFORMED` (bytes that cannot be what the schema says, including a missing required field),
 * `TOO_LARGE` (a packet over the configured limit) and `BAD_PREAMBLE` (not "hrpc", wrong
 * version, or an auth protocol other than SIMPLE).
 */
export type WireErrorCode = 'TRUNCATED' | 'MALFORMED' | 'TOO_LARGE' | 'BAD_PREAMBLE';

/**
 * A peer sent bytes the IPC layer cannot accept. The server drops that one connection; nothing
 * else is affected. Branch on `code`, never on the message text.
 */
export interface WireError extends Error {
  readonly name: 'WireError';
  readonly code: WireErrorCode;
}

/** Builds a {@link WireError} (a plain `Error` carrying `code`; see STYLE.md §2 on subclasses). */
export function wireError(code: WireErrorCode, message: string): WireError {
  return Object.assign(new Error(message), { name: 'WireError' as const, code });
}

/** True when `e` was raised by {@link wireError}. */
export function isWireError(e: unknown): e is WireError {
  return e instanceof Error && e.name === 'WireError' && typeof (e as { code?: unknown }).code === 'string';
}
