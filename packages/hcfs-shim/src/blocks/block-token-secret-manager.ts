import { createHmac, timingSafeEqual } from 'node:crypto';
import { FsError } from 'glusterfs-core';
import { blockIdOf, type BlockRef } from './block-ref.js';
import {
  BLOCK_TOKEN_KIND, decodeBlockTokenIdentifier, describeIdentifier, encodeBlockTokenIdentifier,
  type AccessMode, type BlockTokenIdentifier,
} from './block-token-identifier.js';

/** A block token as TokenProto carries it. */
export interface BlockToken {
  identifier: Buffer;
  password: Buffer;
  kind: string;
  service: string;
}

/** How long tokens live and how often the signing key changes (HDFS's `dfs.block.access.*`). */
export interface BlockTokenTimes {
  /** `dfs.block.access.token.lifetime`: a token is refused this long after it was issued. */
  lifetimeMs: number;
  /** `dfs.block.access.key.update.interval`: a new signing key every this long. */
  keyUpdateIntervalMs: number;
}

/** HDFS's defaults: tokens live 600 minutes, keys change every 600 minutes. */
export const DEFAULT_BLOCK_TOKEN_TIMES: BlockTokenTimes = { lifetimeMs: 600 * 60_000, keyUpdateIntervalMs: 600 * 60_000 };

/** Key ids count intervals from here, so they stay small positive ints whatever the interval. */
const KEY_EPOCH_MS = Date.UTC(2024, 0, 1);

/** Where the block a datanode op names: `ExtendedBlockProto`'s identifying fields. */
export interface OpBlock {
  poolId: string;
  blockId: bigint;
  generationStamp: bigint;
}

/** What a token is issued for: who, which block of which file, what they may do. */
export interface BlockGrant {
  userId: string;
  blockPoolId: string;
  ref: BlockRef;
  modes: readonly AccessMode[];
  /** The lease holder (clientName) of a WRITE token. */
  holder?: string;
}

/**
 * HDFS's BlockTokenSecretManager over keys nobody stores. HDFS's namenode makes a random key
 * per interval and pushes it to every datanode; here block key `k` is derived from the volume's
 * service key (`Volume.deriveKey("hdfs block token key k")`), which glusterd keeps in its store
 * and hands only to trusted clients on the servers, so every shim of the volume signs and
 * verifies with the same keys without exchanging any. Key `k` signs tokens during the k-th
 * update interval (counted from {@link KEY_EPOCH_MS}) and is honoured until every token it
 * signed has expired, i.e. while it is at most `lifetime + interval` old (plus the next key, for
 * clocks a little ahead). Passwords are HMAC-SHA1 over the identifier bytes, as HDFS's
 * `SecretManager.createPassword` computes them, and compared in constant time. All shims of a
 * volume must use the same times.
 */
export class BlockTokenSecretManager {
  readonly #derive: (purpose: string) => Buffer;
  readonly #times: BlockTokenTimes;
  readonly #now: () => number;
  readonly #keys = new Map<number, Buffer>();

  /**
   * `derive` is the volume's key derivation (`(p) => volume.deriveKey(p)`); it throws EACCES
   * when the mount has no service key, which {@link currentKeyId} surfaces at start-up.
   */
  constructor(derive: (purpose: string) => Buffer, times: BlockTokenTimes = DEFAULT_BLOCK_TOKEN_TIMES, now: () => number = Date.now) {
    if (!(times.lifetimeMs > 0) || !(times.keyUpdateIntervalMs >= 1000)) {
      throw new RangeError('block token lifetime must be positive and the key update interval at least 1 s');
    }
    this.#derive = derive;
    this.#times = { ...times };
    this.#now = now;
  }

  /** The lifetime and key interval in force. */
  get times(): BlockTokenTimes {
    return { ...this.#times };
  }

  /** The id of the key signing now (derives it: EACCES when the volume has no service key). */
  currentKeyId(): number {
    const id = Math.floor((this.#now() - KEY_EPOCH_MS) / this.#times.keyUpdateIntervalMs);
    this.#key(id);
    return id;
  }

  /** A token for `grant`, expiring one lifetime from now, signed with the current key. */
  generateToken(grant: BlockGrant): BlockToken {
    const keyId = this.currentKeyId();
    const id: BlockTokenIdentifier = {
      expiryDate: this.#now() + this.#times.lifetimeMs, keyId, userId: grant.userId, blockPoolId: grant.blockPoolId,
      blockId: blockIdOf(grant.ref.gfid, grant.ref.index), modes: grant.modes, ref: grant.ref, holder: grant.holder ?? '',
    };
    const identifier = encodeBlockTokenIdentifier(id);
    return { identifier, password: this.#password(identifier, keyId), kind: BLOCK_TOKEN_KIND, service: '' };
  }

  /**
   * Checks a token an op presents, as HDFS's datanode does before touching anything: it must
   * decode, be of our kind, not be expired, be signed by a key still honoured with the right
   * password, name the op's pool and block id, and grant `mode`. Returns the identifier (with
   * the file range to serve). Throws FsError EACCES with HDFS's InvalidToken wording otherwise.
   */
  checkAccess(token: BlockToken | undefined, block: OpBlock, mode: AccessMode): BlockTokenIdentifier {
    const blk = `${block.poolId}:blk_${block.blockId}_${block.generationStamp}`;
    let id: BlockTokenIdentifier;
    try {
      if (!token || token.kind !== BLOCK_TOKEN_KIND) throw new Error('kind');
      id = decodeBlockTokenIdentifier(token.identifier);
    } catch {
      throw new FsError('EACCES', `Unable to de-serialize block token identifier for user=null, block=${blk}, access mode=${mode}`);
    }
    const what = `Block token with ${describeIdentifier(id)}`;
    if (this.#now() > id.expiryDate) throw new FsError('EACCES', `${what} is expired.`);
    const key = this.#honouredKey(id.keyId);
    if (!key) {
      throw new FsError('EACCES', `Can't re-compute password for ${describeIdentifier(id)}, since the required block key (keyID=${id.keyId}) doesn't exist.`);
    }
    const expected = hmacSha1(key, token!.identifier);
    if (token!.password.length !== expected.length || !timingSafeEqual(token!.password, expected)) {
      throw new FsError('EACCES', `${what} doesn't have the correct token password`);
    }
    if (id.blockPoolId !== block.poolId || id.blockId !== block.blockId) throw new FsError('EACCES', `${what} doesn't apply to block ${blk}`);
    if (!id.modes.includes(mode)) throw new FsError('EACCES', `${what} doesn't have ${mode} permission`);
    return id;
  }

  #password(identifier: Buffer, keyId: number): Buffer {
    return hmacSha1(this.#key(keyId), identifier);
  }

  /** Key `id` if tokens it signed may still be valid: at most lifetime + interval old, or the next one. */
  #honouredKey(id: number): Buffer | undefined {
    const { lifetimeMs, keyUpdateIntervalMs } = this.#times;
    const t = this.#now() - KEY_EPOCH_MS;
    const current = Math.floor(t / keyUpdateIntervalMs);
    // Key k started signing at k·interval; its last token expires lifetime after (k+1)·interval.
    const oldest = Math.ceil((t - lifetimeMs - keyUpdateIntervalMs) / keyUpdateIntervalMs);
    if (!Number.isSafeInteger(id) || id > current + 1 || id < oldest) return undefined;
    for (const k of this.#keys.keys()) if (k < oldest) this.#keys.delete(k);
    return this.#key(id);
  }

  #key(id: number): Buffer {
    let key = this.#keys.get(id);
    if (!key) {
      key = this.#derive(`hdfs block token key ${id}`);
      this.#keys.set(id, key);
    }
    return key;
  }
}

/** HDFS's token password: HMAC-SHA1 (`SecretManager.DEFAULT_HMAC_ALGORITHM`) keyed with the block key. */
function hmacSha1(key: Buffer, data: Uint8Array): Buffer {
  return createHmac('sha1', key).update(data).digest();
}
