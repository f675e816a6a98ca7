import { wireError } from './wire-error.js';

/** Length of the connection preamble: "hrpc", version, service class, auth protocol. */
export const PREAMBLE_LENGTH = 7;

/** The only IPC version spoken (Hadoop 2.x/3.x, hdfs-cli 2.3.0). */
export const IPC_VERSION = 9;

/** Auth protocol byte 0: NONE, i.e. SIMPLE authentication. */
export const AUTH_SIMPLE = 0;

/**
 * Auth protocol byte 0xDF: SASL. A SIMPLE-only server answers the client's SASL negotiation
 * with "switch to simple", as Hadoop's does (Java clients holding tokens always try SASL).
 */
export const AUTH_SASL = 0xdf;

const MAGIC = Buffer.from('hrpc', 'ascii');

/** The decoded preamble of a connection. */
export interface Preamble {
  readonly version: number;
  readonly serviceClass: number;
  readonly authProtocol: number;
}

/**
 * Parses the 7-byte preamble a client sends first (no reply is due). Only the first 7 bytes of
 * `bytes` are read. Throws WireError `TRUNCATED` when fewer than 7 bytes are given, and
 * `BAD_PREAMBLE` when the magic is not "hrpc", the version is not 9, or the auth protocol is
 * neither SIMPLE (0) nor SASL (0xDF); the caller then closes the connection.
 */
export function parsePreamble(bytes: Uint8Array): Preamble {
  if (bytes.length < PREAMBLE_LENGTH) throw wireError('TRUNCATED', `preamble needs ${PREAMBLE_LENGTH} bytes, got ${bytes.length}`);
  if (!MAGIC.equals(bytes.subarray(0, 4))) {
    throw wireError('BAD_PREAMBLE', `connection does not start with "hrpc" (got ${Buffer.from(bytes.subarray(0, 4)).toString('hex')})`);
  }
  const [version, serviceClass, authProtocol] = [bytes[4]!, bytes[5]!, bytes[6]!];
  if (version !== IPC_VERSION) throw wireError('BAD_PREAMBLE', `unsupported IPC version ${version} (only ${IPC_VERSION})`);
  if (authProtocol !== AUTH_SIMPLE && authProtocol !== AUTH_SASL) {
    throw wireError('BAD_PREAMBLE', `unsupported auth protocol 0x${authProtocol.toString(16)} (only NONE, 0, and SASL, 0xdf)`);
  }
  return { version, serviceClass, authProtocol };
}
