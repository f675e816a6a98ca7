import { mountVolfile, type Volume } from 'glusterfs-core';
import { createNamespace, type HdfsNamespace } from '../../src/namespace/index.js';
import type { OsAccounts } from '../../src/namespace/os-accounts.js';
import { createWebHdfsServer, type WebHdfsServer } from '../../src/webhdfs/index.js';
import { TEST_TOKENS } from '../blocks/test-tokens.js';

/** Host accounts the tests run as: hdfs is the superuser; alice and bob are plain users. */
function accounts(): OsAccounts {
  const users: [string, number, string][] = [['hdfs', 901, 'hadoop'], ['alice', 1001, 'staff'], ['bob', 1002, 'guests']];
  const groups: [string, number][] = [['hadoop', 900], ['staff', 1000], ['guests', 1100]];
  return {
    uidByName: new Map(users.map(([n, id]) => [n, id])),
    nameByUid: new Map(users.map(([n, id]) => [id, n])),
    gidByName: new Map(groups),
    nameByGid: new Map(groups.map(([n, id]) => [id, n])),
    groupsByUser: new Map(users.map(([n, , g]) => [n, [g]])),
  };
}

/** A namenode and a datanode WebHDFS server on loopback over one in-memory volume. */
export interface WebHdfsCluster {
  volume: Volume;
  /** `http://127.0.0.1:<port>` of the namenode side. */
  nn: string;
  /** `http://127.0.0.1:<port>` of the datanode side. */
  dn: string;
  rpcAddress: string;
  close(): Promise<void>;
}

/**
 * Starts the two servers as two shim processes would: each with its own namespace over the same
 * volume (storage/memory, a real translator). The datanode starts first so the namenode's
 * namespace knows its HTTP port.
 */
export async function startCluster(): Promise<WebHdfsCluster> {
  const volume = await mountVolfile(JSON.stringify({ volume: 'tv', top: 'tv-brick-0', nodes: [{ name: 'tv-brick-0', type: 'storage/memory' }] }));
  const rpcAddress = '127.0.0.1:8020';
  const namespaces: HdfsNamespace[] = [];
  const servers: WebHdfsServer[] = [];
  const start = async (role: 'namenode' | 'datanode', httpPort: number) => {
    const namespace = createNamespace(volume, {
      datanodes: { xferPort: 9866, httpPort, localHost: '127.0.0.1' }, superuser: 'hdfs', accounts: accounts(), blockTokens: TEST_TOKENS,
      // Small blocks, as HDFS test clusters lower dfs.namenode.fs-limits.min-block-size for them.
      limits: { minBlockSize: 512 },
    });
    const server = createWebHdfsServer({
      namespace, volume, role, defaultUser: 'alice', groupsOf: (n) => namespace.groupsOf(n), namenodeRpcAddress: rpcAddress,
      listLimit: 1000,
    });
    namespaces.push(namespace);
    servers.push(server);
    return server.listen(0, '127.0.0.1');
  };
  const dnPort = await start('datanode', 0);
  const nnPort = await start('namenode', dnPort);
  return {
    volume,
    nn: `http://127.0.0.1:${nnPort}`,
    dn: `http://127.0.0.1:${dnPort}`,
    rpcAddress,
    async close() {
      await Promise.all(servers.map((s) => s.close()));
      for (const ns of namespaces) ns.close();
      await volume.graph.close();
    },
  };
}
