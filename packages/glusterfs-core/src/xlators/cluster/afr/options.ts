import { defineOptions } from '../../../volume/options.js';

/** The options of cluster/afr (GlusterFS's `cluster.*` replicate keys without the prefix). */
export const AFR_OPTIONS = defineOptions({
  'quorum-type': {
    type: 'enum', values: ['none', 'auto', 'fixed'], default: 'auto',
    doc: 'Client quorum for writes: auto = more than half of the bricks up (exactly half counts when the first brick is among them); fixed = at least quorum-count; none = any brick.',
  },
  'quorum-count': { type: 'int', default: 1, min: 1, doc: 'Bricks that must be up for writes when quorum-type is fixed.' },
  'arbiter-count': { type: 'int', default: 0, min: 0, max: 1, doc: '1 makes the last child an arbiter: it holds names and metadata, never file data, and votes.' },
  'data-self-heal': { type: 'bool', default: true, doc: 'Heal a file\'s data from the client when a lookup finds it pending.' },
  'metadata-self-heal': { type: 'bool', default: true, doc: 'Heal mode, owner and xattrs from the client when a lookup finds them pending.' },
  'entry-self-heal': { type: 'bool', default: true, doc: 'Heal a directory\'s names from the client when a lookup finds them pending.' },
  'background-self-heal-count': { type: 'int', default: 8, min: 0, doc: 'Client-side heals running at once; lookups that find more needing heal leave them to the self-heal daemon.' },
  'data-self-heal-algorithm': {
    type: 'enum', values: ['diff', 'full'], default: 'diff',
    doc: 'diff copies only the blocks whose checksums differ (granular); full copies the whole file.',
  },
  'self-heal-block-size': { type: 'int', default: 131072, min: 4096, doc: 'Bytes per checksummed block of a diff data heal.' },
  'eager-lock': { type: 'bool', default: true, doc: 'Keep a file\'s write lock and pending marks across the writes of one fd instead of per write.' },
  'post-op-delay-ms': { type: 'int', default: 1000, min: 0, doc: 'How long an eager lock with no writes waits for more before its post-op clears the marks and unlocks.' },
});
