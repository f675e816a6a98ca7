import type { CallCtx, Fops, Iatt, Loc } from '../../../fop/index.js';
import { S_IFDIR, S_IFLNK, isWithin } from '../../../fop/index.js';
import type { MemCore } from './core.js';
import { reuseOrMake } from './fd-ops.js';
import { type Inode, toIatt } from './inode.js';
import { NAME_MAX } from './store.js';

type EntryFops = Pick<Fops, 'mkdir' | 'rmdir' | 'unlink' | 'rename' | 'link' | 'symlink'>;

/** Namespace-changing fops of storage/memory, with the errnos Linux gives for each. */
export function entryOps(core: MemCore): EntryFops {
  const { store } = core;

  /** The free slot for a new name. EEXIST (taken, or `/`), ENOENT/ENOTDIR (parent). */
  const freeSlot = (path: string) => {
    const slot = store.resolveParent(path);
    if (slot.name === '' || store.child(slot.parent, slot.name)) throw store.error('EEXIST', `${path} exists`);
    return slot;
  };

  return {
    async mkdir(ctx: CallCtx, loc: Loc, mode: number): Promise<Iatt> {
      const { parent, name } = freeSlot(loc.path);
      if (loc.gfid && store.inodes.has(loc.gfid)) throw store.error('EEXIST', `GFID ${loc.gfid} is in use`);
      const ino = store.make(S_IFDIR, mode, ctx.uid, ctx.gid, loc.gfid);
      store.attach(parent, name, ino);
      return toIatt(ino);
    },

    async rmdir(_ctx: CallCtx, loc: Loc): Promise<void> {
      const { parent, name } = store.resolveParent(loc.path);
      if (name === '') throw store.error('EBUSY', 'cannot remove /');
      const ino = store.child(parent, name);
      if (!ino) throw store.error('ENOENT', `${loc.path}: no such directory`);
      if (!ino.dir) throw store.error('ENOTDIR', `${loc.path} is not a directory`);
      if (ino.dir.size > 0) throw store.error('ENOTEMPTY', `${loc.path} is not empty`);
      store.detach(parent, name);
    },

    async unlink(_ctx: CallCtx, loc: Loc): Promise<void> {
      const { parent, name } = store.resolveParent(loc.path);
      if (name === '') throw store.error('EISDIR', '/ is a directory');
      const ino = store.child(parent, name);
      if (!ino) throw store.error('ENOENT', `${loc.path}: no such file`);
      if (ino.dir) throw store.error('EISDIR', `${loc.path} is a directory`);
      store.detach(parent, name);
    },

    async rename(_ctx: CallCtx, from: Loc, to: Loc): Promise<Iatt> {
      return renameEntry(core, from.path, to.path);
    },

    async link(_ctx: CallCtx, from: Loc, to: Loc): Promise<Iatt> {
      const ino = store.resolve(from.path);
      if (ino.dir) throw store.error('EPERM', `${from.path} is a directory`);
      const { parent, name } = freeSlot(to.path);
      store.attach(parent, name, ino);
      return toIatt(ino);
    },

    async symlink(ctx: CallCtx, target: string, loc: Loc): Promise<Iatt> {
      const { parent, name } = freeSlot(loc.path);
      if (target === '') throw store.error('ENOENT', 'empty symlink target');
      const ino = reuseOrMake(core, loc, ctx, 0o777, S_IFLNK);
      ino.target = target;
      store.attach(parent, name, ino);
      return toIatt(ino);
    },
  };
}

/**
 * rename(2) on the in-memory tree: replaces a target of a compatible kind atomically.
 * EBUSY (`/`), EINVAL (a directory into itself), ENOTDIR, EISDIR, ENOTEMPTY, ENOENT.
 */
function renameEntry(core: MemCore, fromPath: string, toPath: string): Iatt {
  const { store } = core;
  const src = store.resolveParent(fromPath);
  const dst = store.resolveParent(toPath);
  if (src.name === '' || dst.name === '') throw store.error('EBUSY', 'cannot rename /');
  const ino = store.child(src.parent, src.name);
  if (!ino) throw store.error('ENOENT', `${fromPath}: no such file or directory`);
  if (ino.dir && fromPath !== toPath && isWithin(toPath, fromPath)) {
    throw store.error('EINVAL', `cannot move ${fromPath} into itself`);
  }
  if (Buffer.byteLength(dst.name) > NAME_MAX) throw store.error('ENAMETOOLONG', dst.name);
  const old = store.child(dst.parent, dst.name);
  // Two names of one inode: POSIX says do nothing and succeed.
  if (old === ino) return toIatt(ino);
  if (old) checkReplace(core, ino, old, toPath);
  if (old) store.detach(dst.parent, dst.name);
  moveEntry(core, src.parent, src.name, dst.parent, dst.name, ino);
  return toIatt(ino);
}

function checkReplace(core: MemCore, ino: Inode, old: Inode, toPath: string): void {
  const { store } = core;
  if (ino.dir && !old.dir) throw store.error('ENOTDIR', `${toPath} is not a directory`);
  if (!ino.dir && old.dir) throw store.error('EISDIR', `${toPath} is a directory`);
  if (old.dir && old.dir.size > 0) throw store.error('ENOTEMPTY', `${toPath} is not empty`);
}

function moveEntry(core: MemCore, from: Inode, fromName: string, to: Inode, toName: string, ino: Inode): void {
  const { store } = core;
  // Link first so the inode never reaches nlink 0 and leaves the table mid-move.
  const nlink = ino.nlink;
  store.attach(to, toName, ino);
  from.dir!.delete(fromName);
  if (ino.dir) from.nlink--;
  ino.nlink = nlink;
  from.mtimeMs = from.ctimeMs = Date.now();
}
