import type { TriggerDefinition } from './definition.js';
import { commandEnv, webhookBody, type Firing, type RunAccount } from './env.js';
import { runCommand } from './exec.js';
import { lookupAccount } from './account.js';
import { postWebhook } from './webhook.js';

/** How one attempt at delivering an event went. */
export interface Delivery {
  ok: boolean;
  /** `--exec`: the exit status (null when a signal ended it or it never started). */
  exitCode?: number | null;
  signal?: string | null;
  /** `--webhook`: the HTTP status (null when no answer came). */
  httpStatus?: number | null;
  timedOut: boolean;
  durationMs: number;
  /** The tail of the command's output or of the webhook's answer (at most 2 KiB). */
  output: string;
  /** Why it could not run or reach the URL at all. */
  error?: string;
}

/**
 * One attempt at firing trigger `def` for the event `f`: `--exec` runs the command (as
 * `--run-as`) and succeeds on exit status 0; `--webhook` POSTs the event and succeeds on a 2xx
 * answer. `stop` aborts it (the brick is stopping). Never rejects: an account that does not exist or cannot be switched to is a failed
 * attempt with `error` set.
 */
export async function deliver(def: TriggerDefinition, f: Firing, stop?: AbortSignal): Promise<Delivery> {
  const timeoutMs = def.timeoutSec * 1000;
  if (def.webhook !== undefined) {
    const r = await postWebhook(def.webhook, webhookBody(f), timeoutMs, stop);
    const ok = r.status !== null && r.status >= 200 && r.status < 300;
    return { ok, httpStatus: r.status, timedOut: r.timedOut, durationMs: r.durationMs, output: r.output, ...(r.error ? { error: r.error } : {}) };
  }
  let account: RunAccount;
  try {
    account = await lookupAccount(def.runAs);
  } catch (e) {
    return { ok: false, exitCode: null, timedOut: false, durationMs: 0, output: '', error: (e as Error).message.replace(/^[A-Z]+: /, '') };
  }
  const self = process.getuid?.() ?? 0;
  if (account.uid !== self && self !== 0) {
    return { ok: false, exitCode: null, timedOut: false, durationMs: 0, output: '',
      error: `the brick runs as uid ${self}, not root, so it cannot run commands as ${account.name}` };
  }
  const as = account.uid === self ? {} : { uid: account.uid, gid: account.gid };
  const r = await runCommand(def.exec!, { env: commandEnv(f, account), timeoutMs, signal: stop, ...as });
  return {
    ok: r.exitCode === 0 && !r.timedOut, exitCode: r.exitCode, signal: r.signal, timedOut: r.timedOut,
    durationMs: r.durationMs, output: r.output, ...(r.error ? { error: r.error } : {}),
  };
}
