import { FsError } from '../../../errors/index.js';
import type { Fops, Xlator, XlatorDef } from '../../../fop/index.js';
import { defineOptions } from '../../../volume/options.js';
import { dirOps } from './dir-ops.js';
import { dirReadOps } from './dir-read.js';
import { entryOps } from './entry-ops.js';
import { fdOps } from './fd-ops.js';
import { inodeOps } from './inode-ops.js';
import { lockOps } from './lock-ops.js';
import { notifier } from './notify.js';
import { renameOps } from './rename.js';
import { DhtState } from './state.js';
import { xattrOps } from './xattr-ops.js';

const options = defineOptions({
  'lookup-optimize': { type: 'bool', default: true, doc: 'Trust a committed layout: a name missing on its hashed child is missing (no lookup on every child).' },
  'rsync-hash-regex': { type: 'string', default: '^\\.(.+)\\.[^.]+$', doc: 'Regex (JS syntax) whose group 1 is hashed instead of the name, so rsync temp files land where their final name does; "none" disables.' },
  'extra-hash-regex': { type: 'string', doc: 'A second such regex, tried first.' },
  'cache-entries': { type: 'int', default: 65536, min: 1, doc: 'Paths whose layout or file location this client remembers.' },
});

/** `cluster/dht` (alias `cluster/distribute`): spreads files over its children by name hash; see README.md. */
export const xlator: XlatorDef<typeof options> = {
  type: 'cluster/dht',
  options,
  doc: 'Distributes files over its children by an elastic hash of the name, with per-directory layouts.',
  create({ name, children, options: o, log, emit }): Xlator {
    if (children.length === 0) throw new FsError('EINVAL', `${name}: cluster/dht needs at least one child`);
    for (const re of [o.rsyncHashRegex, o.extraHashRegex]) {
      if (re && re !== 'none') checkRegex(name, re);
    }
    const st = new DhtState(name, children, log, { ...o });
    const fops: Fops = {
      ...inodeOps(st), ...xattrOps(st), ...entryOps(st), ...dirOps(st), ...renameOps(st), ...fdOps(st), ...dirReadOps(st), ...lockOps(st),
    };
    return {
      fops,
      notify: notifier(st, emit),
      get up() {
        return st.upIndexes().length > 0;
      },
    };
  },
};

function checkRegex(name: string, re: string): void {
  try {
    new RegExp(re);
  } catch (e) {
    throw new FsError('EINVAL', `${name}: bad regex ${JSON.stringify(re)}: ${(e as Error).message}`);
  }
}
