import { getAttributeSync } from '@napi-rs/xattr';
import { closeSync, constants, existsSync, openSync, read } from 'node:fs';
import { hostname, networkInterfaces } from 'node:os';
import { join } from 'node:path';
import type { Fd } from '../../../fop/index.js';
import { XATTR, gfidFromBuffer, handlePath } from '../../../format/index.js';
import type { Logger } from '../../../log/index.js';

/** Per-fd state under `<xlator>/short-circuit` in fd.ctx: the local handle's OS fd, or why not. */
type LocalFd = { os: number } | { refused: true };

/**
 * Short-circuit local reads, as HDFS's `dfs.client.read.shortcircuit`: when the brick lives on
 * this host, large reads come straight from the brick's GFID handle file (the very inode, and
 * page cache, the brick itself would read) instead of crossing the RPC. Only reads take this
 * path: opens, writes, locks and metadata still go to the brick, which stays the one authority,
 * and a brick write is complete before its reply, so a later local read sees it. A read is
 * served locally only while the link to the brick is up (a down brick's copy may be stale
 * under replication); anything unusual (no GFID, the handle's GFID differs, EACCES, an I/O
 * error) falls back to the RPC.
 */
export class ShortCircuit {
  readonly #brick: string;
  readonly #minBytes: number;
  readonly #key: string;
  readonly #log: Logger;

  private constructor(brick: string, minBytes: number, key: string, log: Logger) {
    this.#brick = brick;
    this.#minBytes = minBytes;
    this.#key = key;
    this.#log = log;
  }

  /** A short-circuit reader when `host` is this machine and `brickPath` is a brick here. */
  static detect(name: string, host: string, brickPath: string, minBytes: number, log: Logger): ShortCircuit | undefined {
    if (!brickPath || !isThisHost(host) || !existsSync(join(brickPath, '.glusterfs'))) return undefined;
    log.debug('short-circuit reads enabled', { brick: brickPath });
    return new ShortCircuit(brickPath, minBytes, `${name}/short-circuit`, log);
  }

  /** True when a read of `size` bytes on `fd` is worth serving locally. */
  wants(fd: Fd, size: number): boolean {
    return size >= this.#minBytes && !fd.isDir && !!fd.gfid;
  }

  /** Reads locally when the handle can be used; undefined means "use the RPC". */
  async read(fd: Fd, size: number, offset: number): Promise<Buffer | undefined> {
    const local = this.#open(fd);
    if (!('os' in local)) return undefined;
    const buf = Buffer.allocUnsafe(size);
    return new Promise((resolve) => {
      read(local.os, buf, 0, size, offset, (err, n) => {
        if (err) {
          this.#log.debug('short-circuit read failed; using the brick', { path: fd.path, error: err.message });
          resolve(undefined);
        } else resolve(buf.subarray(0, n));
      });
    });
  }

  /** Closes the local handle of `fd`, if one was opened. */
  release(fd: Fd): void {
    const local = fd.ctx.get(this.#key) as LocalFd | undefined;
    fd.ctx.delete(this.#key);
    if (local && 'os' in local) closeSync(local.os);
  }

  #open(fd: Fd): LocalFd {
    const known = fd.ctx.get(this.#key) as LocalFd | undefined;
    if (known) return known;
    let local: LocalFd = { refused: true };
    const path = join(this.#brick, handlePath(fd.gfid));
    try {
      const os = openSync(path, constants.O_RDONLY | constants.O_NOFOLLOW);
      // The handle must carry this GFID: then it is the same file the brick has open.
      const g = getAttributeSync(path, XATTR.GFID);
      if (g && g.length === 16 && gfidFromBuffer(g) === fd.gfid) local = { os };
      else closeSync(os);
    } catch {
      // not readable from here (permissions, a brick of another machine with the same path…)
    }
    fd.ctx.set(this.#key, local);
    return local;
  }
}

function isThisHost(host: string): boolean {
  if (host === 'localhost' || host === '::1' || host.startsWith('127.') || host === hostname()) return true;
  return Object.values(networkInterfaces()).some((list) => list?.some((a) => a.address === host));
}
