import { Command } from 'commander';
import { ARBITER_USAGE, parseBrickSpec, validateCreate } from '../../mgmt/index.js';
import { fail, printJson, reasonOf, withGlusterd } from './session.js';

const USAGE = 'Usage:\nvolume create <NEW-VOLNAME> [replica <COUNT> [arbiter <COUNT>]] [transport <tcp>] <NEW-BRICK>... [force]';

/** What the words after the volume name of `volume create` ask for. */
export interface CreateWords {
  replicaCount?: number;
  /** 1 for `replica 3 arbiter 1`. */
  arbiterCount?: number;
  bricks: string[];
  force: boolean;
}

/**
 * Splits `[replica N [arbiter 1]] [transport tcp] BRICK... [force]` as GlusterFS's parser does.
 * A bad replica or arbiter count prints GlusterFS's message and the usage, and exits 1.
 */
export function parseCreateWords(words: string[]): CreateWords {
  let rest = [...words];
  let replicaCount: number | undefined;
  let arbiterCount: number | undefined;
  if (rest[0]?.toLowerCase() === 'replica') {
    const n = Number(rest[1]);
    if (!Number.isInteger(n) || n < 2) fail(`replica count should be greater than 1\n\n${USAGE}`);
    replicaCount = n;
    rest = rest.slice(2);
  }
  if (rest[0]?.toLowerCase() === 'arbiter') {
    const n = Number(rest[1]);
    if (n !== 1 || replicaCount !== 3) fail(`${ARBITER_USAGE}. Write 'replica 3 arbiter 1' followed by bricks in multiples of 3.\n\n${USAGE}`);
    arbiterCount = n;
    rest = rest.slice(2);
  }
  if (rest[0]?.toLowerCase() === 'transport') {
    if (rest[1]?.toLowerCase() !== 'tcp') fail(`only transport tcp is supported\n\n${USAGE}`);
    rest = rest.slice(2);
  }
  const force = rest.at(-1) === 'force';
  if (force) rest = rest.slice(0, -1);
  return { replicaCount, ...(arbiterCount ? { arbiterCount } : {}), bricks: rest, force };
}

/**
 * The checks GlusterFS's CLI makes before it talks to glusterd (brick syntax, duplicates,
 * nesting within the request, the replica multiple), so they answer even with glusterd down.
 * glusterd repeats them against the whole pool.
 */
function precheck(req: CreateWords & { name: string }): void {
  try {
    const hosts = new Set(req.bricks.map((b) => {
      try { return parseBrickSpec(b).host; } catch { return ''; }
    }));
    validateCreate(req, { volumes: [], poolHosts: hosts });
  } catch (e) {
    fail(`volume create: ${req.name}: failed: ${reasonOf(e)}`);
  }
}

/** `gluster volume create NAME [replica N [arbiter 1]] HOST:/path ... [force]`. */
export function volumeCreateCommand(): Command {
  return new Command('create')
    .description('create a volume from bricks (HOST:/abs/path); with replica N, each N consecutive bricks mirror each other; with replica 3 arbiter 1, every third brick holds only names and metadata')
    .argument('<name>', 'new volume name')
    .argument('<words...>', '[replica N [arbiter 1]] HOST:/path ... [force]')
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
