import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { postWebhook } from '../../src/triggers/webhook.js';

const test = suite('triggers/webhook');

test('the event is POSTed as JSON; the status and the answer tail come back; no answer is an error', async () => {
  const got: { method?: string; type?: string; body: string }[] = [];
  const server = createServer(async (req: IncomingMessage, res) => {
    let body = '';
    for await (const c of req) body += c;
    got.push({ method: req.method, type: req.headers['content-type'], body });
    if (req.url === '/slow') return; // never answers
    res.statusCode = req.url === '/fail' ? 503 : 204;
    res.end(req.url === '/fail' ? 'try later' : undefined);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  try {
    const ok = await postWebhook(`${base}/ok`, { path: '/a' }, 5000);
    assert.is(ok.status, 204);
    assert.equal(got[0], { method: 'POST', type: 'application/json', body: '{"path":"/a"}' });
    const fail = await postWebhook(`${base}/fail`, {}, 5000);
    assert.is(fail.status, 503);
    assert.is(fail.output, 'try later');
    const slow = await postWebhook(`${base}/slow`, {}, 300);
    assert.is(slow.status, null);
    assert.is(slow.timedOut, true);
    assert.match(slow.error ?? '', /no answer within 300 ms/);
  } finally {
    server.closeAllConnections();
    server.close();
  }
  const closed = createServer();
  await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
  const port = (closed.address() as AddressInfo).port;
  await new Promise((r) => closed.close(r));
  const refused = await postWebhook(`http://127.0.0.1:${port}/`, {}, 2000);
  assert.is(refused.status, null);
  assert.is(refused.error, 'ECONNREFUSED');
});

test.run();
