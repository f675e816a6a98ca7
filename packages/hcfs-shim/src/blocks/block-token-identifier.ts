import { gfidFromBuffer, gfidToBuffer } from 'glusterfs-core';
import { isNormalizedPath, type BlockRef } from './block-ref.js';
import { WritableReader, WritableWriter } from './writable.js';

/** `TokenProto.kind` of block tokens, as HDFS names them (BlockTokenIdentifier.KIND_NAME). */
export const BLOCK_TOKEN_KIND = 'HDFS_BLOCK_TOKEN';

/** BlockTokenIdentifier.AccessMode, in Hadoop's declaration order. */
export const ACCESS_MODES = ['READ', 'WRITE', 'COPY', 'REPLACE'] as const;

/** What a block token lets its holder do with the block. */
export type AccessMode = (typeof ACCESS_MODES)[number];

/** Version byte of this gateway's part of the identifier (the `handshakeMsg` bytes). */
const REF_FORMAT = 1;

/**
 * Hadoop's BlockTokenIdentifier, plus what this gateway's datanodes need to find the bytes: the
 * file's path, GFID, block index and block size, and for WRITE tokens the lease holder it was
 * issued to. Those ride in the identifier's trailing `handshakeMsg` field (which Hadoop's
 * readFields reads and otherwise ignores), so the HMAC over the identifier covers them.
 */
export interface BlockTokenIdentifier {
  /** Milliseconds since the epoch after which the token is refused. */
  expiryDate: number;
  /** Which block key signed it (see BlockTokenSecretManager). */
  keyId: number;
  /** The HDFS user the token was issued to. */
  userId: string;
  blockPoolId: string;
  blockId: bigint;
  modes: readonly AccessMode[];
  /** The file range the block is. */
  ref: BlockRef;
  /** The clientName holding the file's lease, for WRITE tokens; '' otherwise. */
  holder: string;
}

/**
 * The identifier's bytes in the legacy Writable layout HDFS's namenode writes
 * (BlockTokenIdentifier.writeLegacy): expiryDate vlong, keyId vint, userId and blockPoolId
 * as `WritableUtils.writeString`, blockId vlong, the modes (vint count, each an enum name),
 * no storage types, no storage ids, then the handshake bytes (vint length + bytes).
 */
export function encodeBlockTokenIdentifier(id: BlockTokenIdentifier): Buffer {
  const w = new WritableWriter()
    .vlong(id.expiryDate).vint(id.keyId).string(id.userId).string(id.blockPoolId).vlong(id.blockId)
    .vint(id.modes.length);
  for (const m of id.modes) w.text(m);
  const ref = new WritableWriter()
    .bytes(Buffer.of(REF_FORMAT)).text(id.ref.path).bytes(gfidToBuffer(id.ref.gfid))
    .vlong(id.ref.index).vlong(id.ref.blockSize).text(id.holder)
    .finish();
  return w.vint(0).vint(0).vint(ref.length).bytes(ref).finish();
}

/**
 * Parses identifier bytes as {@link encodeBlockTokenIdentifier} writes them. Throws (a
 * WireError, or an Error saying what is wrong) for anything else: a protobuf identifier, an
 * unknown access mode, a missing or malformed file part, trailing bytes.
 */
export function decodeBlockTokenIdentifier(bytes: Uint8Array): BlockTokenIdentifier {
  // Hadoop tells the two identifier layouts apart by the first byte: legacy vlongs of a
  // millisecond date start with a negative length byte; protobuf starts with a positive tag.
  if (bytes.length === 0 || (bytes[0]! > 0 && bytes[0]! < 0x80)) throw new Error('not a legacy block token identifier');
  const r = new WritableReader(bytes);
  const expiryDate = Number(r.vlong());
  const keyId = r.vint();
  const userId = r.string();
  const blockPoolId = r.string();
  const blockId = r.vlong();
  const modes: AccessMode[] = [];
  for (let n = r.vint(0, ACCESS_MODES.length); n > 0; n--) {
    const m = r.text();
    if (!(ACCESS_MODES as readonly string[]).includes(m)) throw new Error(`unknown access mode ${JSON.stringify(m)}`);
    modes.push(m as AccessMode);
  }
  if (r.vint(0, 0) !== 0 || r.vint(0, 0) !== 0) throw new Error('storage types or ids in a block token');
  const refLen = r.remaining > 0 ? r.vint(1, r.remaining) : 0;
  if (refLen === 0) throw new Error('block token names no file');
  const { ref, holder } = decodeRef(r.bytes(refLen), blockId);
  if (r.remaining !== 0) throw new Error(`${r.remaining} bytes after the block token identifier`);
  return { expiryDate, keyId, userId, blockPoolId, blockId, modes, ref, holder };
}

function decodeRef(bytes: Buffer, blockId: bigint): { ref: BlockRef; holder: string } {
  const r = new WritableReader(bytes);
  if (r.bytes(1)[0] !== REF_FORMAT) throw new Error('unknown block token file format');
  const path = r.text();
  const gfid = gfidFromBuffer(r.bytes(16));
  const index = Number(r.vlong());
  const blockSize = Number(r.vlong());
  const holder = r.text();
  if (r.remaining !== 0) throw new Error('bytes after the block token\'s file part');
  if (!isNormalizedPath(path) || !Number.isSafeInteger(index) || index < 0 || !Number.isSafeInteger(blockSize) || blockSize <= 0) {
    throw new Error('block token names no valid file range');
  }
  return { ref: { path, gfid, index, blockSize }, holder };
}

/**
 * `BlockTokenIdentifier.toString()` as HDFS prints it in its InvalidToken messages. The file
 * part is left out: like HDFS, the message names the block, never a GFID.
 */
export function describeIdentifier(id: BlockTokenIdentifier): string {
  return `block_token_identifier (expiryDate=${id.expiryDate}, keyId=${id.keyId}, userId=${id.userId}, blockPoolId=${id.blockPoolId}, `
    + `blockId=${id.blockId}, access modes=[${id.modes.join(', ')}], storageTypes= [], storageIds= [])`;
}
