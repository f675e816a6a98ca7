import type { HealInfoEntry } from '../format/index.js';
import type { BrickHealInfo } from './info.js';

/** Which `gluster volume heal VOL info …` listing to print. */
export type HealInfoMode = 'info' | 'split-brain' | 'summary';

const NOT_CONNECTED = 'Status: Transport endpoint is not connected';

/**
 * Renders bricks' heal state exactly as GlusterFS's `gluster volume heal VOL info`
 * (`info`), `info split-brain` (`split-brain`) or `info summary` (`summary`) prints it: per
 * brick a `Brick HOST:PATH` line, the entries (path, or `<gfid:UUID>` when unknown), the
 * connection status and the counts (`-` for a brick that is down), then a blank line.
 */
export function formatHealInfo(bricks: BrickHealInfo[], mode: HealInfoMode): string {
  return bricks.map((b) => formatBrick(b, mode)).join('');
}

function formatBrick(b: BrickHealInfo, mode: HealInfoMode): string {
  const lines = [`Brick ${b.brick}`];
  if (mode === 'summary') {
    lines.push(...summaryLines(b));
  } else {
    const entries = mode === 'split-brain' ? b.entries.filter((e) => e.splitBrain) : b.entries;
    if (b.up) lines.push(...entries.map((e) => entryLine(e, mode === 'info')));
    lines.push(b.up ? 'Status: Connected' : NOT_CONNECTED);
    const label = mode === 'split-brain' ? 'Number of entries in split-brain' : 'Number of entries';
    lines.push(`${label}: ${b.up ? entries.length : '-'}`);
  }
  return lines.join('\n') + '\n\n';
}

function summaryLines(b: BrickHealInfo): string[] {
  const count = (n: number) => (b.up ? String(n) : '-');
  const splitBrain = b.entries.filter((e) => e.splitBrain).length;
  return [
    b.up ? 'Status: Connected' : NOT_CONNECTED,
    `Total Number of entries: ${count(b.entries.length)}`,
    `Number of entries in heal pending: ${count(b.entries.length - splitBrain)}`,
    `Number of entries in split-brain: ${count(splitBrain)}`,
    `Number of entries possibly healing: ${count(0)}`,
  ];
}

function entryLine(e: HealInfoEntry, markSplitBrain: boolean): string {
  const name = e.path ?? `<gfid:${e.gfid}>`;
  return markSplitBrain && e.splitBrain ? `${name} - Is in split-brain` : name;
}
