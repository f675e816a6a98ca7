import { Command, Option } from 'commander';
import { parseDefinition, TRIGGER_EVENTS } from '../../triggers/definition.js';
import { fail, reasonOf, withGlusterd } from './session.js';

interface AddOpts {
  on: string;
  match?: string;
  exec?: string;
  webhook?: string;
  runAs?: string;
  timeout?: string;
  attempts?: string;
  retryMax?: string;
  json?: boolean;
}

/**
 * `gtrigger add NAME --on EVENT [--match GLOB] (--exec CMD | --webhook URL) [--run-as USER]
 * [--timeout SEC] [--attempts N] [--retry-max SEC]`: checks the definition here, then stores it in glusterd
 * (root on a server of the pool only: the command runs with the servers' privileges).
 */
export function addCommand(): Command {
  return new Command('add')
    .description('define a trigger (root on a server of the pool: its command runs there with root\'s privileges)')
    .argument('<name>', 'trigger name (letters, digits, . _ -)')
    .addOption(new Option('--on <event>', 'what fires it').choices(Object.keys(TRIGGER_EVENTS)).makeOptionMandatory())
    .option('--match <glob>', "volume paths it fires for: '*.csv' matches the name, '/in/**/*.csv' the whole path (default: all)")
    .option('--exec <command>', 'shell command to run (sh -c) on the server, with GLUSTER_PATH, GLUSTER_BRICK_PATH, GLUSTER_EVENT, … set')
    .option('--webhook <url>', 'URL to POST the event to as JSON (a 2xx answer is success)')
    .option('--run-as <user>', 'account the command runs as', 'root')
    .option('--timeout <sec>', 'kill the command (abort the call) after this many seconds', '60')
    .option('--attempts <n>', 'tries per event before giving up (retries back off 1 s, 2 s, 4 s, …)', '5')
    .option('--retry-max <sec>', 'longest wait between two attempts', '300')
    .option('--json', 'print the stored trigger as JSON')
    .action(async (name: string, o: AddOpts, cmd: Command) => {
      let definition;
      try {
        definition = parseDefinition({
          on: o.on, match: o.match, exec: o.exec, webhook: o.webhook, runAs: o.runAs,
          timeoutSec: numberOf(o.timeout, '--timeout'), attempts: numberOf(o.attempts, '--attempts'),
          retryMaxSec: numberOf(o.retryMax, '--retry-max'),
        });
      } catch (e) {
        fail(`trigger add: ${reasonOf(e)}`);
      }
      await withGlusterd(cmd, async (c, volume) => {
        try {
          const t = await c.triggerAdd(volume, name, { ...definition });
          process.stdout.write(o.json ? JSON.stringify(t, null, 2) + '\n' : `trigger add: success (${name} on volume ${volume})\n`);
        } catch (e) {
          fail(`trigger add: failed: ${reasonOf(e)}`);
        }
      });
    });
}

function numberOf(text: string | undefined, flag: string): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (text.trim() === '' || !Number.isFinite(n)) fail(`trigger add: ${flag} needs a number (got ${JSON.stringify(text)})`);
  return n;
}
