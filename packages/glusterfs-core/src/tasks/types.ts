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
