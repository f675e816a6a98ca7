import { FsError } from '../../../errors/index.js';
import { FOPS, FOP_NAMES, type CallCtx, type Fd, type FopArgKind, type FopName, type Fops, type Loc } from '../../../fop/index.js';
import type { BrickLink, LiveConn } from './link.js';
import { getRemoteFd, openConfirmed, remoteFdNumber, setRemoteFd, watchOpen } from './remote-fd.js';
import type { ShortCircuit } from './short-circuit.js';
import { ctxToWire, locToWire } from './wire.js';

type FopFn = (ctx: CallCtx, ...args: unknown[]) => Promise<unknown>;

/**
 * Every fop of {@link FOPS}, sent to the brick as program `fop`, procedure = fop name. Arguments
 * travel per their kind: `loc` as {path, gfid}, `fd` as its fd number on this connection
 * (reopened first if it belongs to an earlier connection), `newfd` as a fresh number this client
 * chooses (recorded in `fd.ctx` before sending, so calls on the fd go out right behind the open,
 * without waiting for its reply), `value` as is; the context goes first. A call is sent in the
 * same turn it is made unless its fd must be reopened, so calls keep their order on the wire.
 * While the link is down every fop raises ENOTCONN, except release/releasedir, which succeed
 * (the brick dropped the connection's fds already). With `local` (the brick is on this host),
 * large reads are served from the brick's handle file while the link is up.
 */
export function clientFops(name: string, link: BrickLink, local?: ShortCircuit): Partial<Fops> {
  const fops: Record<string, FopFn> = {};
  for (const fop of FOP_NAMES) fops[fop] = makeFop(name, link, fop, FOPS[fop]);
  if (local) {
    const viaBrick = fops.read;
    fops.read = async (ctx, fd, size, offset) => {
      link.need();
      // Only after the brick accepted the open: a refused open must fail the read as it would.
      if (local.wants(fd as Fd, size as number) && (await openConfirmed(fd as Fd, name))) {
        const data = await local.read(fd as Fd, size as number, offset as number);
        if (data) return data;
      }
      return viaBrick(ctx, fd, size, offset);
    };
    const release = fops.release;
    fops.release = (ctx, fd) => {
      local.release(fd as Fd);
      return release(ctx, fd);
    };
  }
  return fops as unknown as Partial<Fops>;
}

function makeFop(name: string, link: BrickLink, fop: FopName, kinds: readonly FopArgKind[]): FopFn {
  if (fop === 'release' || fop === 'releasedir') return (ctx, fd) => release(name, link, fop, ctx, fd as Fd);
  return async (ctx, ...args) => {
    const live = link.need();
    const wctx = ctxToWire(ctx);
    const wire: unknown[] = [wctx];
    let newFd: Fd | undefined;
    let newNum = 0;
    let later: Promise<number> | undefined;
    for (let i = 0; i < kinds.length; i++) {
      const kind = kinds[i];
      if (kind === 'loc') wire.push(locToWire(args[i] as Loc));
      else if (kind === 'fd') {
        const num = remoteFdNumber(args[i] as Fd, name, live, reopener(link, live, wctx));
        if (typeof num !== 'number') later = num;
        wire.push(num);
      } else if (kind === 'newfd') {
        newFd = args[i] as Fd;
        wire.push((newNum = link.newFdNumber()));
      } else wire.push(args[i]);
    }
    // Only a reopen after a reconnect waits; everything else is sent in this turn.
    if (later) wire[wire.indexOf(later)] = await later;
    if (!newFd) return live.rpc.call('fop', fop, wire, { signal: ctx.signal });
    const st = setRemoteFd(newFd, name, newNum, live.gen);
    const res = live.rpc.call('fop', fop, wire, { signal: ctx.signal });
    watchOpen(newFd, name, st, res);
    return res;
  };
}

/** Reopens a file or directory by path on `live` under a fresh number; resolves to that number. */
function reopener(link: BrickLink, live: LiveConn, wctx: Record<string, unknown>) {
  return async (path: string, flags: number, isDir: boolean): Promise<number> => {
    const num = link.newFdNumber();
    if (isDir) await live.rpc.call('fop', 'opendir', [wctx, { path }, num]);
    else await live.rpc.call('fop', 'open', [wctx, { path }, flags, num]);
    return num;
  };
}

/**
 * Frees the brick's fd. Never fails visibly: a stale, refused or unreachable fd is already gone
 * there. Sent in the same turn (behind any calls on the fd made before it) unless a reopen is
 * in progress; the brick runs it only after those calls settled.
 */
async function release(name: string, link: BrickLink, fop: 'release' | 'releasedir', ctx: CallCtx, fd: Fd): Promise<void> {
  const st = getRemoteFd(fd, name);
  fd.ctx.delete(name);
  const live = link.live;
  if (!st || !live || (st.failed && !mayBeOpen(st.failed))) return;
  if (st.reopening && st.reopenGen === live.gen) await st.reopening.catch(() => undefined);
  if (st.dead || st.gen !== live.gen) return;
  try {
    await live.rpc.call('fop', fop, [ctxToWire(ctx), st.num]);
  } catch (e) {
    if (!(e instanceof FsError)) throw e;
  }
}

/**
 * An open that failed on this side (no reply in time, or cancelled) may still have succeeded on
 * the brick, so its number is released there anyway; one the brick refused left nothing open.
 */
function mayBeOpen(e: FsError): boolean {
  return e.code === 'ETIMEDOUT' || e.code === 'ECANCELED';
}
