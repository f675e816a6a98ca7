import * as assert from 'uvu/assert';

/** A finished exchange: status, headers and the body as bytes and (when JSON) parsed. */
export interface Answer {
  status: number;
  headers: Headers;
  bytes: Buffer;
  json: any;
}

/** One request with plain fetch, never following redirects. */
export async function call(method: string, url: string, body?: Buffer | string): Promise<Answer> {
  const res = await fetch(url, { method, body, redirect: 'manual' });
  const bytes = Buffer.from(await res.arrayBuffer());
  const json = res.headers.get('content-type') === 'application/json' ? JSON.parse(bytes.toString()) : undefined;
  return { status: res.status, headers: res.headers, bytes, json };
}

/** `<base>/webhdfs/v1<path>?op=<op>&…`. */
export function url(base: string, path: string, op: string, params: Record<string, string | number | boolean> = {}): string {
  const q = new URLSearchParams({ op });
  for (const [k, v] of Object.entries(params)) q.append(k, String(v));
  return `${base}/webhdfs/v1${path}?${q.toString()}`;
}

/** Sends the op to the namenode, expects a 307 and sends the body to its Location, as a client would. */
export async function viaRedirect(method: string, first: string, body?: Buffer): Promise<{ redirect: string; answer: Answer }> {
  const r = await call(method, first);
  assert.is(r.status, 307, `expected a redirect, got ${r.status} ${r.bytes.toString()}`);
  const redirect = r.headers.get('location')!;
  return { redirect, answer: await call(method, redirect, body) };
}

/** The RemoteException of a failed answer, after checking its status. */
export function remote(a: Answer, status: number): { exception: string; javaClassName: string; message: string } {
  assert.is(a.status, status, a.bytes.toString());
  assert.ok(a.json?.RemoteException, a.bytes.toString());
  return a.json.RemoteException;
}
