import { FsError } from '../errors/index.js';
import { createFd, FOPS, FOP_NAMES, type Fd, type FopArgKind, type FopName, type Loc, type Subvol } from '../fop/index.js';
import type { RpcHandler } from '../rpc/index.js';
import type { ConnFdTables } from './fd-table.js';
import { ctxFromWire, locFromWire } from './wire.js';

type FopFn = (...a: unknown[]) => Promise<unknown>;

/**
 * The procedures of RPC program `fop`: one per {@link FOPS} entry, winding into `top`. The wire
 * arguments are the context, then every argument but `newfd` in FOPS order (`loc` as
 * {path, gfid}, `fd` as this connection's fd number). A fop that opens (`newfd`) gets a fresh
 * fd built from its loc and flags and answers `[result, fdNumber]`; release/releasedir forget
 * the number even when the fop below fails. Malformed arguments are EINVAL, unknown fds EBADF.
 */
export function fopProcs(top: Subvol, tables: ConnFdTables): Record<string, RpcHandler> {
  const procs: Record<string, RpcHandler> = {};
  for (const fop of FOP_NAMES) procs[fop] = fopHandler(top, tables, fop, FOPS[fop]);
  return procs;
}

function fopHandler(top: Subvol, tables: ConnFdTables, fop: FopName, kinds: readonly FopArgKind[]): RpcHandler {
  const sent = kinds.filter((k) => k !== 'newfd').length;
  const wind = (top[fop] as FopFn).bind(top);
  const frees = fop === 'release' || fop === 'releasedir';
  return async (args, call) => {
    if (args.length !== sent + 1) throw new FsError('EINVAL', `${fop} takes ${sent} arguments after the context, got ${args.length - 1}`);
    const ctx = ctxFromWire(args[0], call);
    const table = tables.of(call.connId);
    const out: unknown[] = [];
    let newFd: Fd | undefined;
    for (let i = 0, w = 1; i < kinds.length; i++) {
      const kind = kinds[i];
      if (kind === 'newfd') out.push((newFd = freshFd(fop, out)));
      else if (kind === 'loc') out.push(locFromWire(args[w++]));
      else if (kind === 'fd') out.push(table.get(args[w++]));
      else out.push(args[w++]);
    }
    if (frees) {
      try {
        return await wind(ctx, ...out);
      } finally {
        table.delete(args[1]);
      }
    }
    const result = await wind(ctx, ...out);
    return newFd ? [result, table.add(newFd)] : result;
  };
}

/** The fd an opening fop fills in: its loc's path and GFID, and the flags that follow the loc. */
function freshFd(fop: FopName, before: unknown[]): Fd {
  const loc = before[0] as Loc;
  const flags = typeof before[1] === 'number' ? before[1] : 0;
  return createFd(loc.path, flags, fop === 'opendir', loc.gfid ?? '');
}
