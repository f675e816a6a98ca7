import * as assert from 'uvu/assert';
import { FsError } from '../../src/errors/index.js';

/** Awaits `p`, asserts it fails with an FsError of `code`, and returns that error. */
export async function rejectsWith(p: Promise<unknown>, code: string): Promise<FsError> {
  try {
    await p;
  } catch (e) {
    assert.instance(e, FsError, `expected an FsError, got ${String(e)}`);
    assert.is((e as FsError).code, code, (e as Error).message);
    return e as FsError;
  }
  throw new assert.Assertion({ message: `expected ${code}, but the call succeeded`, operator: 'rejects' } as never);
}
