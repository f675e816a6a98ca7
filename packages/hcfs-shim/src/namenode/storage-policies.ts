import type { MessageInit } from '../ipc/index.js';
import type { BlockStoragePolicyProto } from './admin-messages.js';

/** StorageTypeProto numbers. */
const T = { DISK: 1, SSD: 2, ARCHIVE: 3, RAM_DISK: 4, PROVIDED: 5, NVDIMM: 6 } as const;

type Policy = MessageInit<typeof BlockStoragePolicyProto>;

function policy(policyId: number, name: string, creation: number[], creationFallback: number[], replicationFallback: number[]): Policy {
  return {
    policyId, name, creationPolicy: { storageTypes: creation },
    creationFallbackPolicy: { storageTypes: creationFallback }, replicationFallbackPolicy: { storageTypes: replicationFallback },
  };
}

/**
 * HDFS's default storage policy suite (BlockStoragePolicySuite.createDefaultSuite), in id
 * order as getStoragePolicies lists it: clients list and name policies from it whatever the
 * cluster's storage.
 */
export const STORAGE_POLICIES: readonly Policy[] = [
  policy(1, 'PROVIDED', [T.PROVIDED, T.DISK], [T.PROVIDED, T.DISK], [T.PROVIDED, T.DISK]),
  policy(2, 'COLD', [T.ARCHIVE], [], []),
  policy(5, 'WARM', [T.DISK, T.ARCHIVE], [T.DISK, T.ARCHIVE], [T.DISK, T.ARCHIVE]),
  policy(7, 'HOT', [T.DISK], [], [T.ARCHIVE]),
  policy(10, 'ONE_SSD', [T.SSD, T.DISK], [T.SSD, T.DISK], [T.SSD, T.DISK]),
  policy(12, 'ALL_SSD', [T.SSD], [T.DISK], [T.DISK]),
  policy(14, 'ALL_NVDIMM', [T.NVDIMM], [T.DISK], [T.DISK]),
  policy(15, 'LAZY_PERSIST', [T.RAM_DISK, T.DISK], [T.DISK], [T.DISK]),
];

/** The policy with this name (the namespace names the one blocks here follow). */
export function storagePolicyNamed(name: string): Policy {
  const p = STORAGE_POLICIES.find((x) => x.name === name);
  if (!p) throw new Error(`no storage policy ${name}`);
  return p;
}
