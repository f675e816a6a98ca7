import { FsError } from '../../../errors/index.js';
import type { Errno } from '../../../errors/index.js';
import type { Gfid, Subvol } from '../../../fop/index.js';
import type { Logger } from '../../../log/index.js';
import { PathCache } from './cache.js';
import { dmHash, hashName } from './hash.js';
import { type Layout, childForHash } from './layout.js';

/** A directory as DHT knows it: its GFID and the ranges its children own. */
export interface DirInfo {
  readonly gfid: Gfid;
  readonly layout: Layout;
}

/** Parsed options of cluster/dht. */
export interface DhtOptions {
  lookupOptimize: boolean;
  rsyncHashRegex: string;
  extraHashRegex: string | undefined;
  cacheEntries: number;
}

/** The outcome of one child call, kept instead of thrown so fan-outs can weigh every answer. */
export type Outcome<T> = { ok: true; value: T } | { ok: false; error: FsError };

/**
 * Everything one cluster/dht instance knows: its children and which are up, the volume commit
 * hash, and caches of directory layouts and of where files live (by path). Caches are hints:
 * a stale entry costs a retry, never a wrong answer.
 */
export class DhtState {
  readonly dirs: PathCache<DirInfo>;
  /** Path → index of the child holding the file's data. */
  readonly files: PathCache<number>;
  /**
   * Commit hash written into layouts created for this exact set of children: a layout carrying
   * it everywhere is complete. Adding or removing a child changes it.
   */
  readonly commit: number;
  readonly #down = new Set<number>();
  readonly #regexes: RegExp[];

  constructor(
    readonly name: string,
    readonly children: readonly Subvol[],
    readonly log: Logger,
    readonly opts: DhtOptions,
  ) {
    this.dirs = new PathCache(opts.cacheEntries);
    this.files = new PathCache(opts.cacheEntries);
    this.commit = dmHash(Buffer.from(children.map((c) => c.name).join('\0'))) || 1;
    this.#regexes = [opts.extraHashRegex, opts.rsyncHashRegex]
      .filter((r): r is string => !!r && r !== 'none')
      .map((r) => new RegExp(r));
  }

  /** Number of children. */
  get count(): number {
    return this.children.length;
  }

  /** An error raised by this translator. */
  error(code: Errno, msg: string): FsError {
    return new FsError(code, msg, this.name);
  }

  /** The index of the child called `name`. */
  indexOf(name: string): number | undefined {
    const i = this.children.findIndex((c) => c.name === name);
    return i < 0 ? undefined : i;
  }

  isUp(i: number): boolean {
    return !this.#down.has(i);
  }

  setUp(i: number, up: boolean): void {
    if (up) this.#down.delete(i);
    else this.#down.add(i);
  }

  /** Indexes of the children believed up. */
  upIndexes(): number[] {
    return this.children.map((_, i) => i).filter((i) => this.isUp(i));
  }

  /** Child `i`, or ENOTCONN (from that child) when it is known to be down. */
  child(i: number): Subvol {
    if (!this.isUp(i)) throw new FsError('ENOTCONN', `${this.children[i].name} is down`, this.children[i].name);
    return this.children[i];
  }

  /** Runs `fn` on child `i`, capturing an FsError (programmer errors still throw). */
  async try<T>(i: number, fn: (c: Subvol) => Promise<T>): Promise<Outcome<T>> {
    try {
      return { ok: true, value: await fn(this.child(i)) };
    } catch (e) {
      if (e instanceof FsError) return { ok: false, error: e };
      throw e;
    }
  }

  /** {@link try} on each of `indexes` in parallel; results are by position in `indexes`. */
  fanOut<T>(indexes: readonly number[], fn: (c: Subvol, i: number) => Promise<T>): Promise<Outcome<T>[]> {
    return Promise.all(indexes.map((i) => this.try(i, (c) => fn(c, i))));
  }

  /** Every child index, 0..n-1. */
  all(): number[] {
    return this.children.map((_, i) => i);
  }

  /**
   * The hash DHT places `name` by: GlusterFS's, after the extra and rsync regexes reduce a
   * temporary name (`.name.XXXXXX`) to the name it will be renamed to, so the rename stays local.
   */
  hash(name: string): number {
    for (const re of this.#regexes) {
      const m = re.exec(name);
      if (m && m[1] !== undefined) return hashName(m[1]);
    }
    return hashName(name);
  }

  /** The child whose range in `layout` holds `name`, or undefined in a hole. */
  hashedChild(layout: Layout, name: string): number | undefined {
    return childForHash(layout, this.hash(name));
  }

  /** Forgets cached knowledge of `path` and everything below it. */
  forget(path: string): void {
    this.dirs.deleteTree(path);
    this.files.deleteTree(path);
  }
}
