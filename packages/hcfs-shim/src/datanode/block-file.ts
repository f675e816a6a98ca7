import { FsError } from 'glusterfs-core';
import type { FileHandle } from 'glusterfs-core';
import { blockStart, describeIdentifier } from '../blocks/index.js';
import type { AccessMode, BlockRef, BlockTokenIdentifier } from '../blocks/index.js';
import { isReserved, readLeaseMark } from '../namespace/index.js';
import type { OpContext } from './op-context.js';
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
 * Checks the op's block token and only then opens the file range it names: READ opens the file
 * read-only, WRITE read-write. The token must be one a shim of this volume signed, unexpired,
 * for this block, granting `mode` (see BlockTokenSecretManager.checkAccess: EACCES, which the
 * datanode answers with ERROR_ACCESS_TOKEN). The file must still be the one the namenode handed
 * out: a different GFID at that path means it was replaced (ESTALE). A WRITE token also needs
 * its lease holder to still hold the file's lease (a completed file takes no more writes:
 * EACCES). ENOENT, EISDIR and the volume's open/stat errnos otherwise.
 */
export async function openBlock(ctx: OpContext, header: BaseHeader, mode: AccessMode): Promise<OpenBlock> {
  const id = ctx.tokens.checkAccess(header.token, header.block, mode);
  const { ref } = id;
  // Tokens are only issued after the namenode's own checks; the shim's state stays out of reach regardless.
  if (isReserved(ref.path)) throw new FsError('EACCES', `Block token with ${describeIdentifier(id)} names a reserved path`);
  const fh = await ctx.volume.open(ref.path, mode === 'WRITE' ? 'r+' : 'r');
  try {
    const st = await fh.stat();
    if (st.gfid !== ref.gfid) throw new FsError('ESTALE', `${ref.path} was replaced after its block token was issued`);
    if (mode === 'WRITE') {
      await checkLease(ctx, id);
      ctx.openBlocks?.remember(ref);
    }
    const start = blockStart(ref);
    return { ref, fh, start, length: Math.max(0, Math.min(ref.blockSize, st.size - start)) };
  } catch (e) {
    await fh.close().catch(() => {});
    throw e;
  }
}

async function checkLease(ctx: OpContext, id: BlockTokenIdentifier): Promise<void> {
  const mark = await readLeaseMark(ctx.volume, id.ref.path);
  if (!id.holder || mark?.holder !== id.holder) {
    throw new FsError('EACCES', `Block token with ${describeIdentifier(id)} is for a write by ${id.holder || 'nobody'}, which does not hold the lease on ${id.ref.path}`);
  }
}
