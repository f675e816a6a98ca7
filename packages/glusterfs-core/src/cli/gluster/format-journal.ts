import { formatBrick, type BrickStatus } from '../../mgmt/index.js';

/**
 * The "Change journal" block of `volume status`: per brick, whether its journal is on, its
 * files and size, and each consumer's backlog (glocate's index, triggers, change-feed
 * sessions): "up to date" or how many records it has still to read.
 */
export function formatJournals(volume: string, bricks: readonly BrickStatus[]): string[] {
  const withJournal = bricks.filter((b) => b.journal);
  if (withJournal.length === 0) return [];
  const lines = [`Change journal of volume ${volume}`, '-'.repeat(78)];
  for (const b of withJournal) {
    const j = b.journal!;
    const state = j.error ? `unreadable (${j.error})` : `${j.enabled ? 'on' : 'off'}, ${j.files} file${j.files === 1 ? '' : 's'}, ${size(j.bytes)}`;
    lines.push(`Brick ${formatBrick(b)}: ${state}`);
    for (const c of j.consumers) {
      const lag = c.behind === 0 ? 'up to date' : `${c.atLeast ? 'at least ' : ''}${c.behind} records behind`;
      const summary = c.summary ? `; ${c.summary}` : '';
      lines.push(`  consumer ${c.name}: ${lag} (checkpoint ${new Date(c.updated).toISOString()}${summary})`);
    }
  }
  lines.push(' ');
  return lines;
}

function size(n: number): string {
  if (n < 1024) return `${n} B`;
  const units = ['KiB', 'MiB', 'GiB', 'TiB'];
  let v = n / 1024;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return `${v.toFixed(1)} ${units[u]}`;
}
