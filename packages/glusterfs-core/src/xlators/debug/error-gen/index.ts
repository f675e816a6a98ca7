import { FsError, isErrno } from '../../../errors/index.js';
import { FOP_NAMES, type FopName, type Fops, type Xlator, type XlatorDef } from '../../../fop/index.js';
import { defineOptions } from '../../../volume/options.js';
import { seededRandom } from '../../../random/index.js';

const options = defineOptions({
  failure: { type: 'int', default: 0, min: 0, max: 100, doc: 'Percent of enabled calls that fail (seeded random).' },
  'error-no': { type: 'string', default: 'EIO', doc: 'Errno name the injected failures carry (e.g. ENOTCONN).' },
  enable: { type: 'list', default: [], doc: 'Fops to fail; empty means every fop.' },
  every: { type: 'int', default: 0, min: 0, doc: 'Fail every Nth enabled call (0 = off); counts across enabled fops.' },
  seed: { type: 'int', default: 1, doc: 'Seed of the random generator behind `failure`.' },
});

/**
 * `debug/error-gen`: fault injection. Enabled fops fail before reaching the child, by a seeded
 * random percentage and/or on every Nth call, with the configured errno; everything else passes
 * through untouched. EINVAL at build time for an unknown errno or fop name.
 */
export const xlator: XlatorDef<typeof options> = {
  type: 'debug/error-gen',
  options,
  doc: 'Injects errno failures into chosen fops, by seeded percentage or every Nth call.',
  create({ name, children, options: o }): Xlator {
    const child = children[0];
    if (!child) throw new FsError('EINVAL', `${name}: debug/error-gen needs one child`);
    const code = o.errorNo;
    if (!isErrno(code)) throw new FsError('EINVAL', `${name}: unknown errno "${code}"`);
    const unknown = o.enable.filter((f) => !(FOP_NAMES as string[]).includes(f));
    if (unknown.length) throw new FsError('EINVAL', `${name}: unknown fops ${unknown.join(', ')}`);
    const enabled = (o.enable.length ? o.enable : FOP_NAMES) as FopName[];
    const random = seededRandom(o.seed);
    let calls = 0;
    const shouldFail = () => {
      calls++;
      if (o.every > 0 && calls % o.every === 0) return true;
      return o.failure > 0 && random() * 100 < o.failure;
    };
    const fops: Partial<Fops> = {};
    for (const fop of enabled) {
      const wind = (child[fop] as (...a: unknown[]) => Promise<unknown>).bind(child);
      (fops as Record<string, unknown>)[fop] = async (...args: unknown[]) => {
        if (shouldFail()) throw new FsError(code, `injected by error-gen on ${fop}`, name);
        return wind(...args);
      };
    }
    return { fops };
  },
};
