import { createHmac } from 'node:crypto';
import { BlockTokenSecretManager, type BlockTokenTimes } from '../../src/blocks/index.js';

/** Stands in for `Volume.deriveKey` of a volume whose service key is a fixed test string. */
export function testDerive(purpose: string): Buffer {
  return createHmac('sha256', 'hcfs-shim test service key').update(purpose).digest();
}

/** A secret manager over {@link testDerive} (HDFS's default times unless given). */
export function testTokens(times?: BlockTokenTimes, now?: () => number): BlockTokenSecretManager {
  return new BlockTokenSecretManager(testDerive, times, now);
}

/** The manager unit fixtures share, so a namespace's tokens verify at a datanode. */
export const TEST_TOKENS = testTokens();
