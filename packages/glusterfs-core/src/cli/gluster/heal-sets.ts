import { openReplicaSets, type ReplicaSetHandle } from '../../heal/index.js';
import { silentLogger } from '../../log/index.js';
import type { MgmtClient, VolumeRecord } from '../../mgmt/index.js';
import { parseVolfile } from '../../volume/index.js';

/**
 * Why heal commands do not apply to `vol` (no replicas, not started), with what to do, or null
 * when they do. The same checks glusterd makes, so info commands answer alike.
 */
export function healRefusal(vol: VolumeRecord): string | null {
  if (vol.replicaCount <= 1) {
    return `Volume ${vol.name} is not of type replicate. Heal applies only to replicated volumes (created with 'replica N'); \`gluster volume info ${vol.name}\` shows its type.`;
  }
  if (vol.status !== 'Started') return `Volume ${vol.name} is not started. Start it with \`gluster volume start ${vol.name}\`.`;
  return null;
}

/**
 * Mounts every replica set of `volume` in this process, from the client volfile glusterd
 * serves (getspec), as GlusterFS's glfsheal does; runs `fn` on them and disconnects.
 */
export async function withReplicaSets<T>(c: MgmtClient, volume: string, fn: (sets: ReplicaSetHandle[]) => Promise<T>): Promise<T> {
  const vf = parseVolfile(await c.getSpec(volume));
  const sets = await openReplicaSets(vf, silentLogger());
  try {
    return await fn(sets);
  } finally {
    await Promise.all(sets.map((s) => s.close()));
  }
}
