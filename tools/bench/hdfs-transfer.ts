import { apiRead, apiWrite, type ApiTransferOptions } from './api-transfer.js';
import { byteCheck } from './byte-check.js';
import { mustHdfs } from './hdfs-client.js';
import type { IoTarget } from './io-target.js';

/** Everything the 1 GiB transfer runs need. */
export interface TransferSetup {
  /** The volume through the client API. */
  api: IoTarget;
  /** Removes a file through the client API. */
  remove: (path: string) => Promise<void>;
  /** The shim's namenode, HOST:PORT. */
  namenode: string;
  /** The bytes every transfer carries, held in memory. */
  source: Buffer;
  /** The same bytes in a (tmpfs or warm) local file, for `hdfs put FILE`. */
  sourceFile: string;
  apiChunks: ApiTransferOptions;
  log: (m: string) => void;
}

/** Best (shortest) seconds of each transfer over the runs. */
export interface TransferResult {
  hdfsPutFile: number;
  hdfsPutStdin: number;
  hdfsCat: number;
  /** `hdfs cat` with stdout on /dev/null: unverified, shows what the bench's checking sink costs. */
  hdfsCatDevNull: number;
  apiWrite: number;
  apiRead: number;
}

const hdfsTimeout = (bytes: number) => Math.max(120_000, Math.ceil(bytes / 5e3));

async function hdfsPut(s: TransferSetup, dst: string, from: 'file' | 'stdin', data = s.source): Promise<number> {
  const o = { namenode: s.namenode, timeoutMs: hdfsTimeout(data.length) };
  const r = from === 'file'
    ? await mustHdfs(['put', s.sourceFile, dst], o)
    : await mustHdfs(['put', '-', dst], { ...o, stdin: data });
  return r.seconds;
}

/** `hdfs cat PATH` into a sink that compares every byte with `expected`; throws on a difference. */
async function hdfsCat(s: TransferSetup, path: string, expected = s.source): Promise<number> {
  const check = byteCheck(expected);
  const r = await mustHdfs(['cat', path], { namenode: s.namenode, timeoutMs: hdfsTimeout(expected.length), onStdout: (c) => check.push(c) });
  if (!check.ok) throw new Error(`hdfs cat ${path}: ${check.bytes} bytes, first difference at ${check.firstDiff} (expected ${expected.length} bytes)`);
  return r.seconds;
}

/** `hdfs cat PATH > /dev/null`, unverified (the same file was verified by {@link hdfsCat}). */
async function hdfsCatDevNull(s: TransferSetup, path: string): Promise<number> {
  return (await mustHdfs(['cat', path], { namenode: s.namenode, timeoutMs: hdfsTimeout(s.source.length), discardStdout: true })).seconds;
}

/** Every path, once, on both sides, with a slice of the source; nothing is measured. */
export async function warmUp(s: TransferSetup, bytes: number): Promise<void> {
  const data = s.source.subarray(0, Math.min(bytes, s.source.length));
  await apiWrite(s.api, '/warm-api.bin', data, s.apiChunks);
  await apiRead(s.api, '/warm-api.bin', data, s.apiChunks);
  await hdfsPut(s, '/warm-put.bin', 'stdin', data);
  await hdfsCat(s, '/warm-put.bin', data);
  await hdfsCat(s, '/warm-api.bin', data);
  await apiRead(s.api, '/warm-put.bin', data, s.apiChunks);
  for (const p of ['/warm-api.bin', '/warm-put.bin']) await s.remove(p);
}

/**
 * `runs` rounds of: API write, API read, `hdfs put FILE`, `hdfs put -` (stdin from memory),
 * `hdfs cat` of the put file (compared with the source as it arrives, then once more straight to
 * /dev/null), every other read compared with the source too. The first round also reads
 * each side's file through the other side (untimed), so both paths store the same bytes. Each
 * round's files are removed before the next. Returns the best seconds of each transfer.
 */
export async function measureTransfers(s: TransferSetup, runs: number): Promise<TransferResult> {
  const best: TransferResult = { hdfsPutFile: Infinity, hdfsPutStdin: Infinity, hdfsCat: Infinity, hdfsCatDevNull: Infinity, apiWrite: Infinity, apiRead: Infinity };
  const mb = s.source.length / 1e6;
  const note = (key: keyof TransferResult, what: string, sec: number) => {
    best[key] = Math.min(best[key], sec);
    s.log(`${what}: ${sec.toFixed(2)} s, ${Math.round(mb / sec)} MB/s`);
  };
  for (let r = 0; r < runs; r++) {
    const [api, file, stdin] = [`/api${r}.bin`, `/put-file${r}.bin`, `/put-stdin${r}.bin`];
    s.log(`run ${r + 1} of ${runs}`);
    note('apiWrite', `  API write ${api}`, await apiWrite(s.api, api, s.source, s.apiChunks));
    note('apiRead', `  API read ${api}`, await apiRead(s.api, api, s.source, s.apiChunks));
    note('hdfsPutFile', `  hdfs put ${s.sourceFile} ${file}`, await hdfsPut(s, file, 'file'));
    note('hdfsPutStdin', `  hdfs put - ${stdin} (stdin from memory)`, await hdfsPut(s, stdin, 'stdin'));
    note('hdfsCat', `  hdfs cat ${file} (verified in this process)`, await hdfsCat(s, file));
    note('hdfsCatDevNull', `  hdfs cat ${file} > /dev/null`, await hdfsCatDevNull(s, file));
    if (r === 0) {
      await hdfsCat(s, api);
      await apiRead(s.api, stdin, s.source, s.apiChunks);
      s.log('  cross-check: hdfs cat of the API file and API read of the stdin-put file match the source');
    }
    for (const p of [api, file, stdin]) await s.remove(p);
  }
  return best;
}
