import type { VolumeStatusReport } from 'glusterfs-core';
import type { ClusterState } from './options.js';

/** What `gcluster up --json` prints: where to reach the cluster. */
export interface Endpoints {
  volume: string;
  /** glusterd's `host:port`. */
  mgmt: string;
  bricks: { host: string; port: number | null; path: string }[];
  /** The self-heal daemon of each server (replicated volumes only). */
  selfHeal: { host: string; pid: number | null }[];
  /** The volume spec clients mount (`host:port/volume`). */
  volumeSpec: string;
  home: string;
  /** The HDFS shim, unless the cluster runs without it (`--no-hdfs`). */
  hdfs?: HdfsEndpoints;
}

/** Where the HDFS shim listens (`host:port` each), as its READY line reports it, and its pid. */
export interface HdfsEndpoints {
  /** Namenode RPC: `hdfs://` URIs and `$HADOOP_NAMENODE` point here. */
  namenode: string;
  /** WebHDFS (namenode HTTP); the REST API is under `/webhdfs/v1`. */
  webhdfs: string;
  /** Datanode block transfer. */
  datanode: string;
  /** Datanode HTTP, where WebHDFS redirects reads and writes. */
  datanodeHttp: string;
  /** Both HTTP ports speak HTTPS only (the cluster runs with TLS). */
  https?: boolean;
  pid: number;
}

/** Endpoints of a started volume. */
export function endpointsOf(home: string, s: ClusterState, r: VolumeStatusReport): Endpoints {
  const mgmt = `${s.host}:${s.mgmtPort}`;
  return {
    volume: r.name, mgmt, bricks: r.bricks.map((b) => ({ host: b.host, port: b.port, path: b.path })),
    selfHeal: r.selfHeal.map((d) => ({ host: d.host, pid: d.pid })),
    volumeSpec: `${mgmt}/${r.name}`, home,
  };
}

/** The friendly block `gcluster start` prints. */
export function formatEndpoints(e: Endpoints, glusterdPid: number | undefined): string {
  const bricks = e.bricks.map((b, i) => `    brick ${i + 1}  ${b.host}:${b.port ?? '-'}  ${b.path}`);
  const env = e.volumeSpec === '127.0.0.1:24007/gv0' ? '' : `GLUSTER_VOLUME=${e.volumeSpec} `;
  const h = e.hdfs;
  return [
    '',
    `  volume ${e.volume} is up`,
    `    mgmt      ${e.mgmt}${glusterdPid ? `  (glusterd pid ${glusterdPid})` : ''}`,
    `    volume    ${e.volumeSpec}`,
    ...bricks,
    ...e.selfHeal.map((d) => `    self-heal ${d.host}  (glustershd pid ${d.pid ?? '-'})`),
    ...(h ? [
      `    namenode  hdfs://${h.namenode}  (hcfs-shim pid ${h.pid})`,
      `    webhdfs   ${h.https ? 'https' : 'http'}://${h.webhdfs}/webhdfs/v1`,
      `    datanode  ${h.datanode}  (${h.https ? 'https' : 'http'} ${h.datanodeHttp})`,
    ] : []),
    `    home      ${e.home}`,
    '',
    `  try: ${env}npx gfs ls /`,
    `       npx gluster${e.mgmt === '127.0.0.1:24007' ? '' : ` --remote-host=${e.mgmt}`} volume status ${e.volume}`,
    `       ${env}npx gfind / -type f -size +1k`,
    `       ${env}npx glocate README`,
    // Debian's hdfs-cli has no default namenode port: it needs host:port in this variable.
    ...(h ? [`       HADOOP_NAMENODE=${h.namenode} hdfs ls /`] : []),
    '',
    '  Ctrl-C stops every process started here; the data stays for the next start.',
    '',
  ].join('\n');
}
