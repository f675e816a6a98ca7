import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { FsError } from '../errors/index.js';
import { journalDir, namesIn } from './reader.js';
import type { JournalCursor } from './types.js';

/** A consumer's saved position, with whatever the consumer keeps beside it. */
export interface JournalCheckpoint {
  cursor: JournalCursor;
  /** When it was saved, ms since the epoch. */
  updated: number;
  /**
   * The consumer's own JSON value saved with the cursor (e.g. a session's time); a string
   * `summary` in it is shown by `gluster volume status` next to the consumer.
   */
  data?: unknown;
}

const NAME = /^[A-Za-z0-9._-]{1,100}$/;

// Checkpoints live beside the journal files: `<journal dir>/consumers/<name>.json`.
function consumersDir(jdir: string): string {
  return `${jdir}/consumers`;
}

function fileOf(jdir: string, name: string): string {
  if (!NAME.test(name) || name.startsWith('.')) {
    throw new FsError('EINVAL', `journal consumer names are 1-100 of A-Z a-z 0-9 . _ - (not starting with a dot), not ${JSON.stringify(name)}`);
  }
  return `${consumersDir(jdir)}/${name}.json`;
}

/** The checkpoint of consumer `name` on this brick, or null when it never saved one. EINVAL for a bad name. */
export function loadCheckpoint(brick: string, name: string): JournalCheckpoint | null {
  return loadIn(journalDir(brick), name);
}

function loadIn(jdir: string, name: string): JournalCheckpoint | null {
  let text: string;
  try {
    text = readFileSync(fileOf(jdir, name), 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw FsError.from(e);
  }
  try {
    const cp = JSON.parse(text) as JournalCheckpoint;
    return typeof cp.cursor?.file === 'string' && typeof cp.cursor.offset === 'number' ? cp : null;
  } catch {
    return null; // a torn write cannot happen (rename), but a hand-edited file can
  }
}

/**
 * Saves consumer `name`'s cursor (and `data`) atomically (write, fsync-free rename: losing the
 * last save in a power cut only replays records, which consumers must tolerate anyway). Saving
 * registers the consumer: the journal keeps every file from its cursor on until it moves.
 */
export function saveCheckpoint(brick: string, name: string, cursor: JournalCursor, data?: unknown): void {
  const jdir = journalDir(brick);
  const file = fileOf(jdir, name);
  const cp: JournalCheckpoint = { cursor, updated: Date.now(), ...(data === undefined ? {} : { data }) };
  try {
    mkdirSync(consumersDir(jdir), { recursive: true, mode: 0o700 });
    const tmp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
    writeFileSync(tmp, JSON.stringify(cp), { mode: 0o600 });
    renameSync(tmp, file);
  } catch (e) {
    throw FsError.from(e);
  }
}

/** Unregisters consumer `name` (absent is fine), so the journal no longer waits for it. */
export function removeCheckpoint(brick: string, name: string): void {
  rmSync(fileOf(journalDir(brick), name), { force: true });
}

/** Every registered consumer of this brick's journal, by name. */
export function listCheckpoints(brick: string): { name: string; checkpoint: JournalCheckpoint }[] {
  return listCheckpointsIn(journalDir(brick));
}

/** Every consumer registered in journal directory `jdir` (what the writer prunes by). */
export function listCheckpointsIn(jdir: string): { name: string; checkpoint: JournalCheckpoint }[] {
  const out: { name: string; checkpoint: JournalCheckpoint }[] = [];
  for (const n of namesIn(consumersDir(jdir)).sort()) {
    if (!n.endsWith('.json')) continue;
    const name = n.slice(0, -5);
    const checkpoint = NAME.test(name) ? loadIn(jdir, name) : null;
    if (checkpoint) out.push({ name, checkpoint });
  }
  return out;
}
