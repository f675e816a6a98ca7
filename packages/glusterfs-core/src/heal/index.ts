export { replicaSetVolfiles, type ReplicaSetSpec, type ReplicaChild } from './replica-sets.js';
export { openReplicaSets, type ReplicaSetHandle, type OpenSetsOptions } from './open-sets.js';
export { healInfo, type BrickHealInfo, type HealInfoOptions } from './info.js';
export { formatHealInfo, type HealInfoMode } from './format-info.js';
export {
  resolveSplitBrain, formatSplitBrainOutcome, type SplitBrainTarget, type SplitBrainOutcome, type SplitBrainFailure,
} from './split-brain.js';
export { getVxattrJson, rootLoc, type VxattrCall } from './vxattr.js';
