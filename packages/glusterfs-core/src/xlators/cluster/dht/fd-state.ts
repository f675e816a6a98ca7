import { isFsError } from '../../../errors/index.js';
import type { CallCtx, Fd, Subvol } from '../../../fop/index.js';
import type { DhtState } from './state.js';

/**
 * A file fd whose open or create is still running. `route` is the child the open was sent to
 * first, known before its reply; `done` is the child it ended up open on (a stale location hint
 * makes open retry elsewhere) and rejects when the open failed. `calls` are the fd calls routed
 * while it ran, which a release elsewhere must wait for.
 */
interface OpeningFd {
  kind: 'opening';
  route: Promise<number>;
  done: Promise<number>;
  calls: Promise<unknown>[];
}

/** What cluster/dht keeps in `fd.ctx` under its name. */
export type DhtFd = { kind: 'file'; child: number } | OpeningFd | { kind: 'dir'; opened: number[] };

/** How an open or create tells later calls on its fd where to go. */
export interface FileOpening {
  /** The open is being sent to child `i` now (later attempts do not change the route). */
  routed(i: number): void;
  /** The fd is open on child `i`. */
  opened(i: number): void;
  /** The open failed: calls waiting for the route get `e`. */
  failed(e: unknown): void;
}

/**
 * Marks `fd` as opening, before anything is awaited, so that calls made on it right after the
 * open (same turn, or while the open resolves the parent's layout) wait for its route and then
 * go out behind the open, in order, without waiting for the open's reply.
 */
export function beginOpen(st: DhtState, fd: Fd): FileOpening {
  const route = settleable<number>();
  const done = settleable<number>();
  const state: OpeningFd = { kind: 'opening', route: route.promise, done: done.promise, calls: [] };
  fd.ctx.set(st.name, state);
  return {
    routed: (i) => route.resolve(i),
    opened(i) {
      if (fd.ctx.get(st.name) === state) fd.ctx.set(st.name, { kind: 'file', child: i } satisfies DhtFd);
      route.resolve(i);
      done.resolve(i);
    },
    failed(e) {
      route.reject(e);
      done.reject(e);
    },
  };
}

/**
 * Runs `fn` on the child serving file fd `fd`: at once when it is open, behind its open while
 * that runs. A call that went out behind an open that then failed there and succeeded on
 * another child is repeated on that child. EBADF when this fd was not opened through DHT.
 */
export function onFileFd<T>(st: DhtState, fd: Fd, fn: (c: Subvol) => Promise<T>): Promise<T> {
  const c = fd.ctx.get(st.name) as DhtFd | undefined;
  try {
    if (c?.kind === 'file') return fn(st.child(c.child));
  } catch (e) {
    return Promise.reject(e);
  }
  if (c?.kind !== 'opening') return Promise.reject(st.error('EBADF', `fd for ${fd.path} is not an open file here`));
  const p = behindOpen(st, c, fn);
  c.calls.push(p.catch(() => undefined));
  return p;
}

async function behindOpen<T>(st: DhtState, c: OpeningFd, fn: (c: Subvol) => Promise<T>): Promise<T> {
  const i = await c.route;
  try {
    return await fn(st.child(i));
  } catch (e) {
    const final = await c.done.catch(() => i);
    if (final === i) throw e;
    return fn(st.child(final));
  }
}

/**
 * Releases file fd `fd` on the child(ren) it went to; never fails visibly (a down child has
 * dropped the fd already). Behind a running open the release goes out right behind the calls
 * on the fd; if the open then landed on another child it is released there too, after the
 * calls repeated there.
 */
export async function releaseFileFd(st: DhtState, ctx: CallCtx, fd: Fd): Promise<void> {
  const c = fd.ctx.get(st.name) as DhtFd | undefined;
  fd.ctx.delete(st.name);
  if (c?.kind === 'file') return releaseOn(st, c.child, ctx, fd);
  if (c?.kind !== 'opening') return;
  let i: number;
  try {
    i = await c.route;
  } catch {
    return;
  }
  await releaseOn(st, i, ctx, fd);
  const final = await c.done.catch(() => i);
  if (final === i) return;
  await Promise.all(c.calls);
  await releaseOn(st, final, ctx, fd);
}

async function releaseOn(st: DhtState, i: number, ctx: CallCtx, fd: Fd): Promise<void> {
  try {
    await st.children[i].release(ctx, fd);
  } catch (e) {
    if (!isFsError(e)) throw e;
  }
}

/** A promise with its settle functions; only the first settle counts, and no rejection goes unhandled. */
function settleable<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  promise.catch(() => undefined);
  return { promise, resolve, reject };
}
