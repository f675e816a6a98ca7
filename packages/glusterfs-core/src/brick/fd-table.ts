import { FsError } from '../errors/index.js';
import type { Fd } from '../fop/index.js';

/**
 * The open fds of one client connection, by the number the client holds. Numbers are per
 * connection, so a client can never name another client's fd.
 */
export class FdTable {
  readonly #fds = new Map<number, Fd>();
  #next = 1;

  /** Stores `fd` and returns its number. */
  add(fd: Fd): number {
    const num = this.#next++;
    this.#fds.set(num, fd);
    return num;
  }

  /** The fd numbered `num`; EBADF when there is none. */
  get(num: unknown): Fd {
    const fd = typeof num === 'number' ? this.#fds.get(num) : undefined;
    if (!fd) throw new FsError('EBADF', `no open fd ${String(num)} on this connection`);
    return fd;
  }

  /** Forgets fd `num`. */
  delete(num: unknown): void {
    if (typeof num === 'number') this.#fds.delete(num);
  }

  /** Every open fd (for cleanup when the connection goes away). */
  all(): Fd[] {
    return [...this.#fds.values()];
  }
}

/** The fd tables of all connections of one brick, created on first use. */
export class ConnFdTables {
  readonly #byConn = new Map<string, FdTable>();

  /** The table of connection `connId`. */
  of(connId: string): FdTable {
    let t = this.#byConn.get(connId);
    if (!t) {
      t = new FdTable();
      this.#byConn.set(connId, t);
    }
    return t;
  }

  /** Removes and returns the table of a connection that went away. */
  drop(connId: string): FdTable | undefined {
    const t = this.#byConn.get(connId);
    this.#byConn.delete(connId);
    return t;
  }
}
