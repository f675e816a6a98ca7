import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { defaultVolumeSpec, formatVolumeSpec, parseVolumeSpec } from '../../src/api/index.js';

const GOOD: [string, { host: string; port: number; volume: string }][] = [
  ['127.0.0.1/gv0', { host: '127.0.0.1', port: 24007, volume: 'gv0' }],
  ['server1:24017/data-vol', { host: 'server1', port: 24017, volume: 'data-vol' }],
  ['[::1]:30000/v', { host: '::1', port: 30000, volume: 'v' }],
  ['localhost/vol_1/', { host: 'localhost', port: 24007, volume: 'vol_1' }],
];

test('volume specs parse into host, port and volume', () => {
  for (const [text, want] of GOOD) assert.equal(parseVolumeSpec(text), want, text);
});

test('bad volume specs are EINVAL', () => {
  for (const text of ['gv0', 'host:/gv0', 'host:99999/gv0', 'host/a/b', '', 'host:12x/v']) {
    assert.throws(() => parseVolumeSpec(text), (e: { code?: string }) => e.code === 'EINVAL', text);
  }
});

test('specs format back to host:port/volume', () => {
  assert.is(formatVolumeSpec(parseVolumeSpec('h/v')), 'h:24007/v');
  assert.is(formatVolumeSpec(parseVolumeSpec('[::1]/v')), '[::1]:24007/v');
});

test('the default volume is $GLUSTER_VOLUME, else the embedded npm start cluster', () => {
  assert.is(defaultVolumeSpec({}), '127.0.0.1:24007/gv0');
  assert.is(defaultVolumeSpec({ GLUSTER_VOLUME: 'h:1/v' }), 'h:1/v');
});

test.run();
