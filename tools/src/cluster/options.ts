import { readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { DEFAULT_BRICK_PORT_BASE, DEFAULT_MGMT_PORT } from 'glusterfs-core';
import { DEFAULT_PORTS } from 'hcfs-shim';
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
  /** Whether to run the HDFS shim (`--no-hdfs` turns it off). */
  hdfs: boolean;
  /** Block size of new HDFS files, as the shim's `--block-size` takes it (`1m`, `134217728`). */
  blockSize?: string;
  /**
   * TLS everywhere, with the CA, certificate and key in this directory: management
   * (secure-access), the volume's I/O (server.ssl, client.ssl) and HTTPS for WebHDFS.
   */
  sslDir?: string;
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

/** The ports of the HDFS shim: namenode RPC, WebHDFS, datanode transfer, datanode HTTP and datanode IPC. */
export interface HdfsPorts {
  namenode: number;
  webhdfs: number;
  datanode: number;
  datanodeHttp: number;
  /** Absent in homes from before it was served: the shim's default then. */
  datanodeIpc?: number;
}

/**
 * HDFS shim ports for the options: Hadoop's standard ones (8020, 9870, 9866, 9864), or with
 * `--port-base N` N+16 … N+19, above the bricks' and self-heal daemon's N+1 … N+15 (so the
 * tests' 20-port ranges hold a whole cluster of up to 15 daemons).
 */
export function hdfsPortsFor(o: Pick<ClusterOptions, 'portBase'>): HdfsPorts {
  const b = o.portBase;
  return b === undefined
    ? { ...DEFAULT_PORTS }
    // The datanode's IPC port is any free one: one server, so the namenode beside it advertises it.
    : { namenode: b + 16, webhdfs: b + 17, datanode: b + 18, datanodeHttp: b + 19, datanodeIpc: 0 };
}

/** What a home remembers of the cluster last started from it. */
export interface ClusterState {
  host: string;
  mgmtPort: number;
  brickPortBase: number;
  volume: string;
  /** The HDFS shim's ports when `up`/`start` ran it; absent when HDFS is off (`--no-hdfs`). */
  hdfs?: HdfsPorts;
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
