import * as assert from 'uvu/assert';
import { FsError } from '../src/errors/index.js';

/**
 * `'ok'` when `p` resolves, else the errno name of the FsError it rejects with; anything else
 * fails the test. (The memory fixture's `errnoOf` also accepts Node's own errors, for comparing
 * with Linux.)
 */
export async function fsErrnoOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return 'ok';
  } catch (e) {
    assert.instance(e, FsError);
    return (e as FsError).code;
  }
}
