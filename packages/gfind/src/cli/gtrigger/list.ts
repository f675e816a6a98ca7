import { Command } from 'commander';
import type { TriggerRecord } from 'glusterfs-core';
import { parseDefinition, type TriggerDefinition } from '../../triggers/definition.js';
import { fail, reasonOf, withGlusterd } from './session.js';

/** `gtrigger list [--json]`: the volume's triggers, one a line (anyone may list them). */
export function listCommand(): Command {
  return new Command('list')
    .description("list the volume's triggers")
    .option('--json', 'one JSON object per trigger, a line each')
    .action(async (o: { json?: boolean }, cmd: Command) => {
      await withGlusterd(cmd, async (c, volume) => {
        let triggers: TriggerRecord[];
        try {
          triggers = await c.triggerList(volume);
        } catch (e) {
          fail(`trigger list: failed: ${reasonOf(e)}`);
        }
        if (o.json) {
          for (const t of triggers) process.stdout.write(JSON.stringify({ name: t.name, created: t.created, ...t.definition }) + '\n');
          return;
        }
        if (!triggers.length) {
          process.stdout.write(`No triggers on volume ${volume}.\n`);
          return;
        }
        const rows = [['NAME', 'ON', 'MATCH', 'RUN-AS', 'TIMEOUT', 'ATTEMPTS', 'ACTION']];
        for (const t of triggers) rows.push(rowOf(t));
        process.stdout.write(table(rows));
      });
    });
}

function rowOf(t: TriggerRecord): string[] {
  let d: TriggerDefinition;
  try {
    d = parseDefinition(t.definition);
  } catch (e) {
    return [t.name, '?', '?', '?', '?', '?', `(not understood: ${reasonOf(e)})`];
  }
  const action = d.exec !== undefined ? `exec ${d.exec}` : `webhook ${d.webhook}`;
  return [t.name, d.on, d.match ?? '*', d.webhook !== undefined ? '-' : d.runAs, `${d.timeoutSec}s`, String(d.attempts), action];
}

/** Left-aligned columns, two spaces apart; the last column is not padded. */
export function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows.map((r) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]!))).join('  ')).join('\n') + '\n';
}
