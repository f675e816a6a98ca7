/**
 * Collects a run of exactly `length` bytes from a stream of chunks, for length-framed parsers:
 * when the whole run is inside the current chunk it is handed out as a view (no copy);
 * otherwise it is assembled once into a buffer of its exact size over as many chunks as it
 * spans. Callers validate a length before asking for it, so nothing is allocated for a bad one.
 */
export class ByteGatherer {
  #part: Buffer | null = null;
  #filled = 0;

  /** True while a run has been started but not completed. */
  get pending(): boolean {
    return this.#part !== null;
  }

  /**
   * Takes bytes of a `length`-byte run from `buf` at `off`. Returns the run once it is
   * complete (else undefined: call again with the next chunk and the same length) and the
   * offset where the caller continues.
   */
  take(buf: Buffer, off: number, length: number): [Buffer | undefined, number] {
    if (!this.#part) {
      if (buf.length - off >= length) return [buf.subarray(off, off + length), off + length];
      this.#part = Buffer.allocUnsafe(length);
      this.#filled = 0;
    }
    const part = this.#part;
    const n = buf.copy(part, this.#filled, off, Math.min(buf.length, off + part.length - this.#filled));
    this.#filled += n;
    if (this.#filled < part.length) return [undefined, off + n];
    this.#part = null;
    return [part, off + n];
  }
}
