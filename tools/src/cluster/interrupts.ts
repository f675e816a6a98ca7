import { clusterHome } from './home.js';
import { stopStarted } from './shutdown.js';
import type { UpProgress } from './up.js';
import { reasonOf } from './volume-setup.js';

/**
 * SIGINT and SIGTERM handling for `up` and `start`, installed before the first process is
 * spawned. Until the cluster is up, a signal aborts the start-up and stops what it had started
 * (glusterd spawns the bricks and the self-heal daemon; those are found and stopped too); once it
 * is up, `start` sets {@link whenUp} to stop the whole cluster instead. Whatever comes first
 * wins; further signals are ignored while stopping, and the process exits when it is done.
 */
export class Interrupts {
  readonly progress: UpProgress = { startedGlusterd: false, startedShim: false };
  readonly #abort = new AbortController();
  #stopping: Promise<never> | undefined;
  /** What a signal does once the cluster is up (`start` only); undefined: stop what start-up started. */
  whenUp: ((why: string, code: number) => Promise<never>) | undefined;

  constructor(private readonly home: string) {
    process.on('SIGINT', () => void this.stop('interrupted'));
    process.on('SIGTERM', () => void this.stop('terminated'));
  }

  get signal(): AbortSignal {
    return this.#abort.signal;
  }

  /** The stop in progress, if a signal came. */
  get stopping(): Promise<never> | undefined {
    return this.#stopping;
  }

  /**
   * Stops, once, for `why`; later calls get the same promise. The process exits with `code` when
   * the cluster was up, with 130 when start-up was cut short.
   */
  stop(why: string, code = 0): Promise<never> {
    this.#stopping ??= this.whenUp ? this.whenUp(why, code) : this.#stopStartUp(why);
    return this.#stopping;
  }

  async #stopStartUp(why: string): Promise<never> {
    this.#abort.abort(new Error(`${why} while starting`));
    const p = this.progress;
    if (p.startedGlusterd || p.startedShim) {
      process.stdout.write(`\n  ${why} while starting; stopping ${p.startedGlusterd ? 'glusterd and whatever it started' : 'the HDFS shim'}…\n`);
    }
    const stopped = await stopStarted(clusterHome(this.home), p).catch((e) => {
      process.stderr.write(`gcluster: ${reasonOf(e)}\n`);
      return undefined;
    });
    if (stopped?.length) process.stdout.write('  stopped.\n');
    process.exit(130);
  }
}
