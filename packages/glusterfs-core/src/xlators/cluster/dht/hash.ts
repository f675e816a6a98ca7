/** Golden-ratio constant added each TEA round. */
const DELTA = 0x9e3779b9;
/** Rounds per full 16-byte block, and for the final (padded) block. */
const PART_ROUNDS = 6;
const FULL_ROUNDS = 10;

/**
 * GlusterFS's Davies-Meyer hash (`gf_dm_hashfn`): a TEA-based compression over 16-byte blocks of
 * little-endian 32-bit words, the tail padded with the length byte repeated. Bytes of the tail
 * are shifted in as signed `char` (x86), so names ending in non-ASCII bytes hash exactly as on an
 * x86 GlusterFS server. Returns an unsigned 32-bit integer.
 */
export function dmHash(msg: Uint8Array): number {
  const view = new DataView(msg.buffer, msg.byteOffset, msg.byteLength);
  const h = [0x9464a485, 0x542e1a94];
  const block = new Uint32Array(4);
  const len = msg.length;
  const fullBlocks = Math.floor(len / 16);
  for (let b = 0; b < fullBlocks; b++) {
    for (let j = 0; j < 4; j++) block[j] = view.getUint32(b * 16 + j * 4, true);
    teaRounds(PART_ROUNDS, block, h);
  }
  let pos = fullBlocks * 16;
  const pad = (len | (len << 8) | (len << 16) | (len << 24)) >>> 0;
  for (let j = 0; j < 4; j++) {
    if (pos + 4 <= len) {
      block[j] = view.getUint32(pos, true);
      pos += 4;
      continue;
    }
    let w = pad;
    for (; pos < len; pos++) w = ((w << 8) | ((msg[pos] << 24) >> 24)) >>> 0;
    block[j] = w;
  }
  teaRounds(FULL_ROUNDS, block, h);
  return (h[0] ^ h[1]) >>> 0;
}

/** {@link dmHash} of a name's UTF-8 bytes. */
export function hashName(name: string): number {
  return dmHash(Buffer.from(name, 'utf8'));
}

function teaRounds(rounds: number, k: Uint32Array, h: number[]): void {
  let sum = 0;
  let b0 = h[0];
  let b1 = h[1];
  for (let n = 0; n < rounds; n++) {
    sum = (sum + DELTA) >>> 0;
    b0 = (b0 + ((((b1 << 4) + k[0]) ^ (b1 + sum) ^ ((b1 >>> 5) + k[1])) >>> 0)) >>> 0;
    b1 = (b1 + ((((b0 << 4) + k[2]) ^ (b0 + sum) ^ ((b0 >>> 5) + k[3])) >>> 0)) >>> 0;
  }
  h[0] = (h[0] + b0) >>> 0;
  h[1] = (h[1] + b1) >>> 0;
}
