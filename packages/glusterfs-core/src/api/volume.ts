import { createHmac } from 'node:crypto';
import type { Readable, Writable } from 'node:stream';
import { FsError } from '../errors/index.js';
import { newGfid } from '../format/index.js';
import type { SetAttr, Statfs } from '../fop/index.js';
import type { Graph, Volfile } from '../volume/index.js';
import { ApiContext, type Identity } from './context.js';
import { listEntries, listPages, readAllEntries, type DirEntry } from './dir.js';
import { duChildren, duSummary, type DuSummary, type TaskRunner } from './du.js';
import { withContext } from './error-context.js';
import { openFile, type FileHandle } from './file-handle.js';
import type { OpenFlags } from './flags.js';
import { locate, type BrickLocation } from './locate.js';
import { resolveParent, resolvePath, withParent } from './resolve.js';
import type { VolumeSpec } from './spec.js';
import { Stats } from './stats.js';
import {
  createVolumeReadStream, createVolumeWriteStream, type ReadStreamOptions, type WriteStreamOptions,
} from './streams.js';
import { replicaSets, runTaskOnBricks, type RunTaskOptions } from './tasks.js';
import { mkdirOne, mkdirRecursive, removePath, type RmOptions } from './tree.js';
import { readWhole, writeWhole, type WriteFileOptions } from './whole-file.js';
import { getXattr, listXattr, removeXattr, setXattr, type SetXattrMode } from './xattr.js';

/**
 * A mounted volume: the libgfapi equivalent. Paths are volume paths (`/a/b`); every call winds
 * into the top of the translator graph. Every failure is an {@link FsError} whose `code` is a
 * POSIX errno name; besides those listed per method, any call may raise ENOTCONN (a brick, or
 * the mount, is gone), ETIMEDOUT, EIO, EACCES or ELOOP. Create {@link Volume}s with
 * `mountVolume` or `mountVolfile`.
 */
export class Volume {
  /** The volume's name. */
  readonly name: string;
  /** Where it was mounted from (absent for a volfile mount). */
  readonly spec?: VolumeSpec;
  /** The client volfile the graph was built from. */
  readonly volfile: Volfile;
  /** The live translator graph (status and tests; file calls go through the methods). */
  readonly graph: Graph;
  readonly #ac: ApiContext;

  constructor(graph: Graph, volfile: Volfile, opts: { identity: Identity; spec?: VolumeSpec }) {
    this.graph = graph;
    this.volfile = volfile;
    this.name = volfile.volume;
    this.spec = opts.spec;
    this.#ac = new ApiContext(graph.top, opts.identity);
  }

  /**
   * A 32-byte key for `purpose`, derived (HMAC-SHA256) from the volume's service key: the same
   * on every trusted client of the volume, so services running on its servers (the HDFS shim
   * signing block tokens) share secrets without storing or sending any. EACCES when this mount
   * has no service key: glusterd hands it only to root on a server of the pool.
   */
  deriveKey(purpose: string): Buffer {
    const key = this.volfile.serviceKey;
    if (!key) {
      throw new FsError('EACCES',
        `volume ${this.name} was mounted without its service key; glusterd gives it only to root on a server of the pool (through its local socket)`);
    }
    return createHmac('sha256', Buffer.from(key, 'hex')).update(`gluster-ts service key\0${purpose}`).digest();
  }

  /** Attributes, following a final symlink. ENOENT, ENOTDIR. */
  stat(path: string): Promise<Stats> {
    return this.#op('stat', path, async () => new Stats((await resolvePath(this.#ac, path, true)).iatt));
  }

  /** Attributes of the entry itself (a symlink is not followed). ENOENT, ENOTDIR. */
  lstat(path: string): Promise<Stats> {
    return this.#op('lstat', path, async () => new Stats((await resolvePath(this.#ac, path, false)).iatt));
  }

  /** True when `path` names something (a dangling symlink counts). Errors other than ENOENT/ENOTDIR are raised. */
  async exists(path: string): Promise<boolean> {
    try {
      await this.lstat(path);
      return true;
    } catch (e) {
      if (e instanceof FsError && (e.code === 'ENOENT' || e.code === 'ENOTDIR')) return false;
      throw e;
    }
  }

  /** Names in a directory, all pages. ENOENT, ENOTDIR. */
  readdir(path: string, opts?: { withAttrs?: false }): Promise<string[]>;
  /** Entries with their attributes, all pages. ENOENT, ENOTDIR. */
  readdir(path: string, opts: { withAttrs: true }): Promise<DirEntry[]>;
  readdir(path: string, opts: { withAttrs?: boolean } = {}): Promise<string[] | DirEntry[]> {
    return this.#op('readdir', path, async () => {
      const all = await readAllEntries(this.#ac, path);
      return opts.withAttrs ? all : all.map((e) => e.name);
    });
  }

  /** Iterates a directory's entries, fetching a page at a time. ENOENT, ENOTDIR. */
  opendir(path: string): AsyncIterable<DirEntry> {
    return this.#iter('opendir', path, () => listEntries(this.#ac, path));
  }

  /** Iterates a directory page by page (`pageSize` entries per readdir fop). ENOENT, ENOTDIR. */
  list(path: string, opts: { pageSize?: number } = {}): AsyncIterable<DirEntry[]> {
    return this.#iter('list', path, () => listPages(this.#ac, path, opts.pageSize));
  }

  /** Creates a directory (`recursive`: with missing parents, existing ones fine). EEXIST, ENOENT, ENOTDIR. */
  mkdir(path: string, opts: { mode?: number; recursive?: boolean } = {}): Promise<void> {
    const mode = opts.mode ?? 0o755;
    return this.#op('mkdir', path, () =>
      opts.recursive ? mkdirRecursive(this.#ac, path, mode) : mkdirOne(this.#ac, path, mode));
  }

  /** Opens a file (`'r'` by default; `'w'`, `'wx'`, `'a'`, `'r+'` … or O_* bits). ENOENT, EEXIST, EISDIR. */
  open(path: string, flags: OpenFlags = 'r', mode = 0o644): Promise<FileHandle> {
    return this.#op('open', path, () => openFile(this.#ac, path, flags, mode));
  }

  /** A whole file's contents. ENOENT, EISDIR. */
  readFile(path: string): Promise<Buffer>;
  /** A whole file's contents decoded as text. ENOENT, EISDIR. */
  readFile(path: string, encoding: BufferEncoding): Promise<string>;
  async readFile(path: string, encoding?: BufferEncoding): Promise<Buffer | string> {
    const data = await this.#op('readFile', path, () => readWhole(this.#ac, path));
    return encoding ? data.toString(encoding) : data;
  }

  /** Writes a whole file (creates by default; see options). ENOENT, EEXIST, EISDIR, ENOSPC. */
  writeFile(path: string, data: Uint8Array | string, opts: WriteFileOptions = {}): Promise<void> {
    return this.#op('writeFile', path, () => writeWhole(this.#ac, path, data, opts));
  }

  /** Sets a file's size. ENOENT, EISDIR, EINVAL. */
  truncate(path: string, size = 0): Promise<void> {
    return this.#op('truncate', path, async () => {
      const r = await resolvePath(this.#ac, path, true);
      await this.#ac.top.truncate(this.#ac.ctx(), { path: r.path, gfid: r.iatt.gfid }, size);
    });
  }

  /** Renames atomically, replacing a target of the same kind. ENOENT, ENOTEMPTY, EISDIR, ENOTDIR, EINVAL. */
  rename(from: string, to: string): Promise<void> {
    return this.#op('rename', from, async () => {
      const [src, dst] = await Promise.all([resolvePath(this.#ac, from, false), resolveParent(this.#ac, to)]);
      await this.#ac.top.rename(this.#ac.ctx(), { path: src.path, gfid: src.iatt.gfid }, { path: dst });
    });
  }

  /** Adds a hard link `newPath` to the file at `existing`. EEXIST, ENOENT, EPERM (directory). */
  link(existing: string, newPath: string): Promise<void> {
    return this.#op('link', newPath, async () => {
      const src = await resolvePath(this.#ac, existing, false);
      const dst = await resolveParent(this.#ac, newPath);
      await this.#ac.top.link(this.#ac.ctx(), { path: src.path, gfid: src.iatt.gfid }, { path: dst });
    });
  }

  /** Removes a non-directory. ENOENT, EISDIR. */
  unlink(path: string): Promise<void> {
    return this.#op('unlink', path, () => withParent(this.#ac, path, (p) => this.#ac.top.unlink(this.#ac.ctx(), { path: p })));
  }

  /** Removes an empty directory. ENOENT, ENOTEMPTY, ENOTDIR. */
  rmdir(path: string): Promise<void> {
    return this.#op('rmdir', path, () => withParent(this.#ac, path, (p) => this.#ac.top.rmdir(this.#ac.ctx(), { path: p })));
  }

  /** Removes a file, symlink or (with `recursive`) a whole tree. ENOENT (unless `force`), EISDIR. */
  rm(path: string, opts: RmOptions = {}): Promise<void> {
    return this.#op('rm', path, () => removePath(this.#ac, path, opts));
  }

  /** Creates a symlink at `path` pointing to `target` (stored as given). EEXIST, ENOENT. */
  symlink(target: string, path: string): Promise<void> {
    return this.#op('symlink', path, () => withParent(this.#ac, path, async (p) => {
      await this.#ac.top.symlink(this.#ac.ctx(), target, { path: p, gfid: newGfid() });
    }));
  }

  /** A symlink's target as stored. EINVAL (not a symlink), ENOENT. */
  readlink(path: string): Promise<string> {
    return this.#op('readlink', path, () => withParent(this.#ac, path, (p) => this.#ac.top.readlink(this.#ac.ctx(), { path: p })));
  }

  /** Changes mode bits, owner or times (a final symlink is followed). ENOENT, EPERM. */
  setattr(path: string, attrs: SetAttr): Promise<Stats> {
    return this.#op('setattr', path, async () => {
      const r = await resolvePath(this.#ac, path, true);
      return new Stats(await this.#ac.top.setattr(this.#ac.ctx(), { path: r.path, gfid: r.iatt.gfid }, attrs));
    });
  }

  /** One user-visible extended attribute. ENODATA, ENOENT. */
  getxattr(path: string, name: string): Promise<Buffer> {
    return this.#op('getxattr', path, () => getXattr(this.#ac, path, name));
  }

  /** Sets an extended attribute. EPERM (volume-internal name), EEXIST/ENODATA (per `mode`), ENOENT. */
  setxattr(path: string, name: string, value: Uint8Array | string, mode: SetXattrMode = 'either'): Promise<void> {
    return this.#op('setxattr', path, () => setXattr(this.#ac, path, name, value, mode));
  }

  /** Names of the user-visible extended attributes, sorted. ENOENT. */
  listxattr(path: string): Promise<string[]> {
    return this.#op('listxattr', path, () => listXattr(this.#ac, path));
  }

  /** Removes an extended attribute. EPERM (volume-internal name), ENODATA, ENOENT. */
  removexattr(path: string, name: string): Promise<void> {
    return this.#op('removexattr', path, () => removeXattr(this.#ac, path, name));
  }

  /**
   * Which bricks hold `path` (a final symlink is followed): for a file, the data bricks of the
   * replica set holding it that are up (an arbiter holds no data and is never listed), in
   * replica order; for a directory, every brick up. Each {@link BrickLocation} names the brick's
   * host, its directory and the entry's absolute path there, so work can be scheduled next to
   * the data (GlusterFS's `trusted.glusterfs.pathinfo`). ENOENT, ENOTDIR, ENOTCONN (no brick
   * holding it is up).
   */
  locate(path: string): Promise<BrickLocation[]> {
    return this.#op('locate', path, () => locate(this.#ac, path));
  }

  /** Usage of the volume (summed over its bricks by distribute). */
  statfs(path = '/'): Promise<Statfs> {
    return this.#op('statfs', path, async () => {
      const r = await resolvePath(this.#ac, path, true);
      return this.#ac.top.statfs(this.#ac.ctx(), { path: r.path, gfid: r.iatt.gfid });
    });
  }

  /** Flushes a file's data and metadata to stable storage on its bricks. ENOENT, EISDIR. */
  fsync(path: string): Promise<void> {
    return this.#op('fsync', path, async () => {
      const fh = await openFile(this.#ac, path, 'r', 0);
      try {
        await fh.fsync();
      } finally {
        await fh.close();
      }
    });
  }

  /** A Readable of a file's bytes, `start`..`end` inclusive, with reads in flight ahead. */
  createReadStream(path: string, opts: ReadStreamOptions = {}): Readable {
    return createVolumeReadStream(this.#ac, path, opts);
  }

  /** A Writable into a file (`flags` `'w'` by default); `finish` means written and closed. */
  createWriteStream(path: string, opts: WriteStreamOptions = {}): Writable {
    return createVolumeWriteStream(this.#ac, path, opts);
  }

  /**
   * Runs brick task `name` on one live brick per replica set (next to the data) and returns the
   * per-set results in order. ENOTCONN (a whole set down), EINVAL (unknown task), ENOTSUP (no bricks).
   */
  runTask(name: string, args: unknown, opts: RunTaskOptions = {}): Promise<unknown[]> {
    return this.#op('task ' + name, '/', () => runTaskOnBricks(this.graph, this.volfile, name, args, opts));
  }

  /** Bytes, files and directories under `path` (symlinks resolved), computed on the bricks. ENOENT, ENOTCONN. */
  du(path: string): Promise<DuSummary> {
    return this.#op('du', path, async () => duSummary(this.#bricks(), (await resolvePath(this.#ac, path, true)).path));
  }

  /** Bytes under each immediate child of `path` (a file: itself), computed on the bricks, sorted by name. ENOENT, ENOTCONN. */
  duChildren(path: string): Promise<Map<string, number>> {
    return this.#op('du', path, async () => duChildren(this.#bricks(), (await resolvePath(this.#ac, path, true)).path));
  }

  /** Runs a task on one live brick per replica set (du resolves symlinks first: a brick holds only its share of them). */
  #bricks(): TaskRunner {
    return (name, args) => runTaskOnBricks(this.graph, this.volfile, name, args);
  }

  /** Copies of each file the volume keeps (the replica count of its largest set). */
  get replicaCount(): number {
    return Math.max(1, ...replicaSets(this.volfile).map((s) => s.length));
  }

  /** Closes every connection; later calls fail with ENOTCONN. A second unmount is a no-op. */
  async unmount(): Promise<void> {
    if (this.#ac.closed) return;
    this.#ac.close();
    await this.graph.close();
  }

  /** Runs one call, making sure what escapes is an FsError that names the call and the path. */
  async #op<T>(op: string, path: string, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (e) {
      throw withContext(e, op, path);
    }
  }

  async *#iter<T>(op: string, path: string, gen: () => AsyncGenerator<T>): AsyncGenerator<T> {
    try {
      yield* gen();
    } catch (e) {
      throw withContext(e, op, path);
    }
  }
}
