import { FsError, isFsError, type Volume } from 'glusterfs-core';

/**
 * xattr marking a file under construction: JSON `{ holder, renewed }` (the HDFS clientName and
 * when its lease was last known alive, ms). It lives on the volume so every namenode sees it.
 */
export const LEASE_XATTR = 'trusted.hcfs.lease';

/** A lease as stored on a file. */
export interface LeaseMark {
  holder: string;
  renewed: number;
}

/** Lease limits, as HDFS's: after `softMs` another client may take the file over; after `hardMs` the namenode closes it. */
export interface LeaseLimits {
  softMs: number;
  hardMs: number;
}

/** HDFS's defaults: 60 s soft, 20 min hard. */
export const DEFAULT_LEASE_LIMITS: LeaseLimits = { softMs: 60_000, hardMs: 20 * 60_000 };

/**
 * The lease mark on `path` (undefined when the file is not under construction, missing, or the
 * mark is unreadable). The datanode uses it too: a WRITE token only writes while its holder
 * still holds the file's lease.
 */
export async function readLeaseMark(vol: Volume, path: string): Promise<LeaseMark | undefined> {
  try {
    const v = JSON.parse((await vol.getxattr(path, LEASE_XATTR)).toString()) as Partial<LeaseMark>;
    return typeof v.holder === 'string' && typeof v.renewed === 'number' ? { holder: v.holder, renewed: v.renewed } : undefined;
  } catch (e) {
    if (isFsError(e, 'ENODATA', 'ENOENT', 'ENOTSUP')) return undefined;
    if (e instanceof SyntaxError) return undefined;
    throw e;
  }
}

interface Held {
  lastRenew: number;
  /** Path → when its mark was last written. */
  files: Map<string, number>;
}

/**
 * Leases on files being written. The holder renews by calling `renewLease` (the Go client does
 * every second); the mark on the file is rewritten only when it is a third of the soft limit
 * old, so renewals stay cheap. A writer that dies stops renewing: after the soft limit another
 * client's create or append may recover the file, and after the hard limit this namenode's
 * sweep recovers it itself. Recovery closes the file with the bytes that reached the volume
 * (HDFS keeps what was acknowledged), i.e. removes the mark.
 */
export class LeaseManager {
  readonly #vol: Volume;
  readonly #limits: LeaseLimits;
  readonly #held = new Map<string, Held>();
  readonly #log: (msg: string) => void;
  #timer: NodeJS.Timeout | undefined;

  constructor(vol: Volume, limits: LeaseLimits, log: (msg: string) => void = () => {}) {
    this.#vol = vol;
    this.#limits = limits;
    this.#log = log;
    this.#timer = setInterval(() => void this.#sweep(), Math.max(200, Math.min(limits.hardMs / 4, 10_000)));
    this.#timer.unref();
  }

  /** The mark on `path`, if the file is under construction. */
  markOf(path: string): Promise<LeaseMark | undefined> {
    return readLeaseMark(this.#vol, path);
  }

  /** When the holder of `mark` was last alive, as far as this namenode knows. */
  #lastAlive(mark: LeaseMark): number {
    return Math.max(mark.renewed, this.#held.get(mark.holder)?.lastRenew ?? 0);
  }

  /**
   * Makes sure `clientName` may start writing `path`: free, its own, or another holder's that
   * has passed the soft limit (then recovered). EBUSY while another live client holds it.
   */
  async claimable(path: string, clientName: string): Promise<void> {
    const mark = await this.markOf(path);
    if (!mark || mark.holder === clientName) return;
    if (Date.now() - this.#lastAlive(mark) > this.#limits.softMs) {
      this.#log(`lease of ${mark.holder} on ${path} expired; recovering the file`);
      await this.release(path, mark.holder);
      return;
    }
    throw new FsError('EBUSY', `failed to create file ${path} for ${clientName}: it is being created by ${mark.holder} (lease renewed ${Math.round((Date.now() - mark.renewed) / 1000)} s ago)`);
  }

  /** Puts `path` under `clientName`'s lease (writes the mark). */
  async grant(path: string, clientName: string): Promise<void> {
    const now = Date.now();
    await this.#vol.setxattr(path, LEASE_XATTR, JSON.stringify({ holder: clientName, renewed: now }));
    const h = this.#held.get(clientName) ?? { lastRenew: now, files: new Map() };
    h.lastRenew = now;
    h.files.set(path, now);
    this.#held.set(clientName, h);
  }

  /** Checks that `clientName` holds the lease on `path`. EPERM (LeaseExpired/not the holder), ENOENT. */
  async check(path: string, clientName: string): Promise<void> {
    const mark = await this.markOf(path);
    if (mark?.holder === clientName) return;
    throw new FsError('EPERM', mark
      ? `No lease on ${path}: it is held by ${mark.holder}, not ${clientName}`
      : `No lease on ${path}: the file is not open for writing (its lease may have expired)`);
  }

  /** Ends the lease on `path` (complete, or recovery). Missing files and marks are fine. */
  async release(path: string, clientName: string): Promise<void> {
    this.#held.get(clientName)?.files.delete(path);
    try {
      await this.#vol.removexattr(path, LEASE_XATTR);
    } catch (e) {
      if (!isFsError(e, 'ENODATA', 'ENOENT')) throw e;
    }
  }

  /** Files `clientName` holds leases on through this namenode (since it started). */
  filesOf(clientName: string): string[] {
    return [...(this.#held.get(clientName)?.files.keys() ?? [])];
  }

  /** The file moved: its lease follows it. */
  renamed(from: string, to: string): void {
    for (const h of this.#held.values()) {
      const at = h.files.get(from);
      if (at !== undefined) {
        h.files.delete(from);
        h.files.set(to, at);
      }
    }
  }

  /** `clientName` is alive; refreshes stale marks in the background. */
  renew(clientName: string): void {
    const h = this.#held.get(clientName);
    if (!h) return;
    const now = Date.now();
    h.lastRenew = now;
    for (const [path, at] of h.files) {
      if (now - at < this.#limits.softMs / 3) continue;
      h.files.set(path, now);
      this.#vol.setxattr(path, LEASE_XATTR, JSON.stringify({ holder: clientName, renewed: now }), 'replace')
        .catch(() => h.files.delete(path));
    }
  }

  async #sweep(): Promise<void> {
    const now = Date.now();
    for (const [client, h] of this.#held) {
      if (now - h.lastRenew <= this.#limits.hardMs) continue;
      this.#held.delete(client);
      for (const path of h.files.keys()) {
        this.#log(`lease of ${client} on ${path} passed the hard limit; closing the file`);
        await this.release(path, client).catch((e) => this.#log(`lease recovery of ${path} failed: ${String(e)}`));
      }
    }
  }

  /** Stops the sweep. */
  close(): void {
    clearInterval(this.#timer);
  }
}
