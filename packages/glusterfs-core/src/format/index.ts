export { XATTR, isInternalXattr } from './xattr-keys.js';
export { newGfid, gfidToBuffer, gfidFromBuffer, handlePath } from './gfid.js';
