import { chmodSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { readPidFile } from 'glusterfs-core';

/** Where a one-machine cluster keeps everything under its home directory. */
export interface ClusterHome {
  root: string;
  /** glusterd's working directory (its store). */
  workdir: string;
  /** glusterd's local socket: gcluster changes the pool through it (as root's gluster does). */
  socket: string;
  /** glusterd's TLS identity (glusterfs.pem/.key/.ca), used by its bricks and by the home's shim too. */
  ssl: string;
  /** Every log: glusterd.log, glusterd.out, hcfs-shim.log, hcfs-shim.out, bricks/*.log. */
  logs: string;
  /** Brick directories b1 … bN. */
  bricks: string;
  /** The pid of the glusterd gcluster started. */
  glusterdPid: string;
  /** What `up`/`start` used last (ports, host, volume), so `down` and `status` need only --home. */
  state: string;
  /** The pid of the HDFS shim gcluster started. */
  shimPid: string;
  /** The HDFS shim's endpoints as its READY line gave them, so a later `up` can report them. */
  shimEndpoints: string;
}

/** The layout of a cluster home (an absolute path). Creates nothing. */
export function clusterHome(dir: string): ClusterHome {
  const root = resolve(dir);
  return {
    root,
    workdir: join(root, 'glusterd'),
    socket: join(root, 'glusterd', 'run', 'glusterd.socket'),
    ssl: join(root, 'glusterd', 'ssl'),
    logs: join(root, 'logs'),
    bricks: join(root, 'bricks'),
    glusterdPid: join(root, 'glusterd', 'glusterd.pid'),
    state: join(root, 'gcluster.json'),
    shimPid: join(root, 'hcfs-shim.pid'),
    shimEndpoints: join(root, 'hcfs-shim.json'),
  };
}

/**
 * Creates the home's directories. The bricks' parent is for root only (0700): brick files keep
 * the owners and modes clients gave them, so other local users must not reach them.
 */
export function makeHome(h: ClusterHome): void {
  for (const d of [h.root, h.workdir, h.logs]) mkdirSync(d, { recursive: true });
  mkdirSync(h.bricks, { recursive: true, mode: 0o700 });
  chmodSync(h.bricks, 0o700);
}

/** The pid recorded for the home's glusterd, if any. */
export function recordedGlusterdPid(h: ClusterHome): Promise<number | undefined> {
  return readPidFile(h.glusterdPid);
}
