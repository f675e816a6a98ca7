import { constants } from 'node:fs';
import { type CallCtx, type Fd, type Fops, type Gfid, type Iatt, type Loc, baseName, parentPath } from '../../../fop/index.js';
import { newGfid } from '../../../format/index.js';
import { createLinkfile, removeLinkfile } from './linkfile.js';
import { dirInfo, resolve, resolveFile, tryResolve } from './lookup.js';
import { isCommitted } from './layout.js';
import { beginOpen } from './fd-state.js';
import { hashedChildOf, holeError } from './route.js';
import type { DhtState } from './state.js';

/** create, symlink, link and unlink of cluster/dht: files live on one child. */
export function entryOps(st: DhtState): Pick<Fops, 'create' | 'symlink' | 'link' | 'unlink'> {
  const hashedFor = (ctx: CallCtx, path: string) => hashedChildOf(st, ctx, path);
  return {
    /**
     * Creates the file on the child its name hashes to. An existing file (wherever it lives) is
     * opened instead, or EEXIST with O_EXCL; EISDIR for a directory. The fd's child is known to
     * later calls as soon as the create is sent.
     */
    async create(ctx: CallCtx, loc: Loc, flags: number, mode: number, fd: Fd): Promise<Iatt> {
      const opening = beginOpen(st, fd);
      try {
        const { at, gfid } = await createTarget(st, ctx, loc, flags);
        const sent = st.child(at).create(ctx, { path: loc.path, gfid }, flags, mode, fd);
        opening.routed(at);
        const iatt = await sent;
        opening.opened(at);
        st.files.set(loc.path, at);
        return iatt;
      } catch (e) {
        opening.failed(e);
        throw e;
      }
    },

    /** Creates a symlink on the child its name hashes to. EEXIST. */
    async symlink(ctx: CallCtx, target: string, loc: Loc): Promise<Iatt> {
      const { path } = loc;
      if (await tryResolve(st, ctx, path)) throw st.error('EEXIST', `${path} exists`);
      const at = await hashedFor(ctx, path);
      const iatt = await st.child(at).symlink(ctx, target, { path, gfid: loc.gfid ?? newGfid() });
      st.files.set(path, at);
      return iatt;
    },

    /**
     * Adds a hard link: the new name is made next to the data, and a link file (same GFID) is left
     * where the new name hashes when that is another child. EEXIST, EPERM (a directory).
     */
    async link(ctx: CallCtx, from: Loc, to: Loc): Promise<Iatt> {
      const src = await resolve(st, ctx, from.path);
      if (src.kind === 'dir') throw st.error('EPERM', `${from.path} is a directory`);
      if (await tryResolve(st, ctx, to.path)) throw st.error('EEXIST', `${to.path} exists`);
      const hashed = await hashedFor(ctx, to.path);
      const data = st.child(src.cached);
      const gfid = src.iatt.gfid;
      if (hashed !== src.cached) await createLinkfile(st, ctx, hashed, to.path, gfid, src.iatt, src.cached);
      try {
        const iatt = await data.link(ctx, { path: from.path }, { path: to.path, gfid });
        st.files.set(to.path, src.cached);
        return iatt;
      } catch (e) {
        if (hashed !== src.cached) await removeLinkfile(st, ctx, hashed, to.path).catch(() => undefined);
        throw e;
      }
    },

    /** Removes the data and then the link file pointing to it, if any. EISDIR, ENOENT. */
    async unlink(ctx: CallCtx, loc: Loc): Promise<void> {
      const r = await resolveFile(st, ctx, loc.path);
      await st.child(r.cached).unlink(ctx, { path: loc.path });
      st.files.delete(loc.path);
      if (r.hashed !== undefined && r.hashed !== r.cached) await removeLinkfile(st, ctx, r.hashed, loc.path);
    },
  };
}

/**
 * Where a create goes, and the GFID the file gets. With O_EXCL under `lookup-optimize` and a
 * committed parent layout, the hashed child alone decides: a file elsewhere has a link file
 * there and a directory exists there too, so the create itself raises EEXIST and no lookup is
 * needed first. Otherwise an existing file is looked up (and opened where it lives).
 */
async function createTarget(st: DhtState, ctx: CallCtx, loc: Loc, flags: number): Promise<{ at: number; gfid: Gfid }> {
  const { path } = loc;
  if (flags & constants.O_EXCL && st.opts.lookupOptimize) {
    const parent = await dirInfo(st, ctx, parentPath(path));
    if (isCommitted(parent.layout, st.commit)) {
      const at = st.hashedChild(parent.layout, baseName(path));
      if (at === undefined) throw holeError(st, path);
      return { at, gfid: loc.gfid ?? newGfid() };
    }
  }
  const existing = await tryResolve(st, ctx, path);
  if (existing && flags & constants.O_EXCL) throw st.error('EEXIST', `${path} exists`);
  if (existing?.kind === 'dir') throw st.error('EISDIR', `${path} is a directory`);
  const at = existing ? existing.cached : await hashedChildOf(st, ctx, path);
  return { at, gfid: existing ? existing.iatt.gfid : loc.gfid ?? newGfid() };
}
