import type { Logger, Volume } from 'glusterfs-core';
import { BlockTokenSecretManager, DEFAULT_BLOCK_TOKEN_TIMES, OpenBlocks, type BlockTokenTimes } from './blocks/index.js';
import { createDatanodeServer, datanodeIpcHandler, type DatanodeLimits } from './datanode/index.js';
import { createIpcServer, type IpcLimits } from './ipc/index.js';
import { NamenodePaths, namenodeHandler } from './namenode/index.js';
import { createNamespace, type FsLimits, type HdfsNamespace, type LeaseLimits } from './namespace/index.js';
import { createWebHdfsServer, type HttpLimits, type HttpsIdentity } from './webhdfs/index.js';

/** Conventional HDFS ports: namenode RPC, namenode HTTP (WebHDFS), datanode transfer, datanode HTTP, datanode IPC. */
export const DEFAULT_PORTS = { namenode: 8020, webhdfs: 9870, datanode: 9866, datanodeHttp: 9864, datanodeIpc: 9867 } as const;

/** What the datanode's getDatanodeInfo reports as its software. */
const SOFTWARE_VERSION = 'hcfs-shim 0.1.0';

/** How one shim process is set up. */
export interface ShimOptions {
  /** The mounted volume it serves. */
  volume: Volume;
  /** This server's address: listened on, and what clients dial for its datanode. */
  host: string;
  /** Run the namenode (IPC + WebHDFS) here; every server runs a datanode. */
  namenode: boolean;
  /**
   * Ports (0 = any free one; datanode ports must be the same on every server, so 0 only when
   * this is the only one). `datanodeIpc` defaults to HDFS's 9867.
   */
  ports: { namenode: number; webhdfs: number; datanode: number; datanodeHttp: number; datanodeIpc?: number };
  blockSize?: number;
  superuser?: string;
  supergroup?: string;
  leases?: LeaseLimits;
  /** Block token lifetime and key update interval (default HDFS's 10 h and 10 h; the same on every shim of the volume). */
  blockTokens?: BlockTokenTimes;
  /** User of WebHDFS requests without `user.name`. */
  webUser?: string;
  /** Serve WebHDFS and the datanode HTTP port as HTTPS only (`swebhdfs://`), with this certificate and key. */
  tls?: HttpsIdentity;
  /** HDFS's fs-limits and each endpoint's connection limits; every one defaults to HDFS's value or the documented one. */
  limits?: { fs?: Partial<FsLimits>; ipc?: Partial<IpcLimits>; datanode?: Partial<DatanodeLimits>; http?: Partial<HttpLimits> };
  log: Logger;
}

/** A running shim and where it listens. */
export interface Shim {
  namespace: HdfsNamespace;
  endpoints: { namenode?: string; webhdfs?: string; datanode: string; datanodeHttp: string; datanodeIpc: string };
  close(): Promise<void>;
}

/**
 * Starts the HDFS endpoints of one server over a mounted volume: the datanode (transfer and
 * HTTP) always, the namenode (IPC and WebHDFS) when asked. Datanodes start first so the
 * namespace knows the ports it hands out in block locations.
 */
export async function startShim(o: ShimOptions): Promise<Shim> {
  const closers: (() => Promise<void>)[] = [];
  const close = async () => {
    for (const c of closers.reverse()) await c().catch(() => {});
  };
  try {
    const tokens = new BlockTokenSecretManager((p) => o.volume.deriveKey(p), o.blockTokens ?? DEFAULT_BLOCK_TOKEN_TIMES);
    // Fails here, before anything listens, when the mount has no service key to sign with.
    tokens.currentKeyId();
    const openBlocks = new OpenBlocks();
    const dn = createDatanodeServer({ volume: o.volume, tokens, openBlocks, limits: o.limits?.datanode, log: (l) => o.log.warn(l) });
    const dnPort = await dn.listen(o.ports.datanode, o.host);
    closers.push(() => dn.close());
    const dnIpc = createIpcServer({
      handle: datanodeIpcHandler({ volume: o.volume, openBlocks, version: SOFTWARE_VERSION }), limits: o.limits?.ipc, log: (l) => o.log.warn(l),
    });
    const dnIpcPort = await dnIpc.listen(o.ports.datanodeIpc ?? DEFAULT_PORTS.datanodeIpc, o.host);
    closers.push(() => dnIpc.close());
    const ns = createNamespace(o.volume, {
      datanodes: { xferPort: dnPort, httpPort: 0, ipcPort: dnIpcPort, localHost: o.host },
      superuser: o.superuser, supergroup: o.supergroup, blockSize: o.blockSize, leases: o.leases,
      blockTokens: tokens, limits: o.limits?.fs, log: (l) => o.log.info(l), openBlocks,
    });
    closers.push(async () => ns.close());
    const web = (role: 'namenode' | 'datanode', nnAddress: string) => createWebHdfsServer({
      namespace: ns, volume: o.volume, role, defaultUser: o.webUser ?? 'dr.who', groupsOf: (n) => ns.groupsOf(n),
      namenodeRpcAddress: nnAddress, log: o.log.child(`webhdfs-${role}`), tls: o.tls, limits: o.limits?.http,
    });
    const nnAddress = `${o.host}:${o.ports.namenode}`;
    const dnHttp = web('datanode', nnAddress);
    const dnHttpPort = await dnHttp.listen(o.ports.datanodeHttp, o.host);
    closers.push(() => dnHttp.close());
    ns.setDatanodeHttpPort(dnHttpPort);
    const endpoints: Shim['endpoints'] = {
      datanode: `${o.host}:${dnPort}`, datanodeHttp: `${o.host}:${dnHttpPort}`, datanodeIpc: `${o.host}:${dnIpcPort}`,
    };
    if (o.namenode) {
      // Paths naming this namenode by URI are its own; its port is known once it listens.
      let authorities: string[] = [];
      const paths = new NamenodePaths(() => authorities);
      const ipc = createIpcServer({ handle: namenodeHandler(ns, paths), limits: o.limits?.ipc, log: (l) => o.log.warn(l) });
      const nnPort = await ipc.listen(o.ports.namenode, o.host);
      authorities = NamenodePaths.authoritiesOf(o.host, nnPort);
      closers.push(() => ipc.close());
      const webNn = web('namenode', `${o.host}:${nnPort}`);
      const webPort = await webNn.listen(o.ports.webhdfs, o.host);
      closers.push(() => webNn.close());
      endpoints.namenode = `${o.host}:${nnPort}`;
      endpoints.webhdfs = `${o.host}:${webPort}`;
    }
    return { namespace: ns, endpoints, close };
  } catch (e) {
    await close();
    throw e;
  }
}
