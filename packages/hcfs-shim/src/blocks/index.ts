// Blocks without a block store: byte ranges of a volume file, named in signed block tokens.
export { blockIdOf, blockStart, isNormalizedPath, POOL_ID, type BlockRef } from './block-ref.js';
export {
  ACCESS_MODES, BLOCK_TOKEN_KIND, decodeBlockTokenIdentifier, describeIdentifier, encodeBlockTokenIdentifier,
  type AccessMode, type BlockTokenIdentifier,
} from './block-token-identifier.js';
export {
  BlockTokenSecretManager, DEFAULT_BLOCK_TOKEN_TIMES, type BlockGrant, type BlockToken, type BlockTokenTimes, type OpBlock,
} from './block-token-secret-manager.js';
export { OpenBlocks } from './open-blocks.js';
export { WritableReader, WritableWriter } from './writable.js';
