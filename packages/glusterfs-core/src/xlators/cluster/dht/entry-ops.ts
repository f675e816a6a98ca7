import { constants } from 'node:fs';
import type { CallCtx, Fd, Fops, Iatt, Loc } from '../../../fop/index.js';
import { newGfid } from '../../../format/index.js';
import { createLinkfile, removeLinkfile } from './linkfile.js';
import { resolve, resolveFile, tryResolve } from './lookup.js';
import { bindFileFd, hashedChildOf } from './route.js';
import type { DhtState } from './state.js';

/** create, symlink, link and unlink of cluster/dht: files live on one child. */
export function entryOps(st: DhtState): Pick<Fops, 'create' | 'symlink' | 'link' | 'unlink'> {
  const hashedFor = (ctx: CallCtx, path: string) => hashedChildOf(st, ctx, path);
  return {
    /**
     * Creates the file on the child its name hashes to. An existing file (wherever it lives) is
     * opened instead, or EEXIST with O_EXCL; EISDIR for a directory.
     */
    async create(ctx: CallCtx, loc: Loc, flags: number, mode: number, fd: Fd): Promise<Iatt> {
      const { path } = loc;
      const existing = await tryResolve(st, ctx, path);
      if (existing && flags & constants.O_EXCL) throw st.error('EEXIST', `${path} exists`);
      if (existing?.kind === 'dir') throw st.error('EISDIR', `${path} is a directory`);
      const at = existing ? existing.cached : await hashedFor(ctx, path);
      const gfid = existing ? existing.iatt.gfid : loc.gfid ?? newGfid();
      const iatt = await st.child(at).create(ctx, { path, gfid }, flags, mode, fd);
      bindFileFd(st, fd, at);
      st.files.set(path, at);
      return iatt;
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
