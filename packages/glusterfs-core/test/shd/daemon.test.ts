import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { FsError } from '../../src/errors/index.js';
import { silentLogger } from '../../src/log/index.js';
import { connectRpc } from '../../src/rpc/index.js';
import {
  SHD_PROGRAM, SelfHealDaemon, shdStatistics, shdTrigger, type ShdVolumeInfo, type VolumeSource,
} from '../../src/shd/index.js';
import { rejectsWith } from '../api/expect-code.js';

const test = suite('shd/daemon');
const HOST = '127.0.0.1';

/** A volume source answering from a list it is given, counting how often it is asked. */
function listSource(volumes: ShdVolumeInfo[], failFirst = 0): VolumeSource & { asked: number } {
  const src = {
    asked: 0,
    async volumes() {
      src.asked++;
      if (src.asked <= failFirst) throw new FsError('ENOTCONN', 'glusterd is not there yet');
      return volumes;
    },
    async volfile(name: string): Promise<string> {
      throw new FsError('ENOENT', `no volfile for ${name}`);
    },
  };
  return src;
}

const vol = (name: string, over: Partial<ShdVolumeInfo>): ShdVolumeInfo => ({
  name, status: 'Started', replicaCount: 2, bricks: [{ host: '10.0.0.1' }, { host: '10.0.0.2' }], ...over,
});

test('volumes that are stopped, not replicated or without a brick here are not served', async () => {
  const src = listSource([
    vol('remote', {}),
    vol('stopped', { status: 'Stopped', bricks: [{ host: HOST }, { host: HOST }] }),
    vol('dist', { replicaCount: 1, bricks: [{ host: HOST }] }),
  ]);
  const shd = new SelfHealDaemon({ host: HOST, source: src, log: silentLogger() });
  const port = await shd.start(0);
  try {
    assert.equal(shd.volumes(), []);
    const rpc = connectRpc({ host: HOST, port, log: silentLogger(), reconnect: false });
    await rpc.waitConnected(5000);
    assert.equal(await rpc.call(SHD_PROGRAM, 'reload', []), []);
    await rpc.close();
  } finally {
    await shd.close();
  }
});

test('trigger and statistics for a volume the daemon does not serve are ENOENT over the RPC', async () => {
  const src = listSource([]);
  const shd = new SelfHealDaemon({ host: HOST, source: src, log: silentLogger() });
  const port = await shd.start(0);
  try {
    await rejectsWith(shdTrigger(HOST, port, 'gv0', false), 'ENOENT');
    await rejectsWith(shdStatistics(HOST, port, 'gv0'), 'ENOENT');
  } finally {
    await shd.close();
  }
});

test('a trigger for an unknown volume asks the source again before answering ENOENT', async () => {
  const src = listSource([]);
  const shd = new SelfHealDaemon({ host: HOST, source: src, log: silentLogger() });
  await shd.start(0);
  try {
    const before = src.asked;
    await rejectsWith(shd.trigger('gv0', true), 'ENOENT');
    assert.is(src.asked, before + 1);
  } finally {
    await shd.close();
  }
});

test('a daemon whose source is unreachable still starts and answers', async () => {
  const src = listSource([], 1);
  const shd = new SelfHealDaemon({ host: HOST, source: src, log: silentLogger() });
  const port = await shd.start(0);
  try {
    assert.is(src.asked, 1);
    await rejectsWith(shdStatistics(HOST, port, 'gv0'), 'ENOENT');
    assert.equal(await shd.reload(), []);
  } finally {
    await shd.close();
  }
});

test('bad RPC arguments are EINVAL', async () => {
  const shd = new SelfHealDaemon({ host: HOST, source: listSource([]), log: silentLogger() });
  const port = await shd.start(0);
  const rpc = connectRpc({ host: HOST, port, log: silentLogger(), reconnect: false });
  try {
    await rpc.waitConnected(5000);
    await rejectsWith(rpc.call(SHD_PROGRAM, 'statistics', [42]), 'EINVAL');
  } finally {
    await rpc.close();
    await shd.close();
  }
});

test.run();
