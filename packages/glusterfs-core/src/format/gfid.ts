import { randomUUID } from 'node:crypto';
import { FsError } from '../errors/index.js';
import type { Gfid } from '../fop/index.js';

/** A fresh random GFID. */
export function newGfid(): Gfid {
  return randomUUID();
}

/** The 16 raw bytes of a GFID, as stored in `trusted.gfid`. */
export function gfidToBuffer(gfid: Gfid): Buffer {
  const hex = gfid.replace(/-/g, '');
  if (!/^[0-9a-f]{32}$/i.test(hex)) throw new FsError('EINVAL', `not a GFID: ${gfid}`);
  return Buffer.from(hex, 'hex');
}

/** A GFID from its 16 raw bytes. */
export function gfidFromBuffer(buf: Uint8Array): Gfid {
  if (buf.length !== 16) throw new FsError('EINVAL', `a GFID has 16 bytes, not ${buf.length}`);
  const h = Buffer.from(buf).toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** The brick-relative handle path of a GFID: `.glusterfs/xx/yy/<gfid>`. */
export function handlePath(gfid: Gfid): string {
  return `.glusterfs/${gfid.slice(0, 2)}/${gfid.slice(2, 4)}/${gfid}`;
}
