import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { FsError } from '../errors/index.js';
import { decodeValue, encodeValue } from './codec.js';
import type { OutBuffer } from './out-buffer.js';
import { WireReader } from './wire-reader.js';

/**
 * Who a client proves to be when it connects: a user name and the secret shared with the server
 * (GlusterFS's `auth.login` user and password, or the pool secret between glusterds). The
 * secret itself never crosses the wire; both sides prove knowledge of it with an HMAC over
 * fresh nonces of both, so neither a replayed nor a relayed handshake is accepted.
 */
export interface Credentials {
  readonly user: string;
  readonly secret: Buffer;
}

/** What a server knows about the client at the other end of one connection. */
export interface ConnAuth {
  /** The user whose secret the client proved to know; undefined for an anonymous client. */
  readonly user?: string;
  /** True for a connection through the server's local socket, which only its owner can open. */
  readonly local: boolean;
  /** Common name of the client's TLS certificate (verified against the CA); undefined without TLS. */
  readonly certName?: string;
  /** The client's IP address (empty for a local socket). */
  readonly address: string;
}

/** Bytes of each side's nonce. */
export const NONCE_BYTES = 32;
/** Longest user name a handshake may carry. */
const MAX_USER_BYTES = 256;

/** What a client sends first: its nonce and the user it will prove to be ('' = anonymous). */
export interface ClientHello {
  nonce: Buffer;
  user: string;
}

/** The server's answer: its nonce and, when it knows the user's secret, its own proof. */
export interface ServerChallenge {
  nonce: Buffer;
  /** HMAC proving the server knows the user's secret; empty when it does not (or anonymous). */
  proof: Buffer;
}

/** A fresh random nonce. */
export function newNonce(): Buffer {
  return randomBytes(NONCE_BYTES);
}

/**
 * The proof one side gives: HMAC-SHA256 keyed with the secret over a side label, both nonces and
 * the user name. The labels differ, so a server's proof can never be replayed as a client's.
 */
export function authProof(secret: Buffer, side: 'client' | 'server', hello: ClientHello, serverNonce: Buffer): Buffer {
  return createHmac('sha256', secret)
    .update(`gluster-ts rpc ${side}\0`).update(hello.nonce).update(serverNonce).update(hello.user)
    .digest();
}

/** True when `given` is exactly the expected proof (compared in constant time). */
export function proofMatches(expected: Buffer, given: Buffer): boolean {
  return given.length === expected.length && timingSafeEqual(expected, given);
}

/** Appends the value part of a client hello (after magic and version). */
export function encodeHello(out: OutBuffer, hello: ClientHello): void {
  encodeValue(out, { nonce: hello.nonce, user: hello.user });
}

/** Appends the value part of a server challenge. */
export function encodeChallenge(out: OutBuffer, ch: ServerChallenge): void {
  encodeValue(out, { nonce: ch.nonce, proof: ch.proof });
}

/** Decodes a client hello; EBADMSG for anything else. */
export function decodeHello(body: Buffer): ClientHello {
  const v = decodeRecord(body, 'client hello');
  if (!isNonce(v.nonce) || typeof v.user !== 'string' || Buffer.byteLength(v.user) > MAX_USER_BYTES) {
    throw new FsError('EBADMSG', 'malformed client hello');
  }
  return { nonce: Buffer.from(v.nonce), user: v.user };
}

/** Decodes a server challenge; EBADMSG for anything else. */
export function decodeChallenge(body: Buffer): ServerChallenge {
  const v = decodeRecord(body, 'server challenge');
  if (!isNonce(v.nonce) || !Buffer.isBuffer(v.proof) || v.proof.length > 64) throw new FsError('EBADMSG', 'malformed server challenge');
  return { nonce: Buffer.from(v.nonce), proof: Buffer.from(v.proof) };
}

/** Decodes the client's proof frame body; EBADMSG for anything else. */
export function decodeProof(body: Buffer): Buffer {
  const v = decodeRecord(body, 'client proof');
  if (!Buffer.isBuffer(v.proof) || v.proof.length > 64) throw new FsError('EBADMSG', 'malformed client proof');
  return Buffer.from(v.proof);
}

function isNonce(v: unknown): v is Buffer {
  return Buffer.isBuffer(v) && v.length === NONCE_BYTES;
}

function decodeRecord(body: Buffer, what: string): Record<string, unknown> {
  const r = new WireReader(body);
  const v = decodeValue(r);
  if (r.left !== 0 || typeof v !== 'object' || v === null || Array.isArray(v) || Buffer.isBuffer(v)) {
    throw new FsError('EBADMSG', `malformed ${what}`);
  }
  return v as Record<string, unknown>;
}
