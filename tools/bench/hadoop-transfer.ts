import { crc32 } from 'node:zlib';
import { byteCheck } from './byte-check.js';
import { mustHdfs } from './hdfs-client.js';
import type { HadoopSystem } from './hadoop-systems.js';
import { fsCommand } from './java-run.js';
import type { Samples } from './samples.js';
import type { WarmShell } from './shell-timing.js';

/** The bytes every put carries, and where they live. */
export interface TransferSource {
  /** In memory, for checking what every cat returns. */
  bytes: Buffer;
  /** The same bytes in a local file (tmpfs when there is one), the put source. */
  file: string;
}

const timeoutFor = (bytes: number) => Math.max(180_000, Math.ceil(bytes / 2e3));
const crcHex = (b: Buffer) => crc32(b).toString(16);

/** Throws unless a `read PATH` answer ("BYTES CRC32HEX MS") names exactly `expected`. */
function checkRead(path: string, answer: string, expected: Buffer): void {
  const [bytes, crc] = answer.trim().split(' ');
  const want = crcHex(expected);
  if (Number(bytes) !== expected.length || crc !== want) {
    throw new Error(`read ${path}: ${bytes} bytes with CRC32 ${crc}, expected ${expected.length} bytes with CRC32 ${want}`);
  }
}

/** `hadoop fs -cat PATH` as its own JVM, every byte compared with `expected` as it arrives. */
async function catCommand(sys: HadoopSystem, path: string, expected: Buffer): Promise<number> {
  const check = byteCheck(expected);
  const r = await fsCommand(sys, ['-cat', path], { onStdout: (c) => check.push(c), timeoutMs: timeoutFor(expected.length) });
  if (!check.ok) throw new Error(`hadoop fs -cat ${path} on ${sys.name}: ${check.bytes} bytes, first difference at ${check.firstDiff} (expected ${expected.length})`);
  return r.seconds;
}

/** Debian's `hdfs cat PATH`, every byte compared with `expected` as it arrives. */
async function catCli(sys: HadoopSystem, path: string, expected: Buffer): Promise<number> {
  const check = byteCheck(expected);
  const r = await mustHdfs(['cat', path], { namenode: sys.namenode, timeoutMs: timeoutFor(expected.length), onStdout: (c) => check.push(c) });
  if (!check.ok) throw new Error(`hdfs cat ${path} on ${sys.name}: ${check.bytes} bytes, first difference at ${check.firstDiff} (expected ${expected.length})`);
  return r.seconds;
}

/**
 * Every path once with the first `bytes` of the source, unmeasured: the JVM's jar pages, the
 * client's classes and the servers' first connections are warm before round 1 on both systems.
 */
export async function warmTransfers(sys: HadoopSystem, shell: WarmShell, src: TransferSource, file: string, bytes: number): Promise<void> {
  const part = src.bytes.subarray(0, bytes);
  await shell.must(60_000, 'fs', '-mkdir', '-p', '/bench-warm');
  await fsCommand(sys, ['-put', '-f', file, '/bench-warm/cmd.bin']);
  await catCommand(sys, '/bench-warm/cmd.bin', part);
  await shell.must(120_000, 'fs', '-put', '-f', file, '/bench-warm/jvm.bin');
  checkRead('/bench-warm/jvm.bin', (await shell.must(120_000, 'read', '/bench-warm/jvm.bin')).out, part);
  await mustHdfs(['put', file, '/bench-warm/cli.bin'], { namenode: sys.namenode, timeoutMs: 120_000 });
  await catCli(sys, '/bench-warm/cli.bin', part);
  await shell.must(60_000, 'fs', '-rm', '-r', '-skipTrash', '/bench-warm');
}

/**
 * One round of the 1 GiB transfers on `sys`, each into its own file under /bench-io, then each
 * file read back by the same client and checked, then all removed. Figures (seconds):
 * `put_cmd`/`cat_cmd`: `hadoop fs -put`/`-cat` as a fresh JVM each, the whole command (what a
 * user waits for, JVM start-up included; cat's stdout is compared with the source byte by byte);
 * `put_jvm`/`cat_jvm`: `fs -put` and a read to the end through FileSystem.open into a CRC32,
 * inside the warm ShellBatch JVM; `cli_put`/`cli_cat`: Debian's `hdfs put`/`cat`.
 */
export async function transferRound(sys: HadoopSystem, shell: WarmShell, src: TransferSource, round: number, samples: Samples): Promise<void> {
  const n = src.bytes.length;
  const dir = '/bench-io';
  const [cmd, jvm, cli] = [`${dir}/cmd-${round}.bin`, `${dir}/jvm-${round}.bin`, `${dir}/cli-${round}.bin`];
  const measure = (key: string, run: () => Promise<number>) => samples.measure(sys, key, run, n);
  await shell.must(60_000, 'fs', '-mkdir', '-p', dir);
  await measure('put_cmd', async () => (await fsCommand(sys, ['-put', src.file, cmd], { timeoutMs: timeoutFor(n) })).seconds);
  await measure('put_jvm', async () => (await shell.must(timeoutFor(n), 'fs', '-put', src.file, jvm)).seconds);
  await measure('cli_put', async () => (await mustHdfs(['put', src.file, cli], { namenode: sys.namenode, timeoutMs: timeoutFor(n) })).seconds);
  await measure('cat_cmd', () => catCommand(sys, cmd, src.bytes));
  await measure('cat_jvm', async () => {
    const read = await shell.must(timeoutFor(n), 'read', jvm);
    checkRead(jvm, read.out, src.bytes);
    return read.seconds;
  });
  await measure('cli_cat', () => catCli(sys, cli, src.bytes));
  await shell.must(120_000, 'fs', '-rm', '-r', '-skipTrash', dir);
}
