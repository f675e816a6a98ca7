import { FsError } from '../../../errors/index.js';
import {
  parentPath, baseName, type CallCtx, type Fd, type Fops, type Gfid, type Iatt, type Loc,
  type Xlator, type XlatorInit,
} from '../../../fop/index.js';
import { PRIMARY_BRICK_XDATA, SELF_HEAL_PID, isInternalXattr } from '../../../format/index.js';
import { kindOf, type JournalEntryName, type JournalOp, type NewRecord } from '../../../changelog/index.js';
import type { OptionsOf } from '../../../volume/index.js';
import { DirGfids } from './dir-gfids.js';
import { FdWrites } from './fd-writes.js';
import { JournalWriter } from './journal-writer.js';
import type { CHANGELOG_OPTIONS } from './options.js';

const O_ACCMODE = 3;

/**
 * Brick-side change journal (GlusterFS's features/changelog). After the child succeeds, each
 * namespace change is recorded as an E record (GFID, parent GFID and name), the first data
 * change of a GFID in each journal file as a D record, attribute and xattr changes and the
 * close of an fd opened for writing as M records; failures are not recorded. Records are
 * flagged primary when replicate named this brick in `ctx.xdata` (or no replicate is above)
 * and heal when self-heal made the change. Reads pass through untouched.
 */
export function createChangelog(init: XlatorInit<OptionsOf<typeof CHANGELOG_OPTIONS>>): Xlator {
  const { name, options, log } = init;
  const child = init.children[0];
  if (!child || init.children.length !== 1) throw new FsError('EINVAL', `${name}: features/changelog needs exactly one child`, name);
  if (!options.changelog) return { fops: {} };
  const dir = options.changelogDir;
  if (!dir?.startsWith('/')) throw new FsError('EINVAL', `${name}: changelog-dir must be an absolute directory`, name);
  const writer = new JournalWriter({
    dir, rolloverMs: options.rolloverTime * 1000, fsyncIntervalMs: options.fsyncInterval,
    retentionMs: options.retentionHours * 3_600_000, log,
  });
  const dirs = new DirGfids(child);
  const self = options.subvolume;

  const record = (ctx: CallCtx, op: JournalOp, gfid: Gfid, extra: Partial<NewRecord> = {}, iatt?: Iatt) => {
    const heal = ctx.pid === SELF_HEAL_PID;
    const tag = ctx.xdata[PRIMARY_BRICK_XDATA];
    const primary = !heal && (tag === undefined || tag === self);
    const dhtLink = iatt !== undefined && isLinkFile(iatt);
    writer.append({ ts: Date.now(), kind: kindOf(op), op, gfid, primary, heal, dhtLink, ...extra });
  };
  const nameOf = async (ctx: CallCtx, path: string): Promise<JournalEntryName> =>
    ({ pargfid: await dirs.gfidOf(ctx, parentPath(path)), name: baseName(path) });
  const created = async (ctx: CallCtx, op: JournalOp, loc: Loc, iatt: Iatt) => {
    record(ctx, op, iatt.gfid, { entry: await nameOf(ctx, loc.path), mode: iatt.mode, uid: iatt.uid, gid: iatt.gid }, iatt);
    return iatt;
  };
  const gfidBefore = async (ctx: CallCtx, loc: Loc): Promise<Gfid> => loc.gfid || (await child.stat(ctx, { path: loc.path })).gfid;
  const dataChanged = (ctx: CallCtx, op: JournalOp, gfid: Gfid) => {
    if (writer.dataSeen.has(gfid)) return;
    writer.dataSeen.add(gfid);
    record(ctx, op, gfid);
  };
  // An fd opened for writing gets its state before the child answers: the client may have sent
  // the write and the release right behind the open.
  const opening = <T>(fd: Fd, p: Promise<T>): Promise<T> => {
    fd.ctx.set(name, new FdWrites(p));
    return p;
  };
  const writing = <T>(fd: Fd, p: Promise<T>): Promise<T> => {
    let w = FdWrites.of(fd, name);
    if (!w) fd.ctx.set(name, (w = new FdWrites(Promise.resolve())));
    return w.track(p);
  };
  const fdGfid = async (ctx: CallCtx, fd: Fd): Promise<Gfid> => fd.gfid || (await child.fstat(ctx, fd)).gfid;

  const fops: Partial<Fops> = {
    async create(ctx, loc, flags, mode, fd) {
      const p = child.create(ctx, loc, flags, mode, fd).then((iatt) => created(ctx, 'CREATE', loc, iatt));
      // A DHT link file (mode exactly ---------T) is distribute's pointer, not a written file.
      return (mode & 0o7777) === 0o1000 ? p : opening(fd, p);
    },
    async mkdir(ctx, loc, mode) {
      return created(ctx, 'MKDIR', loc, await child.mkdir(ctx, loc, mode));
    },
    async symlink(ctx, target, loc) {
      return created(ctx, 'SYMLINK', loc, await child.symlink(ctx, target, loc));
    },
    async link(ctx, from, to) {
      const iatt = await child.link(ctx, from, to);
      record(ctx, 'LINK', iatt.gfid, { entry: await nameOf(ctx, to.path) }, iatt);
      return iatt;
    },
    async unlink(ctx, loc) {
      // Taken before: the GFID, and whether the name was a DHT link file.
      const before = await child.stat(ctx, { path: loc.path });
      await child.unlink(ctx, loc);
      record(ctx, 'UNLINK', before.gfid, { entry: await nameOf(ctx, loc.path) }, before);
    },
    async rmdir(ctx, loc) {
      const gfid = await gfidBefore(ctx, loc);
      await child.rmdir(ctx, loc);
      dirs.forget();
      record(ctx, 'RMDIR', gfid, { entry: await nameOf(ctx, loc.path) });
    },
    async rename(ctx, from, to) {
      const entry = await nameOf(ctx, from.path);
      const iatt = await child.rename(ctx, from, to);
      if ((iatt.mode & 0o170000) === 0o040000) dirs.forget();
      record(ctx, 'RENAME', iatt.gfid, { entry, to: await nameOf(ctx, to.path) }, iatt);
      return iatt;
    },
    async open(ctx, loc, flags, fd) {
      const p = child.open(ctx, loc, flags, fd);
      return (flags & O_ACCMODE) !== 0 ? opening(fd, p) : p;
    },
    async write(ctx, fd, data, offset) {
      return writing(fd, child.write(ctx, fd, data, offset).then((iatt) => {
        dataChanged(ctx, 'WRITE', iatt.gfid);
        return iatt;
      }));
    },
    async truncate(ctx, loc, size) {
      const iatt = await child.truncate(ctx, loc, size);
      dataChanged(ctx, 'TRUNCATE', iatt.gfid);
      return iatt;
    },
    async ftruncate(ctx, fd, size) {
      return writing(fd, child.ftruncate(ctx, fd, size).then((iatt) => {
        dataChanged(ctx, 'TRUNCATE', iatt.gfid);
        return iatt;
      }));
    },
    async setattr(ctx, loc, attrs) {
      const iatt = await child.setattr(ctx, loc, attrs);
      record(ctx, 'SETATTR', iatt.gfid, {}, iatt);
      return iatt;
    },
    async setxattr(ctx, loc, xattrs, flags) {
      await child.setxattr(ctx, loc, xattrs, flags);
      if (Object.keys(xattrs).some((k) => !isInternalXattr(k))) record(ctx, 'SETXATTR', await gfidBefore(ctx, loc));
    },
    async removexattr(ctx, loc, key) {
      await child.removexattr(ctx, loc, key);
      if (!isInternalXattr(key)) record(ctx, 'REMOVEXATTR', await gfidBefore(ctx, loc));
    },
    async release(ctx, fd) {
      const writes = fd.isDir ? undefined : FdWrites.of(fd, name);
      const written = writes ? await writes.writtenAtClose() : false;
      const gfid = written ? await fdGfid(ctx, fd).catch(() => '') : '';
      await child.release(ctx, fd);
      if (gfid) record(ctx, 'CLOSE_WRITE', gfid);
    },
  };
  return {
    fops,
    notify: (event) => {
      if (event.kind !== 'client-disconnect') init.emit(event);
    },
    close: () => writer.close(),
  };
}


/** A DHT link file: a regular file whose permission bits are exactly the sticky bit. */
function isLinkFile(iatt: Iatt): boolean {
  return (iatt.mode & 0o177777) === 0o101000;
}
