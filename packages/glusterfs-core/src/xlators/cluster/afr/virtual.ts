import { FsError } from '../../../errors/index.js';
import type { CallCtx, Loc, Xattrs } from '../../../fop/index.js';
import { HEAL_FULL_XDATA, SOURCE_BRICK_XDATA, type SplitBrainPolicy, VXATTR } from '../../../format/index.js';
import { HEAL_ALL, healInode } from './self-heal/heal.js';
import { healIndex, healInfo } from './self-heal/info.js';
import type { AfrState } from './state.js';

const POLICIES: readonly SplitBrainPolicy[] = ['bigger-file', 'latest-mtime', 'source-brick'];

/** True for the virtual xattr names replicate answers itself (see format/heal-keys.ts). */
export function isHealKey(name: string | null): name is string {
  return name !== null && name.startsWith('glusterfs.heal.');
}

/**
 * Answers a heal virtual xattr: the index, heal info, heal of one entry, or a split-brain
 * resolution. The reply holds exactly the key asked for, with JSON text. EINVAL for an unknown
 * heal key or policy, or a source brick that is not a child here.
 */
export async function healXattr(st: AfrState, ctx: CallCtx, loc: Loc, name: string): Promise<Xattrs> {
  const reply = (v: unknown): Xattrs => ({ [name]: Buffer.from(JSON.stringify(v)) });
  if (name === VXATTR.HEAL_INDEX) return reply(await healIndex(st, ctx));
  if (name === VXATTR.HEAL_INFO) return reply(await healInfo(st, ctx));
  const full = ctx.xdata?.[HEAL_FULL_XDATA] === true;
  if (name === VXATTR.HEAL_RUN) return reply(await healInode(st, ctx, { path: loc.path, gfid: loc.gfid }, { ...HEAL_ALL, full }));
  if (name.startsWith(VXATTR.HEAL_RUN + '.')) {
    return reply(await healInode(st, ctx, { gfid: name.slice(VXATTR.HEAL_RUN.length + 1) }, { ...HEAL_ALL, full }));
  }
  if (name.startsWith(VXATTR.HEAL_SPLIT_BRAIN_PREFIX)) {
    const rest = name.slice(VXATTR.HEAL_SPLIT_BRAIN_PREFIX.length);
    const policy = POLICIES.find((p) => rest === p || rest.startsWith(p + '.'));
    if (!policy) throw new FsError('EINVAL', `unknown split-brain policy in ${name}; use ${POLICIES.join(', ')}`, st.name);
    const gfid = rest.length > policy.length ? rest.slice(policy.length + 1) : undefined;
    const child = sourceChild(st, ctx, policy);
    const target = gfid ? { gfid } : { path: loc.path, gfid: loc.gfid };
    return reply(await healInode(st, ctx, target, { ...HEAL_ALL, resolve: { policy, child } }));
  }
  throw new FsError('EINVAL', `unknown heal key ${name}`, st.name);
}

function sourceChild(st: AfrState, ctx: CallCtx, policy: SplitBrainPolicy): number | undefined {
  if (policy !== 'source-brick') return undefined;
  const want = ctx.xdata?.[SOURCE_BRICK_XDATA];
  const i = st.children.findIndex((c) => c.name === want);
  if (i < 0) throw new FsError('EINVAL', `source brick ${String(want)} is not a brick of ${st.name}`, st.name);
  return i;
}
