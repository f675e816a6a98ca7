import type { XlatorDef } from '../../../fop/index.js';
import { options } from './options.js';

/**
 * `protocol/server`: the top of a brick graph, as in GlusterFS. It changes no fop; its options
 * are the brick server's access policy (who may connect, with which credentials, over TLS or
 * not, root squashed or not), which the brick process applies to every connection before and
 * while winding calls into the graph below. See README.md.
 */
export const xlator: XlatorDef<typeof options> = {
  type: 'protocol/server',
  options,
  doc: 'Top of a brick graph: the brick\'s access policy (auth.login users, address lists, TLS, root squashing).',
  create() {
    return { fops: {} };
  },
};
