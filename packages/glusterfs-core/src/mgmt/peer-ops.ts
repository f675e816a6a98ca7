import { FsError } from '../errors/index.js';
import { MgmtClient } from './client.js';
import { clusterState, peerByHost, type MgmtContext } from './context.js';
import type { ProbeOutcome } from './protocol.js';
import { dropVolumeLocally, mergeState } from './sync.js';
import type { ClusterState, PeerRecord, PeerState } from './types.js';

/**
 * `peer probe HOST[:PORT]`: adds the glusterd at host:port to the pool. The probed glusterd must
 * be fresh (no volumes, no other pool); it adopts the pool secret (so from then on each proves
 * membership to the other), learns every member and volume, and every member learns about it.
 */
export async function probePeer(
  ctx: MgmtContext, host: string, port: number,
): Promise<{ outcome: ProbeOutcome; peer: PeerRecord }> {
  const self = ctx.store.self;
  if (host === self.host && port === self.port) return { outcome: 'localhost', peer: self };
  const known = peerByHost(ctx, host);
  if (known) return { outcome: 'already-peer', peer: known };
  let remote: MgmtClient;
  try {
    remote = await MgmtClient.connect(host, port, { connectTimeoutMs: 5000, tls: ctx.tls });
  } catch (e) {
    const why = ctx.tls ? ` over TLS (${FsError.from(e).message}); with secure-access on, every member needs a certificate from the pool's CA` : '';
    throw new FsError('ENOTCONN',
      `Probe returned with Transport endpoint is not connected. Check that glusterd runs on ${host}:${port} (start it with \`glusterd --workdir DIR --host ${host} --port ${port}\`)${why}.`);
  }
  try {
    const peer = await remote.peerJoin(clusterState(ctx), ctx.secrets.pool.toString('hex'));
    if (peer.uuid === self.uuid) {
      throw new FsError('EINVAL', `${host} has the same UUID as this glusterd; its working directory was copied from this one. Give it a fresh --workdir.`);
    }
    await ctx.store.upsertPeer(peer);
    ctx.links.sync(ctx.store.peers());
    await tellOthers(ctx, peer.uuid, (c) => c.peerAdd(peer));
    ctx.log.info('peer probed', { peer: `${peer.host}:${peer.port}`, uuid: peer.uuid });
    return { outcome: 'probed', peer };
  } finally {
    await remote.close();
  }
}

/**
 * The probed side of `peer probe`: joins the prober's pool, adopting its secret. EBUSY when this
 * glusterd already has volumes or belongs to another pool (GlusterFS refuses those too), so a
 * glusterd can be captured only while it has nothing to lose, and only once.
 */
export async function joinPool(ctx: MgmtContext, prober: ClusterState, poolSecret: string): Promise<PeerRecord> {
  const self = ctx.store.self;
  const members = new Set([prober.self.uuid, ...prober.peers.map((p) => p.uuid)]);
  const foreign = ctx.store.peers().filter((p) => !members.has(p.uuid));
  const ownVolumes = ctx.store.volumes().filter((v) => !prober.volumes.some((w) => w.id === v.id));
  if (foreign.length || ownVolumes.length) {
    throw new FsError('EBUSY',
      `${self.host} is either already part of another cluster or having volumes configured. Detach it from its pool or delete its volumes first.`);
  }
  if (!/^[0-9a-f]{64}$/.test(poolSecret)) throw new FsError('EINVAL', 'peerJoin: the pool secret must be 64 hex digits');
  await ctx.secrets.replace(Buffer.from(poolSecret, 'hex'));
  await ctx.store.upsertPeer(prober.self);
  await mergeState(ctx, prober);
  ctx.links.sync(ctx.store.peers());
  ctx.log.info('joined pool', { via: `${prober.self.host}:${prober.self.port}` });
  return self;
}

/** A member learns that `peer` joined. */
export async function addPeer(ctx: MgmtContext, peer: PeerRecord): Promise<void> {
  if (peer.uuid === ctx.store.self.uuid) return;
  await ctx.store.upsertPeer(peer);
  ctx.links.sync(ctx.store.peers());
}

/** A member learns that the peer with `uuid` left. */
export async function removePeer(ctx: MgmtContext, uuid: string): Promise<void> {
  await ctx.store.removePeer(uuid);
  ctx.links.sync(ctx.store.peers());
}

/**
 * The detached side of `peer detach`: forgets the pool and its volumes (none has bricks here)
 * and makes itself a fresh pool secret, so it no longer passes for a member.
 */
export async function leavePool(ctx: MgmtContext): Promise<void> {
  for (const v of ctx.store.volumes()) await dropVolumeLocally(ctx, v.name, v.id, false);
  for (const p of ctx.store.peers()) await ctx.store.removePeer(p.uuid);
  ctx.links.sync([]);
  await ctx.secrets.replace();
  ctx.log.info('detached from pool');
}

/**
 * `peer detach HOST`: removes a peer that hosts no bricks. ENOENT when it is not a member,
 * EINVAL for this glusterd itself, EBUSY while it hosts bricks.
 */
export async function detachPeer(ctx: MgmtContext, host: string): Promise<void> {
  if (host === ctx.store.self.host) throw new FsError('EINVAL', `${host} is localhost. Detach other peers from here, or run this on another member.`);
  const peer = peerByHost(ctx, host);
  if (!peer) throw new FsError('ENOENT', `${host} is not part of cluster. \`gluster peer status\` lists the members.`);
  const used = ctx.store.volumes().filter((v) => v.bricks.some((b) => b.host === host)).map((v) => v.name);
  if (used.length) {
    throw new FsError('EBUSY',
      `Peer ${host} hosts one or more bricks (volumes: ${used.join(', ')}). Stop and delete those volumes first, then detach the peer.`);
  }
  try {
    await ctx.links.client(peer.uuid)?.peerLeave();
  } catch (e) {
    ctx.log.warn('detached peer did not acknowledge', { peer: host, error: (e as Error).message });
  }
  await removePeer(ctx, peer.uuid);
  await tellOthers(ctx, peer.uuid, (c) => c.peerRemove(peer.uuid));
  ctx.log.info('peer detached', { peer: host });
}

/** `peer status`: every other member and whether its link is up. */
export function peerStatus(ctx: MgmtContext): PeerState[] {
  return ctx.store.peers().map((p) => ({ ...p, connected: ctx.links.connected(p.uuid) }));
}

async function tellOthers(ctx: MgmtContext, except: string, call: (c: MgmtClient) => Promise<unknown>): Promise<void> {
  await Promise.all(ctx.store.peers().filter((p) => p.uuid !== except).map(async (p) => {
    const c = ctx.links.client(p.uuid);
    try {
      if (c) await call(c);
    } catch (e) {
      ctx.log.warn('could not tell a peer about a pool change', { peer: p.host, error: (e as Error).message });
    }
  }));
}
