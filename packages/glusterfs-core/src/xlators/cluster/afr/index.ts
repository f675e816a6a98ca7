import { FsError } from '../../../errors/index.js';
import type { Fops, Xlator, XlatorDef } from '../../../fop/index.js';
import { entryOps } from './entry-ops.js';
import { fdOps } from './fd-ops.js';
import { inodeOps } from './inode-ops.js';
import { inodeReadOps } from './inode-read.js';
import { lockOps } from './lock-ops.js';
import { notifier } from './notify.js';
import { tagPrimary } from './primary.js';
import { AFR_OPTIONS } from './options.js';
import { startBackgroundHealer } from './self-heal/background.js';
import { AfrState } from './state.js';

/** `cluster/afr` (alias `cluster/replicate`): keeps its children identical; see README.md. */
export const xlator: XlatorDef<typeof AFR_OPTIONS> = {
  type: 'cluster/afr',
  options: AFR_OPTIONS,
  doc: 'Replicates every change synchronously to all children, with pending marks, self-heal, quorum and arbiter.',
  create({ name, children, options, log, emit }): Xlator {
    if (children.length < 2) throw new FsError('EINVAL', `${name}: cluster/afr needs at least two children`);
    if (options.arbiterCount === 1 && children.length !== 3) {
      throw new FsError('EINVAL', `${name}: an arbiter needs exactly three children (replica 3 arbiter 1)`);
    }
    const st = new AfrState(name, children, log, options);
    startBackgroundHealer(st);
    const fops: Partial<Fops> = tagPrimary(st, {
      ...inodeReadOps(st), ...inodeOps(st), ...entryOps(st), ...fdOps(st), ...lockOps(st),
    });
    return {
      fops,
      notify: notifier(st, emit),
      get up() {
        return st.upIndexes().length > 0;
      },
    };
  },
};
