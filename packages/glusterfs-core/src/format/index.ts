export { XATTR, isInternalXattr } from './xattr-keys.js';
export { PRIMARY_BRICK_XDATA, SELF_HEAL_PID } from './journal-keys.js';
export { newGfid, gfidToBuffer, gfidFromBuffer, handlePath } from './gfid.js';
export {
  VXATTR, HEAL_FULL_XDATA, SOURCE_BRICK_XDATA, type SplitBrainPolicy, type SplitBrainKind, type HealResult,
  type HealChildIndex, type HealIndexReply, type HealInfoEntry, type HealInfoReply,
} from './heal-keys.js';
export {
  PATHINFO_XATTR, type PathinfoKind, posixPathinfo, clusterPathinfo, pathinfoReply, pathinfoOf,
} from './pathinfo.js';
