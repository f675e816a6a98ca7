import type { HealInfoMode } from '../../heal/index.js';

/** `volume heal`'s usage, GlusterFS's grammar minus what this build does not have. */
export const HEAL_USAGE = 'Usage:\nvolume heal <VOLNAME> [enable | disable | full | statistics [heal-count] | info [summary | split-brain] | '
  + 'split-brain {bigger-file <FILE> | latest-mtime <FILE> | source-brick <HOSTNAME:BRICKNAME> [<FILE>]}] [--wait [--timeout <SECONDS>]] [--json]';

/** What the words after `volume heal VOL` ask for. */
export type HealRequest =
  | { kind: 'trigger'; full: boolean }
  | { kind: 'enable'; on: boolean }
  | { kind: 'info'; mode: HealInfoMode }
  | { kind: 'statistics' }
  | { kind: 'heal-count' }
  | { kind: 'split-brain'; policy: 'bigger-file' | 'latest-mtime'; file: string }
  | { kind: 'split-brain'; policy: 'source-brick'; sourceBrick: string; file?: string };

/**
 * Parses the words after `volume heal VOL` as GlusterFS's CLI does. Returns the request, or a
 * message (ending with the usage) saying what is wrong.
 */
export function parseHealWords(words: readonly string[]): HealRequest | { error: string } {
  const [w0, w1, w2, w3, ...extra] = words;
  const bad = (why: string) => ({ error: `${why}\n\n${HEAL_USAGE}` });
  switch (w0) {
    case undefined:
      return { kind: 'trigger', full: false };
    case 'full':
    case 'enable':
    case 'disable':
      if (w1 !== undefined) return bad(`unexpected '${w1}' after '${w0}'`);
      return w0 === 'full' ? { kind: 'trigger', full: true } : { kind: 'enable', on: w0 === 'enable' };
    case 'info':
      if (w2 !== undefined) return bad(`unexpected '${w2}' after 'info ${w1}'`);
      if (w1 === undefined) return { kind: 'info', mode: 'info' };
      if (w1 === 'summary' || w1 === 'split-brain') return { kind: 'info', mode: w1 };
      return bad(`'info' takes 'summary' or 'split-brain', not '${w1}'`);
    case 'statistics':
      if (w1 === undefined) return { kind: 'statistics' };
      if (w1 === 'heal-count' && w2 === undefined) return { kind: 'heal-count' };
      return bad(`'statistics' takes only 'heal-count'`);
    case 'split-brain':
      return parseSplitBrain(w1, w2, w3, extra, bad);
    default:
      return bad(`unknown heal command '${w0}'`);
  }
}

function parseSplitBrain(
  policy: string | undefined, a: string | undefined, b: string | undefined, extra: string[],
  bad: (why: string) => { error: string },
): HealRequest | { error: string } {
  if (extra.length) return bad(`unexpected '${extra[0]}'`);
  if (policy === 'bigger-file' || policy === 'latest-mtime') {
    if (a === undefined) return bad(`'split-brain ${policy}' needs the file to resolve, as a path in the volume (e.g. /dir/file)`);
    if (b !== undefined) return bad(`unexpected '${b}' after the file`);
    return { kind: 'split-brain', policy, file: a };
  }
  if (policy === 'source-brick') {
    if (a === undefined || !/^[^:/]+:\//.test(a)) {
      return bad(`'split-brain source-brick' needs the brick whose copies win, as HOSTNAME:BRICKNAME (e.g. 127.0.0.1:/bricks/b1)`);
    }
    return { kind: 'split-brain', policy, sourceBrick: a, ...(b !== undefined ? { file: b } : {}) };
  }
  return bad(`'split-brain' takes bigger-file, latest-mtime or source-brick${policy ? `, not '${policy}'` : ''}`);
}
