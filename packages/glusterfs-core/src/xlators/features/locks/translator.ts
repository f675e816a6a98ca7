import { FsError, isFsError } from '../../../errors/index.js';
import type {
  CallCtx, Fops, GraphEvent, Loc, LockCmd, Subvol, Xlator, XlatorInit,
} from '../../../fop/index.js';
import type { OptionsOf } from '../../../volume/index.js';
import { type NameLock, type RangeLock, checkType, namesConflict, rangesConflict, toRangeLock } from './kinds.js';
import type { LOCKS_OPTIONS } from './options.js';
import { LockTable, type Owner } from './table.js';

/** The xdata key under which the brick server names the client connection of a call. */
export const CLIENT_ID_KEY = 'client-id';

/**
 * Brick-side inodelk and entrylk. Tables are kept per (domain, inode GFID); the GFID comes from
 * `loc.gfid` or a stat through the child, so renames do not change a lock's identity. The lock
 * owner is (ctx.xdata['client-id'], ctx.lkOwner); a `client-disconnect` event drops all of that
 * client's locks and waiters. Every other fop passes through untouched.
 */
export function createLocks(init: XlatorInit<OptionsOf<typeof LOCKS_OPTIONS>>): Xlator {
  const { name, log, emit } = init;
  const child = init.children[0];
  if (!child || init.children.length !== 1) {
    throw new FsError('EINVAL', `${name}: features/locks needs exactly one child`, name);
  }
  const inodeLocks = new Map<string, LockTable<RangeLock>>();
  const entryLocks = new Map<string, LockTable<NameLock>>();
  const fail = (e: unknown): never => {
    throw isFsError(e) && !e.xlator ? new FsError(e.code, e.detail, name) : e;
  };

  const fops: Pick<Fops, 'inodelk' | 'entrylk'> = {
    async inodelk(ctx, domain, loc, cmd, type, range) {
      try {
        checkType(type);
        const lock = toRangeLock(type, range);
        const same = (l: RangeLock) => l.start === lock.start && l.end === lock.end;
        const within = (l: RangeLock) => l.start >= lock.start && l.end <= lock.end;
        await run(child, inodeLocks, rangesConflict, ctx, domain, loc, cmd, lock, (t, owner) =>
          t.unlock(owner, same, true) || t.unlock(owner, within, false));
      } catch (e) {
        fail(e);
      }
    },

    async entrylk(ctx, domain, loc, basename, cmd, type) {
      try {
        checkType(type);
        if (basename !== null && (typeof basename !== 'string' || basename === '' || basename.includes('/'))) {
          throw new FsError('EINVAL', `bad entrylk basename ${JSON.stringify(basename)}`);
        }
        const lock: NameLock = { type, name: basename };
        await run(child, entryLocks, namesConflict, ctx, domain, loc, cmd, lock, (t, owner) =>
          t.unlock(owner, (l) => l.name === basename, true));
      } catch (e) {
        fail(e);
      }
    },
  };

  return {
    fops,
    notify(event: GraphEvent) {
      if (event.kind !== 'client-disconnect') {
        emit(event);
        return;
      }
      let n = 0;
      for (const tables of [inodeLocks, entryLocks] as Map<string, LockTable<unknown>>[]) {
        for (const [key, t] of tables) {
          n += t.dropClient(event.client);
          if (t.idle) tables.delete(key);
        }
      }
      if (n > 0) log.info('dropped the locks of a disconnected client', { client: event.client, locks: n });
    },
    async close() {
      for (const t of [...inodeLocks.values(), ...entryLocks.values()]) t.failAll();
      inodeLocks.clear();
      entryLocks.clear();
    },
  };
}

/** The lock owner of a call. */
export function ownerOf(ctx: CallCtx): Owner {
  const client = ctx.xdata?.[CLIENT_ID_KEY];
  return { client: typeof client === 'string' ? client : '', lkOwner: ctx.lkOwner ?? '' };
}

// lock / trylock / unlock against the table of (domain, inode), shared by both lock kinds.
async function run<L>(
  child: Subvol, tables: Map<string, LockTable<L>>, conflicts: (a: L, b: L) => boolean,
  ctx: CallCtx, domain: string, loc: Loc, cmd: LockCmd, lock: L,
  unlock: (t: LockTable<L>, owner: Owner) => number,
): Promise<void> {
  if (typeof domain !== 'string') throw new FsError('EINVAL', 'a lock domain is a string');
  const owner = ownerOf(ctx);
  if (cmd === 'unlock') {
    const key = await keyOrNull(child, ctx, domain, loc);
    if (key !== null && release(tables, key, owner, unlock) > 0) return;
    // The path may now name another inode, or none (a lock held across an unlink or a
    // rename-replace): release the owner's lock that was taken on that same path.
    for (const [k, t] of tables) {
      if (k.startsWith(domain + '\0') && t.held(owner, (h) => h.path === loc.path).length > 0) {
        release(tables, k, owner, unlock);
        return;
      }
    }
    return; // nothing held: unlock is idempotent
  }
  if (cmd !== 'lock' && cmd !== 'trylock') throw new FsError('EINVAL', `bad lock command ${String(cmd)}`);
  const key = `${domain}\0${await gfidOf(child, ctx, loc)}`;
  let t = tables.get(key);
  if (!t) tables.set(key, (t = new LockTable<L>(conflicts)));
  try {
    await t.lock({ lock, owner, path: loc.path }, cmd === 'lock', ctx.signal);
  } finally {
    if (t.idle) tables.delete(key);
  }
}

async function gfidOf(child: Subvol, ctx: CallCtx, loc: Loc): Promise<string> {
  return loc.gfid ?? (await child.stat(ctx, { path: loc.path })).gfid;
}

async function keyOrNull(child: Subvol, ctx: CallCtx, domain: string, loc: Loc): Promise<string | null> {
  try {
    return `${domain}\0${await gfidOf(child, ctx, loc)}`;
  } catch (e) {
    if (isFsError(e, 'ENOENT', 'ESTALE', 'ENOTDIR')) return null;
    throw e;
  }
}

function release<L>(
  tables: Map<string, LockTable<L>>, key: string, owner: Owner, unlock: (t: LockTable<L>, owner: Owner) => number,
): number {
  const t = tables.get(key);
  if (!t) return 0;
  const n = unlock(t, owner);
  if (t.idle) tables.delete(key);
  return n;
}

