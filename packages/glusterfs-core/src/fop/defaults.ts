import { FsError } from '../errors/index.js';
import { FOP_NAMES, type Fops, type Subvol } from './fops.js';

/**
 * Fills every fop missing from `own` with a pass-through to `first` (the first child), so a
 * translator contains code only for the fops it changes. A translator without children must
 * implement every fop; a missing one then raises ENOSYS.
 */
export function withDefaults(name: string, own: Partial<Fops>, first: Subvol | undefined): Subvol {
  const out: Record<string, unknown> = { name };
  for (const fop of FOP_NAMES) {
    const mine = own[fop] as ((...a: unknown[]) => unknown) | undefined;
    if (mine) out[fop] = mine.bind(own);
    else if (first) out[fop] = (first[fop] as (...a: unknown[]) => unknown).bind(first);
    else out[fop] = missingFop(name, fop);
  }
  return out as unknown as Subvol;
}

function missingFop(xlator: string, fop: string) {
  return async () => {
    throw new FsError('ENOSYS', `${xlator} does not implement ${fop}`, xlator);
  };
}
