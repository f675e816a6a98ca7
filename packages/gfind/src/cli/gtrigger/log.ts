import { Command } from 'commander';
import { mountVolume, type Volume } from 'glusterfs-core';
import { gatherTriggerLog } from '../../triggers/gather-log.js';
import type { AttemptLogEntry } from '../../triggers/log.js';
import { checkTriggerName } from '../../triggers/definition.js';
import { fail, reasonOf, volumeSpecOf, type GtriggerGlobals } from './session.js';

interface LogOpts {
  lines: string;
  json?: boolean;
}

/**
 * `gtrigger log NAME [-n N] [--json]`: every attempt of the trigger, gathered from the log of
 * every brick of the volume (a trigger fires on whichever brick of a replica set recorded the
 * event first), merged in time order. A brick that is down is named on stderr; exit 1 then.
 */
export function logCommand(): Command {
  return new Command('log')
    .description("attempts of a trigger: time, brick, event, path, exit status or HTTP status, duration, and the output's tail")
    .argument('<name>', 'trigger name')
    .option('-n, --lines <n>', 'the last N attempts', '50')
    .option('--json', 'one JSON object per attempt, a line each')
    .action(async (name: string, o: LogOpts, cmd: Command) => {
      try {
        checkTriggerName(name);
      } catch (e) {
        fail(`trigger log: ${reasonOf(e)}`);
      }
      const limit = Number(o.lines);
      if (!Number.isInteger(limit) || limit < 1) fail(`trigger log: -n needs a positive whole number (got ${JSON.stringify(o.lines)})`);
      const spec = volumeSpecOf(cmd);
      let vol: Volume;
      try {
        vol = await mountVolume(spec, { glusterdSocket: cmd.optsWithGlobals<GtriggerGlobals>().glusterdSock ?? process.env.GLUSTERD_SOCK });
      } catch (e) {
        fail(`trigger log: cannot mount ${spec.volume}: ${reasonOf(e)}`);
      }
      try {
        const logs = await gatherTriggerLog(vol, name, limit);
        const entries = logs.flatMap((l) => l.entries ?? []).sort((a, b) => a.time - b.time).slice(-limit);
        const text = o.json ? entries.map((e) => JSON.stringify(e) + '\n').join('') : entries.map(formatAttempt).join('');
        process.stdout.write(text);
        for (const l of logs) if (l.error) process.stderr.write(`gtrigger: no log from brick ${l.brick}: ${l.error}\n`);
        if (logs.some((l) => l.error)) process.exitCode = 1;
      } finally {
        await vol.unmount();
      }
    });
}

/**
 * One attempt as text: `TIME BRICK EVENT PATH: RESULT in DURATION (attempt N, DELAY after the
 * event[, what next])`, then the output's tail indented with `  | `.
 */
export function formatAttempt(e: AttemptLogEntry): string {
  const path = e.oldPath !== undefined ? `${quote(e.oldPath)} -> ${quote(e.path)}` : quote(e.path);
  const next = e.outcome === 'failed' && e.retryAt !== undefined ? `, retry at ${new Date(e.retryAt).toISOString()}`
    : e.outcome === 'gave-up' ? ', gave up' : '';
  const head = `${new Date(e.time).toISOString()} ${e.brick} ${e.event} ${path}: ${resultOf(e)} in ${e.durationMs} ms (attempt ${e.attempt}, ${e.time - e.eventTs} ms after the event${next})\n`;
  const out = e.output.replace(/\n$/, '');
  return head + (out ? out.split('\n').map((l) => `  | ${l}\n`).join('') : '');
}

function resultOf(e: AttemptLogEntry): string {
  const parts: string[] = [];
  if (e.httpStatus !== undefined) parts.push(e.httpStatus === null ? 'no HTTP answer' : `HTTP ${e.httpStatus}`);
  else if (e.exitCode !== undefined && e.exitCode !== null) parts.push(`exit ${e.exitCode}`);
  else if (e.signal) parts.push(`killed by ${e.signal}`);
  if (e.timedOut) parts.push('timed out');
  if (e.error) parts.push(e.error);
  return `${e.outcome === 'ok' ? 'ok' : 'FAILED'}, ${parts.join(', ') || 'no result'}`;
}

function quote(p: string): string {
  return /[\s"\\\x00-\x1f\x7f]/.test(p) ? JSON.stringify(p) : p;
}
