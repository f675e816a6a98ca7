import { isWithin } from '../../../fop/index.js';

/**
 * A path-keyed map that forgets its oldest entries past `capacity`, so the lookup caches of a
 * long-running client stay bounded. A miss only costs a lookup, never correctness.
 */
export class PathCache<V> {
  readonly #map = new Map<string, V>();
  readonly #capacity: number;

  constructor(capacity: number) {
    this.#capacity = capacity;
  }

  get(path: string): V | undefined {
    return this.#map.get(path);
  }

  set(path: string, value: V): void {
    this.#map.delete(path);
    this.#map.set(path, value);
    if (this.#map.size > this.#capacity) this.#map.delete(this.#map.keys().next().value!);
  }

  delete(path: string): void {
    this.#map.delete(path);
  }

  /** Forgets `path` and everything below it (after a directory rename or removal). */
  deleteTree(path: string): void {
    for (const k of this.#map.keys()) if (isWithin(k, path)) this.#map.delete(k);
  }
}
