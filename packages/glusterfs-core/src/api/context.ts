import { FsError } from '../errors/index.js';
import { createCtx, type CallCtx, type Subvol } from '../fop/index.js';

/** Who the calls of a mounted volume act as (bricks create entries owned by `uid`/`gid`). */
export interface Identity {
  uid: number;
  gid: number;
  groups?: number[];
}

/**
 * What every part of the client API shares: the top of the graph (the only way in) and a
 * fresh CallCtx per call carrying the mount's identity. After unmount every call is ENOTCONN.
 */
export class ApiContext {
  readonly top: Subvol;
  readonly #identity: Identity;
  #closed = false;

  constructor(top: Subvol, identity: Identity) {
    this.top = top;
    this.#identity = identity;
  }

  /** A context for one fop. ENOTCONN once unmounted. */
  ctx(): CallCtx {
    if (this.#closed) throw new FsError('ENOTCONN', 'volume is unmounted');
    return createCtx({ uid: this.#identity.uid, gid: this.#identity.gid, groups: this.#identity.groups ?? [] });
  }

  /** Marks the mount closed; later calls fail with ENOTCONN. */
  close(): void {
    this.#closed = true;
  }

  /** True once unmounted. */
  get closed(): boolean {
    return this.#closed;
  }
}
