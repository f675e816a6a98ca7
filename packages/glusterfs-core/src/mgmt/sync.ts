import { formatBrick } from './brick-spec.js';
import { peerByHost, type MgmtContext } from './context.js';
import type { BrickStatus, ClusterState, PeerRecord, VolumeRecord } from './types.js';

/**
 * Stores a volume record received from a peer (unless ours is newer) and brings this host's
 * bricks and self-heal daemon to its state. Returns the local bricks' statuses.
 */
export async function applyVolumeLocally(ctx: MgmtContext, vol: VolumeRecord, force: boolean): Promise<BrickStatus[]> {
  if (ctx.store.isDeleted(vol.id)) return [];
  const mine = ctx.store.volume(vol.name);
  const current = mine && mine.id === vol.id && mine.version > vol.version ? mine : vol;
  if (current === vol) await ctx.store.putVolume(vol);
  const bricks = await ctx.monitor.reconcile(current, force);
  await reconcileShd(ctx);
  return bricks;
}

/** Brings this host's self-heal daemon to the stored volumes; a failure is logged, not thrown. */
export async function reconcileShd(ctx: MgmtContext): Promise<void> {
  try {
    await ctx.shd.reconcile();
  } catch (e) {
    ctx.log.error('cannot bring the self-heal daemon up to date', { error: (e as Error).message });
  }
}

/** Stops this host's bricks of a volume and forgets it (a delete decided elsewhere). */
export async function dropVolumeLocally(ctx: MgmtContext, name: string, id: string, tombstone = true): Promise<void> {
  const vol = ctx.store.volume(name);
  if (tombstone) await ctx.store.markDeleted([id]);
  if (!vol || vol.id !== id) return;
  await ctx.monitor.stopVolume(name);
  await ctx.store.removeVolume(name, tombstone);
  await reconcileShd(ctx);
}

/**
 * Stores `vol` here and on every connected peer, and brings each host's bricks and self-heal
 * daemon to its state (this host's daemon last, once every host's bricks have had their turn).
 * Returns every brick's status in brick order; bricks of peers that cannot be reached are
 * reported offline with the reason (the peer catches up when it reconnects).
 */
export async function applyEverywhere(ctx: MgmtContext, vol: VolumeRecord, force = false): Promise<BrickStatus[]> {
  await ctx.store.putVolume(vol);
  const results: BrickStatus[][] = [await ctx.monitor.reconcile(vol, force)];
  await Promise.all(ctx.store.peers().map(async (p) => {
    const client = ctx.links.client(p.uuid);
    const hosted = vol.bricks.filter((b) => b.host === p.host);
    try {
      if (!client) throw new Error(`peer ${p.host} is not connected`);
      results.push(await client.applyVolume(vol, force));
    } catch (e) {
      ctx.log.warn('peer did not apply volume change', { peer: p.host, volume: vol.name, error: (e as Error).message });
      results.push(hosted.map((b) => ({ ...b, port: null, pid: null, online: false, error: (e as Error).message })));
    }
  }));
  await reconcileShd(ctx);
  return inBrickOrder(vol, results.flat());
}

/** Sorts statuses gathered from many hosts into the volume's brick order. */
export function inBrickOrder(vol: VolumeRecord, statuses: readonly BrickStatus[]): BrickStatus[] {
  const byBrick = new Map(statuses.map((s) => [formatBrick(s), s]));
  return vol.bricks.map((b) => byBrick.get(formatBrick(b))
    ?? { ...b, port: null, pid: null, online: false, error: `no report from ${b.host}` });
}

/**
 * Reconciles with a peer that just connected, as glusterd's friend handshake does: adopt
 * deletions and newer volume versions it knows of, and peers that joined while we were away.
 */
export async function reconcileWithPeer(ctx: MgmtContext, peer: PeerRecord): Promise<void> {
  const client = ctx.links.client(peer.uuid);
  if (!client) return;
  const remote = await client.clusterState();
  await ctx.serial(() => mergeState(ctx, remote));
}

/** Merges a peer's view into ours (deleted ids, newer volume records, unknown peers). */
export async function mergeState(ctx: MgmtContext, remote: ClusterState): Promise<void> {
  const self = ctx.store.self;
  for (const id of remote.deleted) {
    const vol = ctx.store.volumes().find((v) => v.id === id);
    if (vol) await dropVolumeLocally(ctx, vol.name, id);
  }
  await ctx.store.markDeleted(remote.deleted);
  for (const vol of remote.volumes) {
    const mine = ctx.store.volume(vol.name);
    if (ctx.store.isDeleted(vol.id)) continue;
    if (mine && mine.id !== vol.id) {
      ctx.log.error('a peer knows a different volume of the same name; keeping ours',
        { volume: vol.name, ours: mine.id, theirs: vol.id, peer: remote.self.host });
      continue;
    }
    if (!mine || vol.version > mine.version) await applyVolumeLocally(ctx, vol, false);
  }
  let added = false;
  for (const p of [remote.self, ...remote.peers]) {
    if (p.uuid === self.uuid || p.host === self.host) continue;
    const known = peerByHost(ctx, p.host);
    if (!known || known.uuid !== p.uuid || known.port !== p.port) {
      await ctx.store.upsertPeer(p);
      added = true;
    }
  }
  if (added) ctx.links.sync(ctx.store.peers());
}
