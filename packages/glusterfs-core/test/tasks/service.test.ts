import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { FsError } from '../../src/errors/index.js';
import { silentLogger } from '../../src/log/index.js';
import type { RpcCallInfo } from '../../src/rpc/types.js';
import { createTaskService, type TaskService } from '../../src/tasks/service.js';

const test = suite('tasks/service');
const plugin = fileURLToPath(new URL('../fixtures/tasks/sample-handlers.js', import.meta.url));
let root = '';
let svc: TaskService;

function callInfo(chunks: unknown[] = [], signal = new AbortController().signal): RpcCallInfo {
  return { connId: 'c1', peer: '127.0.0.1:1', auth: { local: false, address: '127.0.0.1' }, emit: (c) => chunks.push(c), signal };
}

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    assert.instance(e, FsError);
    return (e as FsError).code;
  }
  throw new Error('expected a failure');
}

test.before(() => {
  root = mkdtempSync(join(tmpdir(), 'task-brick-'));
  mkdirSync(join(root, 'd'));
  writeFileSync(join(root, 'd/f'), Buffer.alloc(1234));
  svc = createTaskService({ path: root, volume: 'v', subvolume: 'v-client-0' }, [plugin], silentLogger());
});

test.after(async () => {
  await svc.close();
  rmSync(root, { recursive: true, force: true });
});

test('list names the built-in and plugin tasks', async () => {
  assert.equal(await svc.procs.list([], callInfo()), ['du', 'sample.count', 'sample.crash', 'sample.fail', 'sample.resident']);
});

test('du runs in the worker pool on the brick directory', async () => {
  const r = await svc.procs.run(['du', { path: '/', summary: true }], callInfo());
  assert.equal(r, { bytes: 1234, files: 1, dirs: 2 });
});

test('chunks arrive in order before the result, and Buffers come back as Buffers', async () => {
  const chunks: unknown[] = [];
  const r = (await svc.procs.run(['sample.count', { count: 500 }], callInfo(chunks))) as { done: number; bytes: Buffer };
  assert.is(chunks.length, 500);
  assert.equal(chunks[0], { i: 0, brick: 'v-client-0' });
  assert.ok(chunks.every((c, i) => (c as { i: number }).i === i));
  assert.is(r.done, 500);
  assert.ok(Buffer.isBuffer(r.bytes));
  assert.is(r.bytes.toString(), 'raw');
});

test('a handler error keeps its errno across the thread boundary', async () => {
  assert.is(await codeOf(svc.procs.run(['sample.fail', { code: 'ENOENT' }], callInfo())), 'ENOENT');
});

test('an unknown task is EINVAL', async () => {
  assert.is(await codeOf(svc.procs.run(['nope', {}], callInfo())), 'EINVAL');
  assert.is(await codeOf(svc.procs.run([42, {}], callInfo())), 'EINVAL');
});

test('many tasks at once all complete', async () => {
  const runs = Array.from({ length: 50 }, () => svc.procs.run(['du', { path: '/d', summary: false }], callInfo()));
  for (const r of await Promise.all(runs)) assert.equal(r, { f: 1234 });
});

test('a resident task keeps its state between calls on one thread, started once', async () => {
  const a = (await svc.procs.run(['sample.resident', null], callInfo())) as { started: number; calls: number; threadId: number };
  const b = (await svc.procs.run(['sample.resident', null], callInfo())) as { started: number; calls: number; threadId: number };
  assert.is(a.started, 1);
  assert.is(b.calls, a.calls + 1);
  assert.is(b.threadId, a.threadId);
});

test('a crashed resident thread fails its calls with EIO and comes back with fresh state', async () => {
  const before = (await svc.procs.run(['sample.resident', null], callInfo())) as { threadId: number };
  assert.is(await codeOf(svc.procs.run(['sample.crash', null], callInfo())), 'EIO');
  let after: { started: number; calls: number; threadId: number } | undefined;
  for (let i = 0; i < 100 && !after; i++) {
    after = await (svc.procs.run(['sample.resident', null], callInfo()) as Promise<typeof after>).catch(async () => {
      await new Promise((r) => setTimeout(r, 50));
      return undefined;
    });
  }
  assert.ok(after, 'the resident thread restarted');
  assert.is.not(after!.threadId, before.threadId);
  assert.is(after!.started, 1);
  assert.is(after!.calls, 1);
});

test('a module that cannot load makes every call EINVAL', async () => {
  const bad = createTaskService({ path: root, volume: 'v', subvolume: 'x' }, ['/nonexistent/module.js'], silentLogger());
  try {
    assert.is(await codeOf(bad.procs.run(['du', { path: '/', summary: true }], callInfo())), 'EINVAL');
  } finally {
    await bad.close();
  }
});

test.run();
