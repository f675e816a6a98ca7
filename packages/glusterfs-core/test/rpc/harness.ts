import { once } from 'node:events';
import { connect, type Socket } from 'node:net';
import { createLogger, type Logger } from '../../src/log/index.js';

/** A logger that keeps its lines (warnings are asserted on), printing nothing. */
export function captureLog(): { log: Logger; lines: string[]; count(level: string): number } {
  const lines: string[] = [];
  const log = createLogger('test', 'debug', (l) => lines.push(l));
  return { log, lines, count: (level) => lines.filter((l) => l.includes(` ${level.toUpperCase()} `)).length };
}

/** A raw TCP socket to the server, connected; what it receives is discarded unless `keep`. */
export async function rawSocket(port: number, keep = false): Promise<Socket> {
  const s = connect({ host: '127.0.0.1', port });
  await once(s, 'connect');
  s.on('error', () => {});
  // Unread data would hold back 'end' and 'close' after the server hangs up.
  if (!keep) s.resume();
  return s;
}

/** Resolves when `s` has closed (the peer hung up or we did). */
export function closed(s: Socket): Promise<void> {
  if (s.destroyed && s.closed) return Promise.resolve();
  return new Promise((resolve) => s.once('close', () => resolve()));
}


/** Waits until `pred()` holds, polling on each event-loop turn (no fixed sleeps). */
export async function until(pred: () => boolean, timeoutMs = 5000): Promise<void> {
  const t0 = Date.now();
  while (!pred()) {
    if (Date.now() - t0 > timeoutMs) throw new Error('condition not reached in time');
    await new Promise((r) => setTimeout(r, 5));
  }
}

/**
 * Runs an anonymous handshake over a raw socket (hello, challenge, empty proof, welcome), so a
 * test can send what it likes as an admitted client. Rejects if the server does not welcome it.
 */
export async function greet(s: Socket): Promise<void> {
  const { OutBuffer } = await import('../../src/rpc/out-buffer.js');
  const { FrameType, parseFrame, writeAuth, writeHandshake, PROTOCOL_VERSION } = await import('../../src/rpc/frame.js');
  const { FrameSplitter } = await import('../../src/rpc/frame-splitter.js');
  const { encodeHello, newNonce } = await import('../../src/rpc/auth.js');
  const { encodeValue } = await import('../../src/rpc/codec.js');
  const send = (fill: (o: InstanceType<typeof OutBuffer>) => void) => {
    const out = new OutBuffer();
    fill(out);
    for (const p of out.take()) s.write(p);
  };
  send((o) => writeHandshake(o, 4096, PROTOCOL_VERSION, (w) => encodeHello(w, { nonce: newNonce(), user: '' })));
  await new Promise<void>((resolve, reject) => {
    const split = new FrameSplitter(4096, (body) => {
      const f = parseFrame(body);
      if (f.type === FrameType.Handshake) send((o) => writeAuth(o, 4096, (w) => encodeValue(w, { proof: Buffer.alloc(0) })));
      else if (f.type === FrameType.Welcome) {
        s.off('data', onData);
        resolve();
      } else reject(new Error(`unexpected frame ${f.type} during the handshake`));
    });
    const onData = (d: Buffer) => split.push(d);
    s.on('data', onData);
    s.once('close', () => reject(new Error('closed during the handshake')));
  });
}
