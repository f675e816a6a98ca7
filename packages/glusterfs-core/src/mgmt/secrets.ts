import { createHmac, randomBytes } from 'node:crypto';
import { chmod, mkdir, open, readFile, rename } from 'node:fs/promises';
import { join } from 'node:path';
import { FsError } from '../errors/index.js';

/** The users a brick knows: its volume's trusted clients and its ordinary ones. */
export type BrickUser = 'trusted' | 'client';

/** The user glusterds prove to be to each other. */
export const POOL_USER = 'pool';
/** The user glusterd proves to be to its self-heal daemon. */
export const SHD_USER = 'glusterd';

const SECRET_BYTES = 32;

/**
 * The trusted storage pool's secret and everything derived from it. The secret is made by the
 * first glusterd of a pool and handed to each new member at `peer probe`, so every member holds
 * the same one in `<workdir>/secure/pool.key` (mode 0600, in a 0700 directory). Nothing else is
 * stored: a volume's key, its bricks' `auth.login` passwords and its service key are HMACs of
 * it, so every member derives the same ones and none of them ever needs to be sent between
 * glusterds. Volume keys stay inside glusterd; passwords go to the brick processes (their
 * volfiles, mode 0600) and to authorised clients (their volfiles).
 */
export class PoolSecrets {
  readonly #file: string;
  #secret: Buffer;

  private constructor(file: string, secret: Buffer) {
    this.#file = file;
    this.#secret = secret;
  }

  /** Loads the pool secret from `<workdir>/secure/pool.key`, creating a fresh one if there is none. */
  static async open(workdir: string): Promise<PoolSecrets> {
    const dir = join(workdir, 'secure');
    await mkdir(dir, { recursive: true, mode: 0o700 });
    await chmod(dir, 0o700);
    const file = join(dir, 'pool.key');
    let secret: Buffer;
    try {
      secret = Buffer.from((await readFile(file, 'utf8')).trim(), 'hex');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw FsError.from(e);
      secret = randomBytes(SECRET_BYTES);
      await writeSecret(file, secret);
    }
    if (secret.length !== SECRET_BYTES) {
      throw new FsError('EINVAL', `${file} does not hold a pool secret (64 hex digits); restore it from another member of the pool`);
    }
    return new PoolSecrets(file, secret);
  }

  /** The pool secret itself (peers prove it to each other; it is handed over at peer probe). */
  get pool(): Buffer {
    return this.#secret;
  }

  /** Replaces the secret: this glusterd joined another pool, or left its pool (a fresh one). */
  async replace(secret: Buffer = randomBytes(SECRET_BYTES)): Promise<void> {
    if (secret.length !== SECRET_BYTES) throw new FsError('EINVAL', 'a pool secret is 32 bytes');
    await writeSecret(this.#file, secret);
    this.#secret = Buffer.from(secret);
  }

  /** The password of a brick user of the volume with id `volumeId` (GlusterFS's `auth.login`). */
  brickPassword(volumeId: string, user: BrickUser): string {
    return hmac(this.#volumeKey(volumeId), `auth.login ${user}`).toString('hex');
  }

  /** The service key of a volume: given with the volfile to its trusted clients only. */
  serviceKey(volumeId: string): string {
    return hmac(this.#volumeKey(volumeId), 'service key').toString('hex');
  }

  /** The secret glusterd and its self-heal daemon share. */
  shdSecret(): Buffer {
    return hmac(this.#secret, 'glustershd');
  }

  #volumeKey(volumeId: string): Buffer {
    return hmac(this.#secret, `volume ${volumeId}`);
  }
}

function hmac(key: Buffer, label: string): Buffer {
  return createHmac('sha256', key).update(`gluster-ts ${label}`).digest();
}

/** Writes a secret as hex, readable by its owner only, replacing the old file atomically. */
async function writeSecret(file: string, secret: Buffer): Promise<void> {
  const tmp = `${file}.tmp-${randomBytes(4).toString('hex')}`;
  const fh = await open(tmp, 'w', 0o600);
  try {
    await fh.writeFile(secret.toString('hex') + '\n');
    await fh.sync();
  } finally {
    await fh.close();
  }
  await rename(tmp, file);
}
