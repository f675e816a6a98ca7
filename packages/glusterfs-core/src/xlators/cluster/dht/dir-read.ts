import type { CallCtx, DirPage, Dirent, Fd, Fops, Loc } from '../../../fop/index.js';
import { isDir } from '../../../fop/index.js';
import { looksLikeLinkfile } from './linkfile.js';
import { resolve } from './lookup.js';
import type { DhtFd } from './fd-state.js';
import type { DhtState } from './state.js';

/**
 * A readdir cookie: (child index, that child's cookie) packed as `childOff * n + index` in a JS
 * number. EOVERFLOW if the child's cookie is too large to pack exactly (beyond 2^53 / n).
 */
export function encodeCookie(st: DhtState, child: number, childOff: number): number {
  const c = childOff * st.count + child;
  if (!Number.isSafeInteger(c)) throw st.error('EOVERFLOW', `readdir cookie ${childOff} of ${st.children[child].name} is too large`);
  return c;
}

/** The (child index, child cookie) packed in a DHT cookie. */
export function decodeCookie(st: DhtState, cookie: number): { child: number; off: number } {
  return { child: cookie % st.count, off: Math.floor(cookie / st.count) };
}

/**
 * Listing fops of cluster/dht: one directory read as the union of its children, child after
 * child. Files come from every child, link files are hidden, and directories (present on every
 * child) are listed once, from the first child opened.
 */
export function dirReadOps(st: DhtState): Pick<Fops, 'opendir' | 'readdir' | 'releasedir'> {
  return {
    /** Opens the directory on every child that is up. ENOTDIR, ENOENT, ENOTCONN (none up). */
    async opendir(ctx: CallCtx, loc: Loc, fd: Fd): Promise<void> {
      const r = await resolve(st, ctx, loc.path);
      if (r.kind !== 'dir') throw st.error('ENOTDIR', `${loc.path} is not a directory`);
      const ups = st.upIndexes();
      const out = await st.fanOut(ups, (c) => c.opendir(ctx, loc, fd));
      const opened = ups.filter((_, k) => out[k].ok);
      if (opened.length === 0) throw out.find((o) => !o.ok)?.error ?? st.error('ENOTCONN', 'no child is up');
      fd.ctx.set(st.name, { kind: 'dir', opened } satisfies DhtFd);
    },

    async readdir(ctx: CallCtx, fd: Fd, offset: number, count: number): Promise<DirPage> {
      const d = fd.ctx.get(st.name) as DhtFd | undefined;
      if (d?.kind !== 'dir') throw st.error('EBADF', `fd for ${fd.path} is not an open directory here`);
      if (!(count >= 1) || !(offset >= 0)) throw st.error('EINVAL', `bad readdir count ${count} or offset ${offset}`);
      return readMerged(st, ctx, fd, d.opened, offset, count);
    },

    async releasedir(ctx: CallCtx, fd: Fd): Promise<void> {
      const d = fd.ctx.get(st.name) as DhtFd | undefined;
      fd.ctx.delete(st.name);
      if (d?.kind === 'dir') await st.fanOut(d.opened, (c) => c.releasedir(ctx, fd));
    },
  };
}

async function readMerged(
  st: DhtState, ctx: CallCtx, fd: Fd, opened: number[], offset: number, count: number,
): Promise<DirPage> {
  const start = offset === 0 ? { child: opened[0], off: 0 } : decodeCookie(st, offset);
  let pos = opened.findIndex((i) => i >= start.child);
  if (pos < 0) return { entries: [], eof: true };
  let off = opened[pos] === start.child ? start.off : 0;
  const entries: Dirent[] = [];
  while (pos < opened.length && entries.length < count) {
    const i = opened[pos];
    const r = await st.try(i, (c) => c.readdir(ctx, fd, off, count - entries.length));
    // A child lost mid-listing is skipped: the listing goes on with the children that answer.
    if (!r.ok && r.error.code !== 'ENOTCONN') throw r.error;
    const page = r.ok ? r.value : { entries: [], eof: true };
    for (const e of page.entries) {
      off = e.off;
      if (keep(e, i === opened[0])) entries.push({ name: e.name, off: encodeCookie(st, i, e.off), iatt: e.iatt });
    }
    if (page.eof || page.entries.length === 0) {
      pos++;
      off = 0;
    }
  }
  return { entries, eof: pos >= opened.length };
}

function keep(e: Dirent, fromFirst: boolean): boolean {
  return isDir(e.iatt) ? fromFirst : !looksLikeLinkfile(e.iatt);
}
