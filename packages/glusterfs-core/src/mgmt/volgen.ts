import type { Volfile, VolfileNode } from '../volume/index.js';
import { clientSubvolName } from './brick-spec.js';
import type { BrickRef, VolumeRecord } from './types.js';
import { xlatorOptionsOf } from './volume-options.js';

/** What a client volfile carries for the client it is handed to. */
export interface ClientAccess {
  /** The brick user and password it authenticates with; none for a volfile shown, not mounted. */
  login?: { username: string; password: string };
  /** The volume's service key, for trusted clients only. */
  serviceKey?: string;
  /** glusterd's port speaks TLS (secure-access). */
  mgmtSsl: boolean;
}

/**
 * Generates the client volfile of a volume: one `protocol/client` per brick
 * (`<vol>-client-<i>`, asking the brick host's glusterd for the brick's port, authenticating
 * with `access.login`), a `cluster/afr` per replica set (`<vol>-replicate-<k>`, with
 * `arbiter-count` 1 on an arbiter volume) when the volume is replicated, and a `cluster/dht` over
 * those as the top node, named after the volume. `mgmtPortOf` gives the glusterd port of a
 * brick's host. Client-side options set with `volume set` go onto the translators they belong
 * to; `access.serviceKey` goes on the volfile itself.
 */
export function clientVolfile(vol: VolumeRecord, mgmtPortOf: (host: string) => number, access: ClientAccess = { mgmtSsl: false }): Volfile {
  const clients: VolfileNode[] = vol.bricks.map((b, i) => ({
    name: clientSubvolName(vol.name, i),
    type: 'protocol/client',
    options: {
      'remote-host': b.host, 'remote-port': mgmtPortOf(b.host), 'remote-subvolume': b.path,
      ...xlatorOptionsOf(vol.options, 'client', 'protocol/client'),
      ...(access.login ?? {}),
      ...(access.mgmtSsl ? { 'mgmt-ssl': true } : {}),
    },
    children: [],
  }));
  const sets: VolfileNode[] = vol.replicaCount > 1
    ? replicaSets(vol, clients)
    : clients;
  const top: VolfileNode = {
    name: vol.name,
    type: 'cluster/dht',
    options: xlatorOptionsOf(vol.options, 'client', 'cluster/dht'),
    children: sets.map((s) => s.name),
  };
  const nodes = vol.replicaCount > 1 ? [...clients, ...sets, top] : [...clients, top];
  return { volume: vol.name, top: top.name, nodes, ...(access.serviceKey ? { serviceKey: access.serviceKey } : {}) };
}

function replicaSets(vol: VolumeRecord, clients: VolfileNode[]): VolfileNode[] {
  const sets: VolfileNode[] = [];
  const arbiter: VolfileNode['options'] = vol.arbiterCount === 1 ? { 'arbiter-count': 1 } : {};
  for (let s = 0; s * vol.replicaCount < clients.length; s++) {
    const members = clients.slice(s * vol.replicaCount, (s + 1) * vol.replicaCount);
    sets.push({
      name: `${vol.name}-replicate-${s}`,
      type: 'cluster/afr',
      options: { ...xlatorOptionsOf(vol.options, 'client', 'cluster/afr'), ...arbiter },
      children: members.map((c) => c.name),
    });
  }
  return sets;
}

/** The secrets and TLS directory of a brick's protocol/server node. */
export interface BrickServerAccess {
  trustedPassword: string;
  clientPassword: string;
  /** Where the brick's host keeps glusterfs.pem/.key/.ca (used when `server.ssl` is on). */
  sslDir: string;
}

/**
 * Generates the server-side volfile a brick process runs, bottom to top: `storage/posix` on the
 * brick directory (stamped with the volume id; `brick-host` is the brick's host as the clients'
 * `remote-host` names it, reported in pathinfo); `features/changelog` journaling into
 * `<brick>/.glusterfs/changelogs` (knowing its client subvolume name); `features/arbiter` when the brick is the last
 * of its replica set on an arbiter volume (`arbiterCount` 1); `features/locks`; on replicated
 * volumes, `features/index` keeping its index under `<brick>/.glusterfs/indices`; and on top
 * `protocol/server`, the brick's access policy (`access`'s passwords and TLS directory, and the
 * `auth.*`/`server.*` options). The brick is found in `vol.bricks` by host and path (one not
 * listed gets no arbiter). Brick-side options set with `volume set` go onto their translators.
 * The result holds passwords: write it readable by its owner only.
 */
export function brickVolfile(vol: VolumeRecord, brick: BrickRef, access: BrickServerAccess): Volfile {
  const nodes: VolfileNode[] = [{
    name: `${vol.name}-posix`,
    type: 'storage/posix',
    options: {
      ...xlatorOptionsOf(vol.options, 'brick', 'storage/posix'), directory: brick.path, 'volume-id': vol.id, 'brick-host': brick.host,
    },
    children: [],
  }];
  const stack = (suffix: string, type: string, options: VolfileNode['options'] = {}) => {
    const below = nodes[nodes.length - 1]!.name;
    nodes.push({
      name: `${vol.name}-${suffix}`, type, options: { ...xlatorOptionsOf(vol.options, 'brick', type), ...options }, children: [below],
    });
  };
  stack('changelog', 'features/changelog', {
    'changelog-dir': `${brick.path}/.glusterfs/changelogs`, subvolume: clientSubvolName(vol.name, vol.bricks.findIndex((b) => b.host === brick.host && b.path === brick.path)),
  });
  if (isArbiterBrick(vol, brick)) stack('arbiter', 'features/arbiter');
  stack('locks', 'features/locks');
  if (vol.replicaCount > 1) stack('index', 'features/index', { 'index-base': `${brick.path}/.glusterfs/indices` });
  stack('server', 'protocol/server', {
    'trusted-password': access.trustedPassword, 'client-password': access.clientPassword, 'ssl-dir': access.sslDir,
  });
  return { volume: vol.name, top: nodes[nodes.length - 1]!.name, nodes };
}

/** True for the last brick of each replica set of a `replica N arbiter 1` volume. */
function isArbiterBrick(vol: VolumeRecord, brick: BrickRef): boolean {
  if (vol.arbiterCount !== 1 || vol.replicaCount < 2) return false;
  const i = vol.bricks.findIndex((b) => b.host === brick.host && b.path === brick.path);
  return i >= 0 && i % vol.replicaCount === vol.replicaCount - 1;
}
