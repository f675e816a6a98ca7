import type { QuerySink, RecordColumns } from '../crawl/index.js';
import { emptyColumns } from '../crawl/index.js';
import { appendColumns, jsonLines, writeArrow, writeParquet } from './records.js';
import type { TextStreams } from './streams.js';

/** How results are written: find's text, or records as JSON lines, Parquet or Arrow. */
export interface SinkOptions {
  sort: boolean;
  json: boolean;
  parquet?: string;
  arrow?: string;
}

/**
 * The client end of a query's output: text goes straight to its stream (or waits for sorting
 * with `sort`), records become JSON lines at once or are kept for one Parquet/Arrow file.
 * `finish` writes whatever had to wait.
 */
export class OutputSink implements QuerySink {
  readonly #units: [string, number, string][] = [];
  readonly #records: RecordColumns = emptyColumns();

  constructor(readonly streams: TextStreams, readonly o: SinkOptions) {}

  text(stream: number, text: string): void {
    this.streams.write(stream, text);
  }

  units(u: [string, number, string][]): void {
    for (const x of u) this.#units.push(x);
  }

  records(c: RecordColumns): void {
    if (this.o.json && !this.o.sort) this.streams.write(0, jsonLines(c));
    else appendColumns(this.#records, c);
  }

  /** Writes sorted text and the record files. */
  finish(): void {
    if (this.#units.length) {
      this.#units.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
      for (const [, stream, text] of this.#units) this.streams.write(stream, text);
    }
    const c = this.o.sort ? sortColumns(this.#records) : this.#records;
    if (this.o.json && this.o.sort) this.streams.write(0, jsonLines(c));
    if (this.o.parquet) writeParquet(this.o.parquet, c);
    if (this.o.arrow) writeArrow(this.o.arrow, c);
  }
}

function sortColumns(c: RecordColumns): RecordColumns {
  const order = c.path.map((_, i) => i).sort((a, b) => (c.path[a] < c.path[b] ? -1 : c.path[a] > c.path[b] ? 1 : 0));
  const out = emptyColumns();
  for (const k of Object.keys(out) as (keyof RecordColumns)[]) (out[k] as unknown[]) = order.map((i) => (c[k] as unknown[])[i]);
  return out;
}
