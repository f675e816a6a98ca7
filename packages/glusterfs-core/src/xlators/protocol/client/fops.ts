import { FsError } from '../../../errors/index.js';
import { FOPS, FOP_NAMES, type CallCtx, type Fd, type FopArgKind, type FopName, type Fops, type Loc } from '../../../fop/index.js';
import type { BrickLink, LiveConn } from './link.js';
import { getRemoteFd, remoteFdNumber, setRemoteFd } from './remote-fd.js';
import { ctxToWire, locToWire } from './wire.js';

type FopFn = (ctx: CallCtx, ...args: unknown[]) => Promise<unknown>;

/**
 * Every fop of {@link FOPS}, sent to the brick as program `fop`, procedure = fop name. Arguments
 * travel per their kind: `loc` as {path, gfid}, `fd` as the brick's fd number (reopened first if
 * it belongs to an earlier connection), `newfd` not at all (the brick opens a fresh fd and
 * answers `[result, fdNumber]`), `value` as is; the context goes first. While the link is down
 * every fop raises ENOTCONN, except release/releasedir, which succeed (the brick dropped the
 * connection's fds already).
 */
export function clientFops(name: string, link: BrickLink): Partial<Fops> {
  const fops: Record<string, FopFn> = {};
  for (const fop of FOP_NAMES) fops[fop] = makeFop(name, link, fop, FOPS[fop]);
  return fops as unknown as Partial<Fops>;
}

function makeFop(name: string, link: BrickLink, fop: FopName, kinds: readonly FopArgKind[]): FopFn {
  const releases = fop === 'release' || fop === 'releasedir';
  return async (ctx, ...args) => {
    if (releases) return release(name, link, fop, ctx, args[0] as Fd);
    const live = link.need();
    const wctx = ctxToWire(ctx);
    const wire: unknown[] = [wctx];
    let newFd: Fd | undefined;
    for (let i = 0; i < kinds.length; i++) {
      const kind = kinds[i];
      if (kind === 'loc') wire.push(locToWire(args[i] as Loc));
      else if (kind === 'fd') wire.push(await remoteFdNumber(args[i] as Fd, name, live, reopener(live, wctx)));
      else if (kind === 'newfd') newFd = args[i] as Fd;
      else wire.push(args[i]);
    }
    const res = await live.rpc.call('fop', fop, wire, { signal: ctx.signal });
    if (!newFd) return res;
    const [result, num] = res as [unknown, number];
    setRemoteFd(newFd, name, num, live.gen);
    return result;
  };
}

/** Reopens a file or directory by path on `live`; resolves to the new brick fd number. */
function reopener(live: LiveConn, wctx: Record<string, unknown>) {
  return async (path: string, flags: number, isDir: boolean): Promise<number> => {
    const res = isDir
      ? await live.rpc.call('fop', 'opendir', [wctx, { path }])
      : await live.rpc.call('fop', 'open', [wctx, { path }, flags]);
    return (res as [unknown, number])[1];
  };
}

/** Frees the brick's fd. Never fails visibly: a stale or unreachable fd is already gone there. */
async function release(name: string, link: BrickLink, fop: 'release' | 'releasedir', ctx: CallCtx, fd: Fd): Promise<void> {
  const st = getRemoteFd(fd, name);
  fd.ctx.delete(name);
  const live = link.live;
  if (st?.reopening && st.reopenGen === live?.gen) await st.reopening.catch(() => undefined);
  if (!st || st.dead || !live || st.gen !== live.gen) return;
  try {
    await live.rpc.call('fop', fop, [ctxToWire(ctx), st.num]);
  } catch (e) {
    if (!(e instanceof FsError)) throw e;
  }
}
