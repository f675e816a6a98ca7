import { randomBytes } from 'node:crypto';
import { FsError } from '../../../errors/index.js';
import type { Errno } from '../../../errors/index.js';
import type { CallCtx, Gfid, Subvol } from '../../../fop/index.js';
import { XATTR } from '../../../format/index.js';
import type { Logger } from '../../../log/index.js';
import type { OptionsOf } from '../../../volume/index.js';
import type { AFR_OPTIONS } from './options.js';
import { hasQuorum } from './quorum.js';

/** Parsed options of cluster/afr. */
export type AfrOptions = OptionsOf<typeof AFR_OPTIONS>;

/** The outcome of one child call, kept instead of thrown so fan-outs can weigh every answer. */
export type Outcome<T> = { ok: true; value: T } | { ok: false; error: FsError };

/** What replicate learnt about an inode from its last lookup. */
export interface InodeInfo {
  gfid: Gfid;
  /** Children whose copy is good to read (data for files, metadata and names for dirs). */
  readable: number[];
  /** The data (files) or names (dirs) are in split-brain: reads fail with EIO. */
  splitBrain: boolean;
  /** The {@link AfrState.generation} it was learnt in; older ones are ignored. */
  generation: number;
}

const INODE_CACHE_MAX = 65536;

/**
 * Everything one cluster/afr instance knows: its children and which are up, their pending
 * keys, the arbiter, quorum, and a cache of which children are readable per inode. The cache
 * is dropped whenever a child goes up or down (the generation changes), as GlusterFS's event
 * generation does.
 */
export class AfrState {
  /** `trusted.afr.<child name>` per child: the counters a replica holds against that child. */
  readonly pendingKeys: string[];
  readonly dirtyKey = XATTR.AFR_DIRTY;
  /** Index of the arbiter child, or -1. */
  readonly arbiter: number;
  generation = 0;
  /** Client-side heals running now. */
  backgroundHeals = 0;
  /** Where lookups report inodes that need a heal; the translator wires its background healer here. */
  onHealNeeded: (loc: { path: string; gfid?: Gfid }) => void = () => undefined;
  readonly #up = new Set<number>();
  readonly #inodes = new Map<string, InodeInfo>();
  readonly #paths = new Map<string, Gfid>();

  constructor(
    readonly name: string,
    readonly children: readonly Subvol[],
    readonly log: Logger,
    readonly opts: AfrOptions,
  ) {
    this.pendingKeys = children.map((c) => XATTR.AFR_PREFIX + c.name);
    this.arbiter = opts.arbiterCount === 1 ? children.length - 1 : -1;
    // Children count as up until they report otherwise, as in distribute: a brick that never
    // connects fails its calls with ENOTCONN and is blamed like any other failure.
    children.forEach((_, i) => this.#up.add(i));
  }

  /** Number of children. */
  get count(): number {
    return this.children.length;
  }

  /** The pending keys and the dirty key: what every lookup and xattrop of replicate names. */
  get markKeys(): string[] {
    return [...this.pendingKeys, this.dirtyKey];
  }

  /** An error raised by this translator. */
  error(code: Errno, msg: string): FsError {
    return new FsError(code, msg, this.name);
  }

  isUp(i: number): boolean {
    return this.#up.has(i);
  }

  /** Records a child going up or down; returns true when that changed anything. */
  setUp(i: number, up: boolean): boolean {
    if (this.#up.has(i) === up) return false;
    if (up) this.#up.add(i);
    else this.#up.delete(i);
    this.generation++;
    this.#inodes.clear();
    this.#paths.clear();
    return true;
  }

  /** Indexes of the children up now, ascending. */
  upIndexes(): number[] {
    return this.children.map((_, i) => i).filter((i) => this.#up.has(i));
  }

  /** True when child `i` never holds file data. */
  isArbiter(i: number): boolean {
    return i === this.arbiter;
  }

  /** True when the children up now may accept changes. */
  quorumMet(up: readonly number[] = this.upIndexes()): boolean {
    return hasQuorum({ type: this.opts.quorumType, count: this.opts.quorumCount }, up, this.count);
  }

  /** EROFS (or ENOTCONN when nothing is up) unless quorum holds; returns the children up. */
  requireQuorum(what: string): number[] {
    const up = this.upIndexes();
    if (up.length === 0) throw this.error('ENOTCONN', `${what}: no brick of ${this.name} is up`);
    if (!this.quorumMet(up)) {
      throw this.error('EROFS', `${what}: client quorum (${this.opts.quorumType}) is not met in ${this.name}: ${up.length} of ${this.count} bricks up`);
    }
    return up;
  }

  /** Runs `fn` on child `i`, capturing an FsError (programmer errors still throw). */
  async try<T>(i: number, fn: (c: Subvol) => Promise<T>): Promise<Outcome<T>> {
    try {
      return { ok: true, value: await fn(this.children[i]) };
    } catch (e) {
      if (e instanceof FsError) return { ok: false, error: e };
      throw e;
    }
  }

  /** {@link try} on each of `indexes` in parallel; results are by position in `indexes`. */
  fanOut<T>(indexes: readonly number[], fn: (c: Subvol, i: number) => Promise<T>): Promise<Outcome<T>[]> {
    return Promise.all(indexes.map((i) => this.try(i, (c) => fn(c, i))));
  }

  /** Reports that the inode at `loc` needs a heal (started in the background when allowed). */
  requestHeal(loc: { path: string; gfid?: Gfid }): void {
    this.onHealNeeded(loc);
  }

  /** The cached read info of `gfid` (or of the inode last seen at `path`), if still current. */
  inode(key: { gfid?: Gfid; path?: string }): InodeInfo | undefined {
    const gfid = key.gfid || (key.path !== undefined ? this.#paths.get(key.path) : undefined);
    const info = gfid ? this.#inodes.get(gfid) : undefined;
    return info && info.generation === this.generation ? info : undefined;
  }

  /** Remembers what a lookup learnt about the inode at `path`. */
  remember(path: string | undefined, info: Omit<InodeInfo, 'generation'>): InodeInfo {
    if (this.#inodes.size >= INODE_CACHE_MAX) {
      this.#inodes.clear();
      this.#paths.clear();
    }
    const full = { ...info, generation: this.generation };
    this.#inodes.set(info.gfid, full);
    if (path !== undefined) this.#paths.set(path, info.gfid);
    return full;
  }

  /** Forgets an inode (after a change that may have left replicas apart). */
  forget(key: { gfid?: Gfid; path?: string }): void {
    if (key.gfid) this.#inodes.delete(key.gfid);
    if (key.path !== undefined) this.#paths.delete(key.path);
  }

  /**
   * The child to read `gfid` from among `readable`: spread over the readable copies by GFID so
   * that different files load different bricks. The arbiter serves only `names` reads
   * (directories, metadata) and only when no other readable child is up, since its listings
   * show every file with size 0.
   */
  pickRead(gfid: Gfid, readable: readonly number[], names = false): number | undefined {
    const up = readable.filter((i) => this.#up.has(i));
    const data = up.filter((i) => !this.isArbiter(i));
    const live = data.length > 0 || !names ? data : up;
    if (live.length === 0) return undefined;
    let h = 0;
    for (let k = 0; k < gfid.length; k++) h = (h * 31 + gfid.charCodeAt(k)) | 0;
    return live[Math.abs(h) % live.length];
  }

  /** A fresh lock owner, so each transaction's locks are its own even within one client. */
  lockCtx(ctx: CallCtx): CallCtx {
    return { ...ctx, lkOwner: `${this.name}:${randomBytes(8).toString('hex')}` };
  }
}
