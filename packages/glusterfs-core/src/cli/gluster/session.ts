import { createInterface } from 'node:readline/promises';
import type { Command } from 'commander';
import { isErrno } from '../../errors/index.js';
import { connectGlusterd, DEFAULT_MGMT_PORT, type MgmtClient } from '../../mgmt/index.js';

/** Global options of `gluster`. */
export interface GlobalOpts {
  remoteHost?: string;
  glusterdSock?: string;
  mode?: string;
}

/** Where the CLI sends its requests: --remote-host, else $GLUSTER_REMOTE_HOST, else 127.0.0.1:24007. */
export function remoteOf(cmd: Command): { host: string; port: number } {
  const g = cmd.optsWithGlobals<GlobalOpts>();
  const spec = g.remoteHost ?? process.env.GLUSTER_REMOTE_HOST ?? '127.0.0.1';
  return parseHostPort(spec, DEFAULT_MGMT_PORT);
}

/** Parses `HOST[:PORT]`. */
export function parseHostPort(spec: string, defaultPort: number): { host: string; port: number } {
  const m = /^([^:]+)(?::(\d+))?$/.exec(spec.trim());
  if (!m) fail(`invalid host "${spec}": use HOST or HOST:PORT, e.g. 127.0.0.2:24007`);
  const port = m[2] === undefined ? defaultPort : Number(m[2]);
  if (port < 1 || port > 65535) fail(`invalid port in "${spec}": use 1-65535`);
  return { host: m[1], port };
}

/** An error's human message without the errno prefixes the RPC layer adds. */
export function reasonOf(e: unknown): string {
  let msg = e instanceof Error ? e.message : String(e);
  for (;;) {
    const m = /^([A-Z][A-Z0-9]+): ?/.exec(msg);
    if (!m || !isErrno(m[1])) return msg;
    msg = msg.slice(m[0].length);
  }
}

/** Prints `msg` to stderr and exits 1, as every failing gluster command does. */
export function fail(msg: string): never {
  process.stderr.write(msg.endsWith('\n') ? msg : msg + '\n');
  process.exit(1);
}

/**
 * Connects to glusterd (through its local socket when this user may open it, so root on its
 * server may change the pool; otherwise over TCP, read-only) and runs `fn`; a glusterd that
 * cannot be reached gets GlusterFS's "Connection failed" message plus what to check, and exit
 * code 1.
 */
export async function withGlusterd<T>(cmd: Command, fn: (c: MgmtClient) => Promise<T>): Promise<T> {
  const { host, port } = remoteOf(cmd);
  const socket = cmd.optsWithGlobals<GlobalOpts>().glusterdSock ?? process.env.GLUSTERD_SOCK;
  let client: MgmtClient;
  try {
    client = (await connectGlusterd(host, port, { socket, connectTimeoutMs: 5000, callTimeoutMs: 120_000 })).client;
  } catch (e) {
    const why = e instanceof Error && /TLS|EACCES|certificate/i.test(e.message) ? `: ${reasonOf(e)}` : '';
    fail(`Connection failed. Please check if gluster daemon is operational (is glusterd running on ${host}:${port}? start one with \`npm start\` or \`gcluster up --home DIR\`, or point --remote-host / $GLUSTER_REMOTE_HOST at a running one)${why}`);
  }
  try {
    return await fn(client);
  } finally {
    await client.close().catch(() => {});
  }
}

/**
 * Asks a yes/no question as GlusterFS does before destructive commands. In script mode, or
 * when stdin is not a terminal, the answer is yes without asking.
 */
export async function confirm(cmd: Command, question: string): Promise<boolean> {
  const g = cmd.optsWithGlobals<GlobalOpts>();
  if (g.mode === 'script' || !process.stdin.isTTY) return true;
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  try {
    const answer = await rl.question(`${question} (y/n) `);
    return /^y(es)?$/i.test(answer.trim());
  } finally {
    rl.close();
  }
}

/** Prints a JSON document (for --json). */
export function printJson(value: unknown): void {
  process.stdout.write(JSON.stringify(value, null, 2) + '\n');
}
