/**
 * Contract of the brick task service: the plugin host that runs work next to a brick's files.
 * A handler module (core's own, or gfind's/jobs' loaded by package name from the brick's
 * configuration) exports `handlers: TaskHandler[]`. Handlers run inside worker threads of the
 * brick's piscina pool; they read the brick directory directly and never write file data.
 */
export interface TaskHandler {
  /** Task name clients call, e.g. `du`, `gfind.crawl`. */
  readonly name: string;
  /**
   * Runs one task on this brick. `emit` streams partial results (batches) back to the caller as
   * they are produced; the return value is the final result. Args and results are wire values.
   */
  run(args: unknown, brick: BrickContext, emit: (chunk: unknown) => void): Promise<unknown>;
  /**
   * A resident handler runs in the brick's one long-lived *resident* worker thread (shared by
   * every resident handler of every module) instead of the pool, so module state survives
   * between calls: an index kept in memory, a journal follower. Calls to it are served
   * concurrently on that thread; keep each turn short (yield between batches).
   */
  readonly resident?: boolean;
  /**
   * Resident handlers only: called once when the resident worker starts (brick start, or a
   * restart after the worker crashed), before any `run`. Start long work (a first crawl, a
   * journal follower) in the background and resolve promptly; a rejection is logged and the
   * worker keeps serving.
   */
  start?(brick: BrickContext): Promise<void>;
  /** Resident handlers only: the brick is stopping; persist what must survive (bounded to ~2 s). */
  stop?(): Promise<void>;
}

/** What a handler knows about the brick it runs on. */
export interface BrickContext {
  /** Absolute path of the brick directory. */
  readonly path: string;
  /** The volume name. */
  readonly volume: string;
  /** This brick's subvolume name in client volfiles (e.g. `gv0-client-2`). */
  readonly subvolume: string;
}
