export {
  SelfHealDaemon, type SelfHealDaemonOptions, type VolumeSource, type ShdVolumeInfo,
} from './daemon.js';
export { shdTrigger, shdStatistics, type ShdCallOptions } from './client.js';
export { SHD_PROGRAM, DEFAULT_HEAL_TIMEOUT_SEC, DEFAULT_MAX_HEALS } from './protocol.js';
export {
  type CrawlStats, type CrawlKind, type ShdStatistics, type HealOutcome, CrawlHistory, CRAWL_HISTORY, countHeal,
  countFailure,
} from './stats.js';
export { Slots } from './slots.js';
export { ownsFullCrawl } from './full-crawl.js';
export type { CrawlSet } from './heal-entry.js';
