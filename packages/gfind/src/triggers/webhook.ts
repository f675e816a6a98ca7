import { OutputTail } from './output-tail.js';

/** How a webhook call ended. */
export interface WebhookOutcome {
  /** The HTTP status, or null when no answer came (refused, timed out). */
  status: number | null;
  timedOut: boolean;
  /** The last 2 KiB of the answer's body. */
  output: string;
  durationMs: number;
  /** Why no answer came. */
  error?: string;
}

/**
 * POSTs `body` as JSON to `url` (`content-type: application/json`), giving up after
 * `timeoutMs` (or when `stop` aborts). Success is a 2xx answer; the caller decides. Never rejects.
 */
export async function postWebhook(url: string, body: unknown, timeoutMs: number, stop?: AbortSignal): Promise<WebhookOutcome> {
  const started = Date.now();
  const timeout = AbortSignal.timeout(timeoutMs);
  const signal = stop ? AbortSignal.any([timeout, stop]) : timeout;
  const tail = new OutputTail();
  try {
    const res = await fetch(url, {
      method: 'POST', headers: { 'content-type': 'application/json', 'user-agent': 'gtrigger' },
      body: JSON.stringify(body), signal,
    });
    if (res.body) for await (const chunk of res.body) tail.push(Buffer.from(chunk as Uint8Array));
    return { status: res.status, timedOut: false, output: tail.text(), durationMs: Date.now() - started };
  } catch (e) {
    const err = e as Error & { cause?: { code?: string; message?: string } };
    const why = timeout.aborted ? `no answer within ${timeoutMs} ms` : stop?.aborted ? 'stopped' : err.cause?.code ?? err.cause?.message ?? err.message;
    return { status: null, timedOut: timeout.aborted, output: tail.text(), durationMs: Date.now() - started, error: why };
  }
}
