import { run, type RunResult } from './cluster.js';

/** The uid and gid of `nobody` on Debian, what root squashing maps to by default. */
export const NOBODY = 65534;

let readable: Promise<boolean> | undefined;

/**
 * Runs one of the project's CLIs (`bin`, with this Node) as the unprivileged user `nobody`,
 * through `runuser`: a hostile local user. The checkout must be readable by other users (it is
 * where Node loads the program from); if it is not, this fails saying so rather than letting a
 * test mistake "cannot read the program" for a refusal.
 */
export async function runAsNobody(bin: string, args: string[], env: Record<string, string> = {}): Promise<RunResult> {
  readable ??= run('runuser', ['-u', 'nobody', '--', 'test', '-r', bin], { node: false }).then((r) => r.code === 0);
  if (!(await readable)) throw new Error(`nobody cannot read ${bin}: run the tests from a checkout other users can read`);
  return run('runuser', ['-u', 'nobody', '--', process.execPath, bin, ...args], { node: false, env });
}
