import type { XlatorDef } from '../../../fop/index.js';
import { CHANGELOG_OPTIONS } from './options.js';
import { createChangelog } from './translator.js';

/** `features/changelog`: the brick's change journal, under features/locks. */
export const xlator: XlatorDef<typeof CHANGELOG_OPTIONS> = {
  type: 'features/changelog',
  doc: 'Records every change the brick makes (entry, data, metadata, close after write) by GFID in rotated journal files for brick-local consumers.',
  options: CHANGELOG_OPTIONS,
  create: createChangelog,
};
