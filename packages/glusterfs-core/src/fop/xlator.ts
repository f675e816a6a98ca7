import type { Logger } from '../log/index.js';
import type { RpcCallOptions } from '../rpc/types.js';
import type { OptionSchema, OptionsOf } from '../volume/options.js';
import type { Fops, Subvol } from './fops.js';

/**
 * Events: `child-up`/`child-down` travel up the graph when a child connects or goes away;
 * `client-disconnect` is delivered by a brick server to every translator of its graph when a
 * client connection closes, so per-client state (locks, fds) can be dropped.
 */
export type GraphEvent =
  | { kind: 'child-up'; child: string }
  | { kind: 'child-down'; child: string }
  | { kind: 'client-disconnect'; client: string };

/** What a translator is given when the graph builds it. */
export interface XlatorInit<O> {
  /** Its instance name from the volfile (e.g. `gv0-client-0`). */
  name: string;
  /** Its children, in volfile order, every fop present. */
  children: Subvol[];
  /** Its options, validated against its schema. */
  options: O;
  log: Logger;
  /** Tells this translator's parents about an event (the graph calls their `notify`). */
  emit(event: GraphEvent): void;
}

/** A live translator instance. `fops` holds only the fops it changes; the rest pass through. */
export interface Xlator {
  readonly fops: Partial<Fops>;
  /** An event from a child (or, for the top, from below). */
  notify?(event: GraphEvent): void;
  /**
   * A raw call on the connection this translator owns (protocol/client only), for services that
   * live beside the fops on a brick, such as the task service (`program` 'task').
   */
  call?(program: string, proc: string, args: unknown[], opts?: RpcCallOptions): Promise<unknown>;
  /** True while the translator can serve fops (protocol/client: connected). */
  readonly up?: boolean;
  /** Why it is down, when `up` is false and it knows (protocol/client: the last connection failure). */
  readonly downReason?: string;
  /** Frees resources (connections, timers). */
  close?(): Promise<void>;
}

/**
 * A translator type. `type` equals its folder under `xlators/` (e.g. `cluster/dht`); `options`
 * is validated before `create` runs.
 */
export interface XlatorDef<S extends OptionSchema = OptionSchema> {
  readonly type: string;
  readonly options: S;
  /** One-line description for generated docs. */
  readonly doc: string;
  create(init: XlatorInit<OptionsOf<S>>): Xlator;
}
