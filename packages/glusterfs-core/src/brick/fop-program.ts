import { FsError } from '../errors/index.js';
import { createFd, FOPS, FOP_NAMES, type Fd, type FopArgKind, type FopName, type Loc, type Subvol } from '../fop/index.js';
import type { RpcHandler } from '../rpc/index.js';
import type { ConnFdTables, FdSlot } from './fd-table.js';
import { ctxFromWire, locFromWire, TRUST_EVERYONE, type WireIdentityPolicy } from './wire.js';

type FopFn = (...a: unknown[]) => Promise<unknown>;

/**
 * Fd fops that must see every earlier call on their fd done, and that later calls must not
 * overtake: a client may send them right behind writes without waiting for the replies.
 */
const ORDERED: ReadonlySet<FopName> = new Set(['flush', 'fsync', 'ftruncate', 'release', 'releasedir']);

/**
 * The procedures of RPC program `fop`: one per {@link FOPS} entry, winding into `top`. The wire
 * arguments are the context, then every argument in FOPS order (`loc` as {path, gfid}, `fd` as
 * this connection's fd number, `newfd` as the number the client chose for the fd it opens).
 * A fop that opens registers its number at dispatch, so calls the client sent right behind it
 * wait for it and then run. Reads and writes on one fd run in parallel; flush, fsync, ftruncate
 * and release/releasedir run once every call dispatched before them on that fd has settled, and
 * later calls wait for them. Release forgets the number at dispatch, even when the fop below
 * fails. Malformed arguments are EINVAL, unknown fds or a number already in use EBADF, and calls
 * on an fd whose open failed get the open's errno. `identity` decides root squashing and
 * privilege per connection (see {@link ctxFromWire}).
 */
export function fopProcs(top: Subvol, tables: ConnFdTables, identity: WireIdentityPolicy = TRUST_EVERYONE): Record<string, RpcHandler> {
  const procs: Record<string, RpcHandler> = {};
  for (const fop of FOP_NAMES) procs[fop] = fopHandler(top, tables, fop, FOPS[fop], identity);
  return procs;
}

function fopHandler(
  top: Subvol, tables: ConnFdTables, fop: FopName, kinds: readonly FopArgKind[], identity: WireIdentityPolicy,
): RpcHandler {
  const wind = (top[fop] as FopFn).bind(top);
  const frees = fop === 'release' || fop === 'releasedir';
  const ordered = ORDERED.has(fop);
  // Checked here, not awaited: everything up to the wind must happen at dispatch, in arrival order.
  return (args, call) => {
    if (args.length !== kinds.length + 1) {
      return Promise.reject(new FsError('EINVAL', `${fop} takes ${kinds.length} arguments after the context, got ${args.length - 1}`));
    }
    try {
      const ctx = ctxFromWire(args[0], call, identity);
      const table = tables.of(call.connId);
      const out: unknown[] = [ctx];
      let slot: FdSlot | undefined;
      let newFd: Fd | undefined;
      let newNum: unknown;
      for (let i = 0; i < kinds.length; i++) {
        const kind = kinds[i];
        const w = args[i + 1];
        if (kind === 'newfd') {
          out.push((newFd = freshFd(fop, out)));
          newNum = w;
        } else if (kind === 'loc') out.push(locFromWire(w));
        else if (kind === 'fd') {
          slot = frees ? table.take(w) : table.get(w);
          out.push(slot.fd);
        } else out.push(w);
      }
      if (newFd) return table.open(newNum, newFd, () => wind(...out));
      if (!slot) return wind(...out);
      return slot.run(() => wind(...out), ordered);
    } catch (e) {
      return Promise.reject(e);
    }
  };
}

/** The fd an opening fop fills in: its loc's path and GFID, and the flags that follow the loc. */
function freshFd(fop: FopName, before: unknown[]): Fd {
  const loc = before[1] as Loc;
  const flags = typeof before[2] === 'number' ? before[2] : 0;
  return createFd(loc.path, flags, fop === 'opendir', loc.gfid ?? '');
}
