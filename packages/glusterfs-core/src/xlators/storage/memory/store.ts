import { FsError } from '../../../errors/index.js';
import { type Gfid, ROOT_GFID, S_IFDIR, normalizePath } from '../../../fop/index.js';
import { newGfid } from '../../../format/index.js';
import { type Inode, newInode, resizeData, touchModified } from './inode.js';

/** Linux's NAME_MAX. */
export const NAME_MAX = 255;

/**
 * The namespace and inode table of one in-memory brick. Paths resolve component by component
 * from the root (GFID `…0001`); inodes live in a table by GFID so that hard links and
 * create-with-known-GFID find them. Errors are the ones Linux gives for the same walk.
 */
export class MemStore {
  readonly inodes = new Map<Gfid, Inode>();
  readonly root: Inode;
  readonly capacity: number;
  #used = 0;
  /** Inodes already forgotten: their size no longer counts against capacity. */
  #released = new WeakSet<Inode>();
  readonly #xlator: string;

  constructor(xlator: string, capacity: number) {
    this.#xlator = xlator;
    this.capacity = capacity;
    this.root = newInode(ROOT_GFID, S_IFDIR, 0o755, 0, 0);
    this.inodes.set(ROOT_GFID, this.root);
  }

  /** Bytes of file data held. */
  get used(): number {
    return this.#used;
  }

  /** An error raised by this brick. */
  error(code: ConstructorParameters<typeof FsError>[0], msg: string): FsError {
    return new FsError(code, msg, this.#xlator);
  }

  /** The inode at `path`. ENOENT, ENOTDIR (a middle component is not a directory). */
  resolve(path: string): Inode {
    let ino = this.root;
    for (const part of components(path)) {
      if (!ino.dir) throw this.error('ENOTDIR', `${path}: a component is not a directory`);
      const gfid = ino.dir.get(part);
      if (gfid === undefined) throw this.error('ENOENT', `${path}: no such file or directory`);
      ino = this.inodes.get(gfid)!;
    }
    return ino;
  }

  /** The parent directory of `path` and the last name (`''` for the root). ENOENT, ENOTDIR. */
  resolveParent(path: string): { parent: Inode; name: string } {
    const parts = components(path);
    const name = parts.pop() ?? '';
    const parent = this.resolve('/' + parts.join('/'));
    if (!parent.dir) throw this.error('ENOTDIR', `${path}: parent is not a directory`);
    return { parent, name };
  }

  /** The inode `name` points to inside directory `parent`, if any. */
  child(parent: Inode, name: string): Inode | undefined {
    const gfid = parent.dir?.get(name);
    return gfid === undefined ? undefined : this.inodes.get(gfid);
  }

  /** A new, not yet linked inode; `gfid` is the caller's (the create family's loc.gfid) or fresh. */
  make(type: number, perm: number, uid: number, gid: number, gfid?: Gfid): Inode {
    const ino = newInode(gfid ?? newGfid(), type, perm, uid, gid);
    this.inodes.set(ino.gfid, ino);
    return ino;
  }

  /** Links `ino` as `name` in `parent`. ENAMETOOLONG. The name must be free. */
  attach(parent: Inode, name: string, ino: Inode): void {
    if (Buffer.byteLength(name) > NAME_MAX) throw this.error('ENAMETOOLONG', name);
    parent.dir!.set(name, ino.gfid);
    ino.nlink += ino.dir ? 0 : 1;
    if (ino.dir) parent.nlink++;
    ino.ctimeMs = Date.now();
    touchModified(parent);
  }

  /** Unlinks `name` from `parent`; an inode left with no names leaves the table. */
  detach(parent: Inode, name: string): Inode {
    const ino = this.child(parent, name)!;
    parent.dir!.delete(name);
    if (ino.dir) {
      parent.nlink--;
      ino.nlink = 0;
    } else {
      ino.nlink--;
    }
    ino.ctimeMs = Date.now();
    touchModified(parent);
    // Open fds keep their own reference, so an unlinked open file stays readable, as on Linux.
    if (ino.nlink <= 0) this.drop(ino);
    return ino;
  }

  /** Sets a file's size, charging the difference against capacity. ENOSPC. */
  setSize(ino: Inode, size: number): void {
    const delta = this.#released.has(ino) ? 0 : size - ino.size;
    if (delta > 0 && this.#used + delta > this.capacity) throw this.error('ENOSPC', 'no space left on device');
    resizeData(ino, size);
    this.#used += delta;
  }

  /** Forgets an inode with no names left and returns its space. */
  drop(ino: Inode): void {
    if (this.inodes.get(ino.gfid) === ino) this.inodes.delete(ino.gfid);
    if (this.#released.has(ino)) return;
    this.#released.add(ino);
    this.#used -= ino.size;
  }
}

function components(path: string): string[] {
  return normalizePath(path).split('/').filter(Boolean);
}
