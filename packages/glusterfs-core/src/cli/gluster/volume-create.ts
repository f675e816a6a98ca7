import { Command } from 'commander';
import { parseBrickSpec, validateCreate } from '../../mgmt/index.js';
import { fail, printJson, reasonOf, withGlusterd } from './session.js';

const USAGE = 'Usage:\nvolume create <NEW-VOLNAME> [replica <COUNT>] [transport <tcp>] <NEW-BRICK>... [force]';

/** Splits `[replica N] [transport tcp] BRICK... [force]` as GlusterFS's parser does. */
export function parseCreateWords(words: string[]): { replicaCount?: number; bricks: string[]; force: boolean } {
  let rest = [...words];
  let replicaCount: number | undefined;
  if (rest[0]?.toLowerCase() === 'replica') {
    const n = Number(rest[1]);
    if (!Number.isInteger(n) || n < 2) fail(`replica count should be greater than 1\n\n${USAGE}`);
    replicaCount = n;
    rest = rest.slice(2);
  }
  if (rest[0]?.toLowerCase() === 'transport') {
    if (rest[1]?.toLowerCase() !== 'tcp') fail(`only transport tcp is supported\n\n${USAGE}`);
    rest = rest.slice(2);
  }
  const force = rest.at(-1) === 'force';
  if (force) rest = rest.slice(0, -1);
  return { replicaCount, bricks: rest, force };
}

/**
 * The checks GlusterFS's CLI makes before it talks to glusterd (brick syntax, duplicates,
 * nesting within the request, the replica multiple), so they answer even with glusterd down.
 * glusterd repeats them against the whole pool.
 */
function precheck(req: { name: string; replicaCount?: number; bricks: string[]; force: boolean }): void {
  try {
    const hosts = new Set(req.bricks.map((b) => {
      try { return parseBrickSpec(b).host; } catch { return ''; }
    }));
    validateCreate(req, { volumes: [], poolHosts: hosts });
  } catch (e) {
    fail(`volume create: ${req.name}: failed: ${reasonOf(e)}`);
  }
}

/** `gluster volume create NAME [replica N] HOST:/path ... [force]`. */
export function volumeCreateCommand(): Command {
  return new Command('create')
    .description('create a volume from bricks (HOST:/abs/path); with replica N, each N consecutive bricks mirror each other')
    .argument('<name>', 'new volume name')
    .argument('<words...>', '[replica N] HOST:/path ... [force]')
    .option('--json', 'print the created volume as JSON')
    .action(async (name: string, words: string[], o: { json?: boolean }, cmd: Command) => {
      const req = { name, ...parseCreateWords(words) };
      if (req.bricks.length === 0) fail(`volume create: ${name}: failed: No bricks specified\n\n${USAGE}`);
      precheck(req);
      await withGlusterd(cmd, async (c) => {
        try {
          const vol = await c.volumeCreate(req);
          if (o.json) printJson(vol);
          else process.stdout.write(`volume create: ${name}: success: please start the volume to access data\n`);
        } catch (e) {
          fail(`volume create: ${name}: failed: ${reasonOf(e)}`);
        }
      });
    });
}
