import type { XlatorDef } from '../fop/index.js';
import { xlator as clusterAfr } from '../xlators/cluster/afr/index.js';
import { xlator as clusterDht } from '../xlators/cluster/dht/index.js';
import { xlator as debugErrorGen } from '../xlators/debug/error-gen/index.js';
import { xlator as featuresChangelog } from '../xlators/features/changelog/index.js';
import { xlator as featuresArbiter } from '../xlators/features/arbiter/index.js';
import { xlator as featuresIndex } from '../xlators/features/index/index.js';
import { xlator as featuresLocks } from '../xlators/features/locks/index.js';
import { xlator as protocolClient } from '../xlators/protocol/client/index.js';
import { xlator as protocolServer } from '../xlators/protocol/server/index.js';
import { xlator as storageMemory } from '../xlators/storage/memory/index.js';
import { xlator as storagePosix } from '../xlators/storage/posix/index.js';

/**
 * Every translator type a volfile may name, keyed by its folder path under `xlators/`.
 * Compatibility aliases (GlusterFS's names) are listed here and nowhere else.
 */
const XLATORS: readonly XlatorDef[] = [
  clusterAfr,
  clusterDht,
  debugErrorGen,
  featuresArbiter,
  featuresChangelog,
  featuresIndex,
  featuresLocks,
  protocolClient,
  protocolServer,
  storageMemory,
  storagePosix,
];

const ALIASES: Record<string, string> = {
  'cluster/distribute': 'cluster/dht',
  'cluster/replicate': 'cluster/afr',
};

const BY_TYPE = new Map(XLATORS.map((d) => [d.type, d]));

/** The translator definition for a volfile `type` (aliases resolved), or undefined. */
export function resolveXlator(type: string): XlatorDef | undefined {
  return BY_TYPE.get(ALIASES[type] ?? type);
}

/** Every registered translator definition. */
export function allXlators(): readonly XlatorDef[] {
  return XLATORS;
}
