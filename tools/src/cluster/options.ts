import { readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { DEFAULT_BRICK_PORT_BASE, DEFAULT_MGMT_PORT } from 'glusterfs-core';
import type { ClusterHome } from './home.js';

/** What `gcluster up`/`start` is asked for. */
export interface ClusterOptions {
  bricks: number;
  /** Bricks per replica set (1 = distribute only). */
  replica: number;
  volume: string;
  host: string;
  /** glusterd's port; bricks take ports above it. Undefined: the standard ports. */
  portBase?: number;
}

/** The ports a cluster uses: glusterd at the base, bricks from base+1 (or the standard 24007/49152). */
export interface ClusterPorts {
  mgmt: number;
  brickBase: number;
}

/** Ports for the options: `--port-base N` puts glusterd at N and bricks at N+1…; else 24007 and 49152…. */
export function portsFor(o: Pick<ClusterOptions, 'portBase'>): ClusterPorts {
  return o.portBase === undefined
    ? { mgmt: DEFAULT_MGMT_PORT, brickBase: DEFAULT_BRICK_PORT_BASE }
    : { mgmt: o.portBase, brickBase: o.portBase + 1 };
}

/** What a home remembers of the cluster last started from it. */
export interface ClusterState {
  host: string;
  mgmtPort: number;
  brickPortBase: number;
  volume: string;
}

/** Writes the home's state file. */
export async function saveState(h: ClusterHome, s: ClusterState): Promise<void> {
  await writeFile(h.state, JSON.stringify(s, null, 2) + '\n');
}

/** The home's state file, or undefined when nothing was ever started from it. */
export function loadState(h: ClusterHome): ClusterState | undefined {
  try {
    return JSON.parse(readFileSync(h.state, 'utf8')) as ClusterState;
  } catch {
    return undefined;
  }
}
