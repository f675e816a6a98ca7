import { setTimeout as sleep } from 'node:timers/promises';
import { FsError } from '../../errors/index.js';
import { healInfo, type BrickHealInfo, type ReplicaSetHandle } from '../../heal/index.js';
import type { HostHealStatistics } from '../../mgmt/index.js';

/** How `--wait` polls and nudges. */
export interface HealWaitOptions {
  /** The volume's name, for messages. */
  volume: string;
  /** Give up (ETIMEDOUT) after this long; undefined waits for as long as it takes. */
  timeoutMs?: number;
  /** Asks the self-heal daemons for another index crawl (when the count stops falling). */
  retrigger(): Promise<void>;
  /**
   * Checked once nothing is pending: false while some crawl the caller waits for still runs
   * (a full crawl finds what no index lists).
   */
  crawlDone?: () => Promise<boolean>;
  /** Where the progress line goes (only drawn on a TTY). */
  out?: NodeJS.WriteStream;
}

const POLL_MS = 300;
/** Without progress for this long, the daemons are asked for another crawl. */
const NUDGE_MS = 3000;

/** What one look at heal info found. */
export interface HealTally {
  /** Entries pending heal over every brick that answered. */
  pending: number;
  /** Bricks that did not answer (`host:path`). */
  down: string[];
}

/** Sums one heal info answer. */
export function tallyHealInfo(bricks: readonly BrickHealInfo[]): HealTally {
  return {
    pending: bricks.reduce((n, b) => n + (b.up ? b.entries.length : 0), 0),
    down: bricks.filter((b) => !b.up).map((b) => b.brick),
  };
}

/** The progress line of `heal --wait`. */
export function formatHealProgress(t: HealTally, elapsedMs: number): string {
  const down = t.down.length ? ` · waiting for ${t.down.length} brick${t.down.length > 1 ? 's' : ''} to come up (${t.down.join(', ')})` : '';
  return `heal: ${t.pending.toLocaleString('en-US')} entr${t.pending === 1 ? 'y' : 'ies'} pending${down} · ${Math.round(elapsedMs / 1000)} s`;
}

/**
 * Polls heal info until every brick answers and none lists an entry, as `heal VOL --wait` does.
 * Asks for another index crawl whenever the count has not fallen for a few seconds (a crawl may
 * have met busy entries). Draws a progress line on a TTY and erases it at the end. ETIMEDOUT
 * with the last tally when `timeoutMs` passes first.
 */
export async function waitHealed(sets: ReplicaSetHandle[], o: HealWaitOptions): Promise<void> {
  const out = o.out ?? process.stderr;
  const t0 = Date.now();
  let best = Infinity;
  let bestAt = t0;
  try {
    for (;;) {
      const t = tallyHealInfo(await healInfo(sets));
      const now = Date.now();
      if (t.pending === 0 && t.down.length === 0 && (!o.crawlDone || await o.crawlDone())) return;
      if (out.isTTY) out.write(`\r\x1b[K${formatHealProgress(t, now - t0)}`);
      if (o.timeoutMs !== undefined && now - t0 > o.timeoutMs) {
        throw new FsError('ETIMEDOUT',
          `heal did not finish within ${Math.round(o.timeoutMs / 1000)} s: ${t.pending} entries pending${t.down.length ? `, bricks not connected: ${t.down.join(', ')}` : ''}. \`gluster volume heal ${o.volume} info\` lists them; \`gluster volume status ${o.volume}\` shows offline bricks.`);
      }
      if (t.pending < best) {
        best = t.pending;
        bestAt = now;
      } else if (now - bestAt > NUDGE_MS && t.down.length === 0) {
        bestAt = now;
        await o.retrigger().catch(() => {});
      }
      await sleep(POLL_MS);
    }
  } finally {
    if (out.isTTY) out.write('\r\x1b[K');
  }
}

/**
 * Per server, when its latest crawl started (server clock; 0 if none): taken before launching a
 * full heal, so that {@link fullCrawlsDone} can tell the new full crawl from older ones.
 */
export function crawlMarks(hosts: readonly HostHealStatistics[]): Map<string, number> {
  return new Map(hosts.map((h) => {
    const s = h.statistics;
    const all = s ? [...s.crawls, ...(s.current ? [s.current] : [])] : [];
    return [h.host, Math.max(0, ...all.map((c) => c.startedAt))];
  }));
}

/**
 * True when every server's daemon has finished a full crawl that started at or after its mark
 * and runs no full crawl now. A server that does not answer counts as not done.
 */
export function fullCrawlsDone(hosts: readonly HostHealStatistics[], marks: ReadonlyMap<string, number>): boolean {
  return hosts.every((h) => {
    const s = h.statistics;
    if (!s || s.current?.kind === 'full') return false;
    const mark = marks.get(h.host) ?? 0;
    return s.crawls.some((c) => c.kind === 'full' && c.endedAt !== null && c.startedAt >= mark);
  });
}
