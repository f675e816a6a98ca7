import { type CallCtx, type Fops, type Iatt, type Loc, baseName, createFd, parentPath } from '../../../fop/index.js';
import { newGfid } from '../../../format/index.js';
import { computeLayout } from './layout.js';
import { looksLikeLinkfile, removeLinkfile } from './linkfile.js';
import { dirInfo, resolve } from './lookup.js';
import { hashedChildOf } from './route.js';
import { writeLayout } from './self-heal.js';
import type { DhtState } from './state.js';

const PAGE = 128;

/** mkdir and rmdir of cluster/dht: directories live on every child. */
export function dirOps(st: DhtState): Pick<Fops, 'mkdir' | 'rmdir'> {
  return {
    /**
     * Creates the directory on its hashed child first (which decides EEXIST), then on the others
     * with the same GFID, and gives each child its range of the new directory's layout.
     */
    async mkdir(ctx: CallCtx, loc: Loc, mode: number): Promise<Iatt> {
      const { path } = loc;
      if (path === '/') throw st.error('EEXIST', '/ exists');
      const hashed = await hashedChildOf(st, ctx, path);
      const gfid = loc.gfid ?? newGfid();
      const iatt = await st.child(hashed).mkdir(ctx, { path, gfid }, mode);
      const rest = st.all().filter((i) => i !== hashed);
      const out = await st.fanOut(rest, (c) => c.mkdir(ctx, { path, gfid }, mode));
      out.forEach((o, k) => {
        if (!o.ok && o.error.code !== 'ENOTCONN') st.log.warn('mkdir failed on a child', { path, child: st.children[rest[k]].name, error: o.error.code });
      });
      const made = new Set([hashed, ...rest.filter((_, k) => out[k].ok)]);
      const layout = computeLayout(st.count, gfid, st.commit);
      await writeLayout(st, ctx, path, layout.map((r, i) => (made.has(i) ? r : undefined)));
      st.dirs.set(path, { gfid, layout });
      return iatt;
    },

    /**
     * Removes an empty directory from every child (its hashed child last, so a failure halfway
     * leaves it findable and healable). ENOTEMPTY when any child holds a real entry (stale link
     * files are removed); ENOTCONN when a child is down, as emptiness cannot be known.
     */
    async rmdir(ctx: CallCtx, loc: Loc): Promise<void> {
      const { path } = loc;
      if (path === '/') throw st.error('EBUSY', 'cannot remove /');
      const r = await resolve(st, ctx, path);
      if (r.kind !== 'dir') throw st.error('ENOTDIR', `${path} is not a directory`);
      const down = st.all().find((i) => !st.isUp(i));
      if (down !== undefined) st.child(down);
      await ensureEmpty(st, ctx, path);
      const parent = await dirInfo(st, ctx, parentPath(path));
      const last = st.hashedChild(parent.layout, baseName(path)) ?? 0;
      const rest = st.all().filter((i) => i !== last);
      const out = await st.fanOut(rest, (c) => c.rmdir(ctx, { path }));
      st.forget(path);
      const bad = out.find((o) => !o.ok && o.error.code !== 'ENOENT');
      if (bad && !bad.ok) throw bad.error;
      const l = await st.try(last, (c) => c.rmdir(ctx, { path }));
      if (!l.ok && l.error.code !== 'ENOENT') throw l.error;
    },
  };
}

/**
 * ENOTEMPTY unless directory `path` holds nothing but link files on every child; those are
 * stale (their data would be an entry of this same directory) and are removed.
 */
export async function ensureEmpty(st: DhtState, ctx: CallCtx, path: string): Promise<void> {
  const lists = await Promise.all(st.all().map((i) => linkfilesOnly(st, ctx, path, i)));
  for (const [i, names] of lists.entries()) {
    for (const name of names) await removeLinkfile(st, ctx, i, path === '/' ? `/${name}` : `${path}/${name}`);
  }
}

async function linkfilesOnly(st: DhtState, ctx: CallCtx, path: string, i: number): Promise<string[]> {
  const c = st.child(i);
  const fd = createFd(path, 0, true);
  await c.opendir(ctx, { path }, fd);
  const names: string[] = [];
  try {
    for (let off = 0, eof = false; !eof; ) {
      const page = await c.readdir(ctx, fd, off, PAGE);
      for (const e of page.entries) {
        if (!looksLikeLinkfile(e.iatt)) throw st.error('ENOTEMPTY', `${path} is not empty`);
        names.push(e.name);
        off = e.off;
      }
      eof = page.eof || page.entries.length === 0;
    }
  } finally {
    await c.releasedir(ctx, fd).catch(() => undefined);
  }
  return names;
}
