/** Checks a byte stream, chunk by chunk as it arrives, against the bytes it should carry. */
export interface ByteCheck {
  /** Compares one chunk with the expected bytes at the current offset (a memcmp). */
  push(chunk: Buffer): void;
  /** Bytes pushed so far. */
  readonly bytes: number;
  /** Offset of the first chunk that differed, or -1. */
  readonly firstDiff: number;
  /** Whether exactly the expected bytes, no more and no fewer, were pushed. */
  readonly ok: boolean;
}

/**
 * A {@link ByteCheck} against `expected`. Comparing in place is a stronger check than hashing
 * both sides and costs far less CPU than sha256, which would compete with the shim on a small VM.
 */
export function byteCheck(expected: Buffer): ByteCheck {
  let at = 0;
  let diff = -1;
  return {
    push(chunk) {
      if (diff < 0 && !expected.subarray(at, at + chunk.length).equals(chunk)) diff = at;
      at += chunk.length;
    },
    get bytes() { return at; },
    get firstDiff() { return diff; },
    get ok() { return diff < 0 && at === expected.length; },
  };
}
