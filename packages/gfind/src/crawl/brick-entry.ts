import { lstatSync, readlinkSync, type BigIntStats, type Stats } from 'node:fs';
import { getAttributeSync } from '@napi-rs/xattr';
import { gfidFromBuffer } from 'glusterfs-core';
import type { Entry, EntryStat } from '../expr/index.js';

/** Thrown out of an evaluation when the entry turns out not to exist for the volume. */
export const SKIP = Symbol('skip entry');

const S_IFMT = 0o170000;
const LINK_FILE_MODE = 0o101000;

/** What every entry of one walk shares. */
export interface EntryEnv {
  /** The brick directory (real path, no trailing slash). */
  root: string;
  /** `host:` prefix of locations. */
  host: string;
  exactTimes: boolean;
  emptyDirs: Set<string>;
  targets: Record<string, string>;
}

/**
 * The entry under the walk's cursor, reused for every entry of a walk (no allocation per entry
 * beyond its names). Paths are built on first use; attributes are read once, when a test or an
 * action first asks.
 */
export class BrickEntry implements Entry {
  #env: EntryEnv;
  #shownDir = '';
  #realDir = '';
  #path: string | undefined;
  #real: string | undefined;
  #stat: EntryStat | undefined;
  #gfid: string | undefined;
  #linkFree = false;
  name = '';
  start = '';
  depth = 0;
  type = '';

  constructor(env: EntryEnv) {
    this.#env = env;
  }

  /**
   * Moves the cursor to `name` in a directory (`shownDir`/`realDir` end with '/'); `linkFree`
   * when that directory is known to hold no DHT link files (its files need no stat to be shown).
   */
  at(shownDir: string, realDir: string, name: string, type: string, depth: number, linkFree = false): void {
    this.#linkFree = linkFree;
    this.#shownDir = shownDir;
    this.#realDir = realDir;
    this.name = name;
    this.type = type;
    this.depth = depth;
    this.#path = this.#real = this.#stat = this.#gfid = undefined;
  }

  /** Moves the cursor to a start path; the entries below it report it as their start (%H, %P). */
  atStart(shown: string, real: string, name: string, type: string): void {
    this.at('', '', name, type, 0);
    this.start = shown;
    this.#path = shown;
    this.#real = real;
  }

  get path(): string {
    return (this.#path ??= this.#shownDir + this.name);
  }

  get real(): string {
    return (this.#real ??= this.#realDir + this.name);
  }

  /** The volume path. */
  get volumePath(): string {
    return this.real.slice(this.#env.root.length) || '/';
  }

  stat(): EntryStat {
    if (this.#stat) return this.#stat;
    const env = this.#env;
    const raw = env.exactTimes ? lstatSync(this.real, { bigint: true, throwIfNoEntry: false }) : lstatSync(this.real, { throwIfNoEntry: false });
    if (!raw) throw SKIP;
    const st = env.exactTimes ? fromBigint(raw as BigIntStats) : fromStats(raw as Stats);
    if (st.size === 0 && st.mode === LINK_FILE_MODE) throw SKIP;
    if ((st.mode & S_IFMT) !== 0o040000) {
      if (st.nlink > 1) st.nlink--; // the .glusterfs handle is a hard link clients do not see
    } else if (this.real === env.root) {
      st.nlink--; // .glusterfs is a subdirectory of the brick root
    }
    return (this.#stat = st);
  }

  /** False for a DHT link file (its data and name live on another replica set). */
  visible(): boolean {
    if (this.type !== 'f' || this.#linkFree) return true;
    try {
      this.stat();
      return true;
    } catch (e) {
      if (e === SKIP) return false;
      throw e;
    }
  }

  gfid(): string {
    if (this.#gfid !== undefined) return this.#gfid;
    const raw = getAttributeSync(this.real, 'trusted.gfid');
    return (this.#gfid = raw && raw.length === 16 ? gfidFromBuffer(raw) : '');
  }

  xattr(name: string): Uint8Array | null {
    return getAttributeSync(this.real, name);
  }

  linkTarget(): string {
    return this.type === 'l' ? readlinkSync(this.real) : '';
  }

  emptyDir(): boolean {
    return this.#env.emptyDirs.has(this.volumePath);
  }

  targetType(): string {
    return this.type === 'l' ? (this.#env.targets[this.volumePath] ?? 'N') : this.type;
  }

  location(): string {
    return this.#env.host + this.real;
  }
}

function fromStats(s: Stats): EntryStat {
  return {
    mode: s.mode, nlink: s.nlink, uid: s.uid, gid: s.gid, size: s.size, blocks: s.blocks, dev: s.dev,
    atime: s.atimeMs / 1000, mtime: s.mtimeMs / 1000, ctime: s.ctimeMs / 1000,
  };
}

function fromBigint(s: BigIntStats): EntryStat {
  const split = (ns: bigint): [number, number] => [Number(ns / 1_000_000_000n), Number(ns % 1_000_000_000n)];
  const a = split(s.atimeNs), m = split(s.mtimeNs), c = split(s.ctimeNs);
  return {
    mode: Number(s.mode), nlink: Number(s.nlink), uid: Number(s.uid), gid: Number(s.gid), size: Number(s.size),
    blocks: Number(s.blocks), dev: Number(s.dev), atime: a[0] + a[1] / 1e9, mtime: m[0] + m[1] / 1e9, ctime: c[0] + c[1] / 1e9,
    atimeNs: a, mtimeNs: m, ctimeNs: c,
  };
}
