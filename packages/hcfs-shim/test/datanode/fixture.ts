import { mountVolfile } from 'glusterfs-core';
import type { Volume } from 'glusterfs-core';
import type { BlockRef } from '../../src/blocks/block-ref.js';
import { createDatanodeServer } from '../../src/datanode/server.js';
import { LEASE_XATTR } from '../../src/namespace/index.js';
import { TEST_TOKENS } from '../blocks/test-tokens.js';
import { TEST_HOLDER } from './dn-client.js';
import type { DatanodeLimits, DatanodeServer } from '../../src/datanode/server.js';

/** A datanode on 127.0.0.1 over an in-memory volume, and what the tests need around it. */
export interface Fixture {
  readonly volume: Volume;
  readonly server: DatanodeServer;
  readonly port: number;
  readonly logs: string[];
  /** Writes `data` at `path` (leased to the test holder, so write tokens apply) and returns the ref of block `index` of it. */
  file(path: string, data: Buffer, index?: number, blockSize?: number): Promise<BlockRef>;
  stop(): Promise<void>;
}

const MEMORY_VOLFILE = { volume: 'tv', top: 'tv-brick-0', nodes: [{ name: 'tv-brick-0', type: 'storage/memory' }] };

/**
 * Mounts storage/memory from volfile text (optionally under debug/error-gen with `faults` as
 * its options) and starts a datanode on it.
 */
export async function startFixture(opts: { maxPacketSize?: number; faults?: Record<string, unknown>; limits?: Partial<DatanodeLimits> } = {}): Promise<Fixture> {
  const { maxPacketSize, faults, limits } = opts;
  const volfile = faults
    ? { volume: 'tv', top: 'tv-faults', nodes: [{ name: 'tv-faults', type: 'debug/error-gen', options: faults, children: ['tv-brick-0'] }, ...MEMORY_VOLFILE.nodes] }
    : MEMORY_VOLFILE;
  const volume = await mountVolfile(JSON.stringify(volfile));
  const logs: string[] = [];
  const server = createDatanodeServer({ volume, tokens: TEST_TOKENS, log: (l) => logs.push(l), maxPacketSize, limits });
  const port = await server.listen(0, '127.0.0.1');
  return {
    volume, server, port, logs,
    async file(path, data, index = 0, blockSize = 1024 * 1024) {
      await volume.writeFile(path, data);
      await volume.setxattr(path, LEASE_XATTR, JSON.stringify({ holder: TEST_HOLDER, renewed: Date.now() }));
      return { path, gfid: (await volume.stat(path)).gfid, index, blockSize };
    },
    async stop() {
      await server.close();
      await volume.unmount();
    },
  };
}

/** Deterministic pseudo-random bytes (xorshift32), so failures reproduce. */
export function seededBytes(n: number, seed = 1): Buffer {
  const b = Buffer.alloc(n);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < n; i++) {
    x ^= x << 13; x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5; x >>>= 0;
    b[i] = x & 0xff;
  }
  return b;
}
