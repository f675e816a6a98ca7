import { FsError, isFsError, type Volume } from 'glusterfs-core';
import type { OsAccounts } from './os-accounts.js';
import { RESERVED_DIR } from './paths.js';

type Kind = 'user' | 'group';

/** Ids handed to names the host does not know start here, clear of ordinary system accounts. */
const REGISTRY_BASE = 1_000_000;
const REGISTRY_SPAN = 1_000_000_000;
/** How long an id found unregistered is shown as its number without asking the volume again. */
const UNNAMED_TTL_MS = 10_000;
/** Names per kind the registry holds by default. */
export const DEFAULT_REGISTRY_LIMIT = 65_536;
/**
 * Names the registry takes: Hadoop's default user pattern (`dfs.webhdfs.user.provider.user.pattern`,
 * also what useradd allows), at most 255 bytes. No control characters, separators or dots-only
 * names, so a name is always one safe file name and one line.
 */
const REGISTRABLE = /^[A-Za-z_][A-Za-z0-9._-]{0,253}[$]?$/;

/** FNV-1a, so every shim proposes the same first id for a name. */
function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (const b of Buffer.from(s)) h = Math.imul(h ^ b, 0x01000193) >>> 0;
  return h;
}

/**
 * HDFS names users and groups; the volume stores numeric uid/gid. Names the host knows
 * (`/etc/passwd`, `/etc/group`) keep their ids, so files written through HDFS and through a
 * POSIX client agree. Other names (HDFS users are often not OS accounts) get an id registered
 * on the volume under `/.reserved/hcfs/`: `<kind>s/<name>` holds the id and `<kind>-ids/<id>`
 * the name, each created exclusively, so shims on different servers agree without a lock (the
 * first to create a name's entry wins; a loser removes its id claim). Lookups are cached. The
 * registry is bounded: names outside Hadoop's user pattern are refused (EINVAL), and once it
 * holds `limit` names of a kind new ones are refused (EDQUOT), so no stream of made-up user
 * names grows it without end.
 */
export class IdMap {
  readonly #vol: Volume;
  readonly #os: OsAccounts;
  readonly #idOf = { user: new Map<string, number>(), group: new Map<string, number>() };
  readonly #nameOf = { user: new Map<number, string>(), group: new Map<number, string>() };
  /** Ids nobody registered, and when that was found: a listing of such files must not ask per entry. */
  readonly #unnamed = { user: new Map<number, number>(), group: new Map<number, number>() };
  /** Registered names per kind, once counted (then kept up to date by this map's own registrations). */
  readonly #registered: { user?: number; group?: number } = {};
  readonly #limit: number;

  constructor(vol: Volume, os: OsAccounts, limit = DEFAULT_REGISTRY_LIMIT) {
    this.#vol = vol;
    this.#os = os;
    this.#limit = limit;
  }

  /** The uid for an HDFS user name (registered on first use). */
  uidOf(name: string): Promise<number> {
    return this.#id('user', name);
  }

  /** The gid for an HDFS group name (registered on first use). */
  gidOf(name: string): Promise<number> {
    return this.#id('group', name);
  }

  /** The user name for a uid; the number as text when nobody registered it. */
  userOf(uid: number): Promise<string> {
    return this.#name('user', uid);
  }

  /** The group name for a gid; the number as text when nobody registered it. */
  groupOf(gid: number): Promise<string> {
    return this.#name('group', gid);
  }

  /** Name for an id known without I/O (host accounts, or cached), else undefined. */
  cachedName(kind: Kind, id: number): string | undefined {
    return this.#osName(kind, id) ?? this.#nameOf[kind].get(id);
  }

  #osName(kind: Kind, id: number): string | undefined {
    return kind === 'user' ? this.#os.nameByUid.get(id) : this.#os.nameByGid.get(id);
  }

  async #id(kind: Kind, name: string): Promise<number> {
    const os = kind === 'user' ? this.#os.uidByName.get(name) : this.#os.gidByName.get(name);
    if (os !== undefined) return os;
    const cached = this.#idOf[kind].get(name);
    if (cached !== undefined) return cached;
    if (!REGISTRABLE.test(name)) throw new FsError('EINVAL', `${JSON.stringify(name)} is not a valid ${kind} name (it must match ${REGISTRABLE.source})`);
    const id = (await this.#readId(kind, name)) ?? (await this.#registerBounded(kind, name));
    this.#remember(kind, name, id);
    return id;
  }

  async #name(kind: Kind, id: number): Promise<string> {
    const known = this.cachedName(kind, id);
    if (known !== undefined) return known;
    const missedAt = this.#unnamed[kind].get(id);
    if (missedAt !== undefined && Date.now() - missedAt < UNNAMED_TTL_MS) return String(id);
    try {
      const name = (await this.#vol.readFile(`${this.#dir(kind)}-ids/${id}`, 'utf8')).trim();
      this.#remember(kind, name, id);
      return name;
    } catch (e) {
      if (!isFsError(e, 'ENOENT')) throw e;
      this.#unnamed[kind].set(id, Date.now());
      return String(id);
    }
  }

  #dir(kind: Kind): string {
    return `${RESERVED_DIR}/hcfs/${kind}`;
  }

  #remember(kind: Kind, name: string, id: number): void {
    this.#unnamed[kind].delete(id);
    this.#idOf[kind].set(name, id);
    this.#nameOf[kind].set(id, name);
  }

  async #readId(kind: Kind, name: string): Promise<number | undefined> {
    try {
      const text = (await this.#vol.readFile(`${this.#dir(kind)}s/${name}`, 'utf8')).trim();
      return /^\d+$/.test(text) ? Number(text) : undefined;
    } catch (e) {
      if (isFsError(e, 'ENOENT')) return undefined;
      throw e;
    }
  }

  async #registerBounded(kind: Kind, name: string): Promise<number> {
    const count = this.#registered[kind] ?? await this.#count(kind);
    if (count >= this.#limit) {
      throw new FsError('EDQUOT', `the HDFS gateway's ${kind} registry holds its limit of ${this.#limit} names; ${kind} ${name} cannot be given an id`);
    }
    const id = await this.#register(kind, name);
    this.#registered[kind] = count + 1;
    return id;
  }

  async #count(kind: Kind): Promise<number> {
    let n = 0;
    try {
      for await (const page of this.#vol.list(`${this.#dir(kind)}s`, { pageSize: 1000 })) n += page.length;
    } catch (e) {
      if (!isFsError(e, 'ENOENT')) throw e;
    }
    return n;
  }

  async #register(kind: Kind, name: string): Promise<number> {
    const dir = this.#dir(kind);
    await this.#vol.mkdir(`${dir}s`, { recursive: true, mode: 0o755 });
    await this.#vol.mkdir(`${dir}-ids`, { recursive: true, mode: 0o755 });
    for (let probe = 0; probe < 1000; probe++) {
      const id = REGISTRY_BASE + ((fnv1a(name) + probe) % REGISTRY_SPAN);
      if (this.#osName(kind, id) !== undefined) continue;
      try {
        await this.#vol.writeFile(`${dir}-ids/${id}`, name, { exclusive: true });
      } catch (e) {
        if (!isFsError(e, 'EEXIST')) throw e;
        const owner = (await this.#vol.readFile(`${dir}-ids/${id}`, 'utf8')).trim();
        if (owner === name) return id;
        continue;
      }
      try {
        await this.#vol.writeFile(`${dir}s/${name}`, String(id), { exclusive: true });
        return id;
      } catch (e) {
        if (!isFsError(e, 'EEXIST')) throw e;
        await this.#vol.unlink(`${dir}-ids/${id}`).catch(() => {});
        const winner = await this.#readId(kind, name);
        if (winner !== undefined) return winner;
      }
    }
    throw new FsError('EIO', `could not register an id for ${kind} ${name}`);
  }
}
