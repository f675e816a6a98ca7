import { inoFromGfid } from 'glusterfs-core';
import type { Entry, Output } from '../expr/index.js';
import { emptyColumns, type CrawlChunk, type RecordColumns } from './args.js';
import type { BrickEntry } from './brick-entry.js';

/**
 * Collects a walk's output and streams it in chunks of about `maxEntries` outputs or `maxBytes`
 * bytes: plain text per stream, `[path, stream, text]` units when the client sorts, or record
 * columns. One string per stream keeps the per-match cost to a concatenation.
 */
export class Emitter implements Output {
  #text: string[] = [];
  #units: [string, number, string][] = [];
  #cols: RecordColumns = emptyColumns();
  #count = 0;
  #bytes = 0;

  constructor(
    readonly emit: (chunk: CrawlChunk) => void,
    readonly sort: boolean,
    readonly maxEntries: number,
    readonly maxBytes: number,
  ) {}

  visible(e: Entry): boolean {
    return (e as BrickEntry).visible();
  }

  text(stream: number, text: string, e: Entry): void {
    if (this.sort) this.#units.push([e.path, stream, text]);
    else this.#text[stream] = (this.#text[stream] ?? '') + text;
    this.#bytes += text.length;
    if (++this.#count >= this.maxEntries || this.#bytes >= this.maxBytes) this.flush();
  }

  record(e: Entry): void {
    const st = e.stat();
    const c = this.#cols;
    const gfid = e.gfid();
    c.path.push(e.path);
    c.type.push(e.type);
    c.size.push(st.size);
    c.mode.push(st.mode & 0o7777);
    c.uid.push(st.uid);
    c.gid.push(st.gid);
    c.nlink.push(st.nlink);
    c.mtime.push(st.mtime);
    c.atime.push(st.atime);
    c.ctime.push(st.ctime);
    c.ino.push(gfid ? String(inoFromGfid(gfid)) : '');
    c.gfid.push(gfid);
    c.depth.push(e.depth);
    c.target.push(e.linkTarget());
    c.brick.push(e.location());
    this.#bytes += e.path.length + 120;
    if (++this.#count >= this.maxEntries || this.#bytes >= this.maxBytes) this.flush();
  }

  /** Sends what is buffered, if anything; `quit` marks the chunk as this brick's last (-quit). */
  flush(quit = false): void {
    if (this.#count === 0 && !quit) return;
    const chunk: CrawlChunk = quit ? { q: true } : {};
    if (this.#text.length) chunk.t = this.#text;
    if (this.#units.length) chunk.u = this.#units;
    if (this.#cols.path.length) chunk.r = this.#cols;
    this.emit(chunk);
    this.#text = [];
    this.#units = [];
    this.#cols = emptyColumns();
    this.#count = 0;
    this.#bytes = 0;
  }
}
