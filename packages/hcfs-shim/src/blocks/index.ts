// Blocks without a block store: byte ranges of a volume file, named in tokens.
export { blockIdOf, blockStart, blockToken, parseBlockToken, BLOCK_TOKEN_KIND, POOL_ID, type BlockRef } from './block-ref.js';
