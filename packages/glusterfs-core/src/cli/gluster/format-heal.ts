import type { BrickHealInfo } from '../../heal/index.js';
import type { HostHealStatistics } from '../../mgmt/index.js';
import type { CrawlStats } from '../../shd/index.js';

const RULE = '------------------------------------------------';

/** GlusterFS's first line of `volume heal VOL [full]`, successful or not. */
export function launchLine(volume: string, full: boolean): string {
  return `Launching heal operation to perform ${full ? 'full' : 'index'} self heal on volume ${volume} has been`;
}

/** What `volume heal VOL [full]` prints when every self-heal daemon accepted. */
export function formatLaunched(volume: string, full: boolean): string {
  return `${launchLine(volume, full)} successful \nUse heal info commands to check status.\n`;
}

/** A time as GlusterFS prints crawl times (C's ctime, local time): `Tue May 20 19:13:11 2014`. */
export function formatCtime(ms: number): string {
  const d = new Date(ms);
  const day = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'][d.getDay()];
  const mon = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][d.getMonth()];
  const two = (n: number) => String(n).padStart(2, '0');
  return `${day} ${mon} ${String(d.getDate()).padStart(2, ' ')} ${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())} ${d.getFullYear()}`;
}

function crawlBlock(host: string, c: CrawlStats): string[] {
  return [
    `Crawl statistics of the self-heal daemon on ${host}`,
    '',
    `Starting time of crawl: ${formatCtime(c.startedAt)}`,
    '',
    `Ending time of crawl: ${c.endedAt === null ? 'Crawl is in progress' : formatCtime(c.endedAt)}`,
    '',
    `Type of crawl: ${c.kind.toUpperCase()}`,
    `No. of entries healed: ${c.healed}`,
    `No. of entries in split-brain: ${c.splitBrain}`,
    `No. of heal failed entries: ${c.failed}`,
    `No. of entries skipped while another healer held them: ${c.busy}`,
    `No. of entries scanned: ${c.scanned}`,
    `Bytes moved: ${c.bytesMoved}`,
    `Progress: ${c.done}/${c.total} heals done`,
    RULE,
    '',
  ];
}

/**
 * `volume heal VOL statistics`, in GlusterFS's layout: a header, then one block per crawl
 * (finished ones oldest first, then the running one) of each server's self-heal daemon, with
 * our extra counters (busy, scanned, bytes moved, progress) after GlusterFS's three.
 */
export function formatHealStatistics(volume: string, hosts: readonly HostHealStatistics[]): string {
  const lines = [`Gathering crawl statistics on volume ${volume} has been successful `, RULE, ''];
  for (const h of hosts) {
    if (h.error !== undefined || !h.statistics) {
      lines.push(`Crawl statistics of the self-heal daemon on ${h.host}`, '', `Failed to get statistics: ${h.error ?? 'no answer'}`, RULE, '');
      continue;
    }
    const s = h.statistics;
    const crawls = [...s.crawls, ...(s.current ? [s.current] : [])];
    if (!crawls.length) lines.push(`Crawl statistics of the self-heal daemon on ${h.host}`, '', 'No crawl has run yet.', RULE, '');
    for (const c of crawls) lines.push(...crawlBlock(h.host, c));
  }
  return lines.join('\n') + '\n';
}

/** `volume heal VOL statistics heal-count`: entries waiting for heal, per brick. */
export function formatHealCount(volume: string, bricks: readonly BrickHealInfo[]): string {
  const lines = [`Gathering count of entries to be healed on volume ${volume} has been successful`, ''];
  for (const b of bricks) {
    lines.push(`Brick ${b.brick}`);
    if (!b.up) lines.push('Status: Transport endpoint is not connected');
    lines.push(`Number of entries: ${b.up ? b.entries.length : '-'}`, '');
  }
  return lines.join('\n') + '\n';
}
