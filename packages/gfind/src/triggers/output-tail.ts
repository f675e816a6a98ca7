/** How much of a command's output (or a webhook's answer) the log keeps: the end of it. */
export const OUTPUT_TAIL_BYTES = 2048;

/** Collects a stream of chunks and keeps only the last {@link OUTPUT_TAIL_BYTES} bytes. */
export class OutputTail {
  #chunks: Buffer[] = [];
  #bytes = 0;
  #dropped = false;

  push(chunk: Buffer): void {
    this.#chunks.push(chunk);
    this.#bytes += chunk.length;
    while (this.#chunks.length > 1 && this.#bytes - this.#chunks[0]!.length >= OUTPUT_TAIL_BYTES) {
      this.#bytes -= this.#chunks.shift()!.length;
      this.#dropped = true;
    }
  }

  /** The kept tail as text (a cut multi-byte character at its start is dropped), `…` first when cut. */
  text(): string {
    const all = Buffer.concat(this.#chunks);
    const cut = all.length > OUTPUT_TAIL_BYTES;
    let tail = cut ? all.subarray(all.length - OUTPUT_TAIL_BYTES) : all;
    // Skip UTF-8 continuation bytes a cut left at the start.
    if (cut) while (tail.length && (tail[0]! & 0xc0) === 0x80) tail = tail.subarray(1);
    return (cut || this.#dropped ? '…' : '') + tail.toString('utf8');
  }
}
