import { FsError } from 'glusterfs-core';
import type { FileHandle, Volume } from 'glusterfs-core';
import { blockStart, parseBlockToken } from '../blocks/index.js';
import type { BlockRef } from '../blocks/index.js';
import type { BaseHeader } from './op-messages.js';

/** An op's block, open on the volume. */
export interface OpenBlock {
  readonly ref: BlockRef;
  readonly fh: FileHandle;
  /** File offset of the block's first byte. */
  readonly start: number;
  /** Bytes of the block that exist now: min(blockSize, file size − start), at least 0. */
  readonly length: number;
}

/**
 * Finds and opens the file range an op names. The BlockRef comes from the token the client
 * echoes (the ExtendedBlockProto alone cannot name a file). The file must still be the one the
 * namenode handed out: a different GFID at that path means it was replaced. EACCES (no token or
 * not one of ours), ENOENT, EISDIR, ESTALE (replaced), and the volume's open/stat errnos.
 */
export async function openBlock(volume: Volume, header: BaseHeader, flags: 'r' | 'r+'): Promise<OpenBlock> {
  const ref = refOf(header);
  const fh = await volume.open(ref.path, flags);
  try {
    const st = await fh.stat();
    if (st.gfid !== ref.gfid) throw new FsError('ESTALE', `${ref.path} was replaced (gfid ${st.gfid}, block is of ${ref.gfid})`);
    const start = blockStart(ref);
    return { ref, fh, start, length: Math.max(0, Math.min(ref.blockSize, st.size - start)) };
  } catch (e) {
    await fh.close().catch(() => {});
    throw e;
  }
}

function refOf(header: BaseHeader): BlockRef {
  if (!header.token) throw new FsError('EACCES', 'op carries no block token');
  try {
    return parseBlockToken(header.token.identifier);
  } catch (e) {
    throw new FsError('EACCES', e instanceof Error ? e.message : String(e));
  }
}
