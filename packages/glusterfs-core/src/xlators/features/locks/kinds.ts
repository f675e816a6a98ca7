import { FsError } from '../../../errors/index.js';
import type { LockRange, LockType } from '../../../fop/index.js';

/** An inodelk: a byte range `[start, end)` (end Infinity = to end of file), shared or exclusive. */
export interface RangeLock {
  readonly type: LockType;
  readonly start: number;
  readonly end: number;
}

/** An entrylk: one name in a directory, or the whole directory (`name` null). */
export interface NameLock {
  readonly type: LockType;
  readonly name: string | null;
}

/** The RangeLock for a fop's LockRange (`len` 0 = to end of file). EINVAL for a bad range. */
export function toRangeLock(type: LockType, range: LockRange): RangeLock {
  const { start, len } = range ?? {};
  if (!Number.isSafeInteger(start) || start < 0 || !Number.isSafeInteger(len) || len < 0) {
    throw new FsError('EINVAL', `bad lock range ${JSON.stringify(range)}`);
  }
  return { type, start, end: len === 0 ? Infinity : start + len };
}

/** Two range locks conflict when they overlap and either is a write lock. */
export function rangesConflict(a: RangeLock, b: RangeLock): boolean {
  return a.start < b.end && b.start < a.end && (a.type === 'wr' || b.type === 'wr');
}

/** Two entry locks conflict when they name the same entry (or either the whole directory) and either writes. */
export function namesConflict(a: NameLock, b: NameLock): boolean {
  return (a.name === null || b.name === null || a.name === b.name) && (a.type === 'wr' || b.type === 'wr');
}

/** EINVAL unless `type` is rd or wr. */
export function checkType(type: LockType): void {
  if (type !== 'rd' && type !== 'wr') throw new FsError('EINVAL', `bad lock type ${String(type)}`);
}
