import type { Logger } from '../log/index.js';
import type { OptionSchema, OptionsOf } from '../volume/options.js';
import type { Fops, Subvol } from './fops.js';

/** Events that travel up the graph: a child connected or went away. */
export type GraphEvent =
  | { kind: 'child-up'; child: string }
  | { kind: 'child-down'; child: string };

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
