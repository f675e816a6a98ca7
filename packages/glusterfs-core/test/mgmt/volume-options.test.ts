import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { FsError } from '../../src/errors/index.js';
import {
  affectsBricks, checkOptionValue, formatDefault, healTimeoutOf, selfHealDaemonOn, taskModulesOf, VOLUME_OPTIONS,
  volumeOption, xlatorOptionsOf,
} from '../../src/mgmt/volume-options.js';
import { resolveXlator } from '../../src/volume/index.js';

const test = suite('mgmt/volume-options');

function errorOf(fn: () => unknown): FsError {
  try { fn(); } catch (e) { if (e instanceof FsError) return e; throw e; }
  throw new Error('expected an FsError');
}

test('every translator option of the table is the translator\'s own spec, not a copy', () => {
  for (const o of VOLUME_OPTIONS.values()) {
    if (o.xlator) assert.is(o.spec, resolveXlator(o.xlator)!.options[o.option], o.key);
  }
});

const GOOD: [string, string, string][] = [
  ['cluster.lookup-optimize', 'off', 'off'],
  ['network.call-timeout', ' 30 ', '30'],
  ['performance.short-circuit-min-read', '4096', '4096'],
  ['storage.gfid2path', 'no', 'no'],
  ['brick.task-modules', '/a/x.js,/b/y.js', '/a/x.js,/b/y.js'],
  ['network.ping-timeout', '0', '0'],
  ['cluster.quorum-type', 'fixed', 'fixed'],
  ['cluster.quorum-count', '2', '2'],
  ['cluster.data-self-heal-algorithm', 'full', 'full'],
  ['cluster.self-heal-block-size', '65536', '65536'],
  ['cluster.eager-lock', 'off', 'off'],
  ['cluster.post-op-delay-ms', '0', '0'],
  ['cluster.self-heal-daemon', 'off', 'off'],
  ['cluster.heal-timeout', '60', '60'],
];
for (const [key, value, stored] of GOOD) {
  test(`${key} ${JSON.stringify(value)} is accepted and stored as ${JSON.stringify(stored)}`, () => {
    assert.is(checkOptionValue(key, value), stored);
  });
}

const BAD: [string, string, RegExp][] = [
  ['cluster.lookup-optimize', 'maybe', /cluster\/dht: option "lookup-optimize" must be on or off/],
  ['network.call-timeout', '0', /protocol\/client: option "call-timeout" must be ≥ 1/],
  ['network.call-timeout', 'soon', /must be an integer/],
  ['no.such-option', 'on', /option no.such-option does not exist. `gluster volume set help`/],
  ['network.ping-timeout', '-1', /protocol\/client: option "ping-timeout" must be ≥ 0/],
  ['cluster.quorum-type', 'most', /cluster\/afr: option "quorum-type"/],
  ['cluster.self-heal-daemon', 'sometimes', /must be on or off/],
  ['cluster.heal-timeout', '1', /must be ≥ 5/],
  ['cluster.arbiter-count', '1', /option cluster.arbiter-count does not exist/],
];
for (const [key, value, message] of BAD) {
  test(`${key} ${JSON.stringify(value)} is EINVAL with the validation message`, () => {
    const e = errorOf(() => checkOptionValue(key, value));
    assert.is(e.code, 'EINVAL');
    assert.match(e.message, message);
  });
}

test('defaults print as volume get shows them', () => {
  assert.is(formatDefault(volumeOption('cluster.lookup-optimize').spec), 'on');
  assert.is(formatDefault(volumeOption('network.call-timeout').spec), '60');
  assert.is(formatDefault(volumeOption('brick.task-modules').spec), 'gfind');
  assert.equal(taskModulesOf({}), ['gfind']);
  assert.is(formatDefault(volumeOption('changelog.changelog').spec), 'on');
});

test('options are split by graph and translator, under the translator\'s keys', () => {
  const set = { 'cluster.lookup-optimize': 'off', 'network.call-timeout': '5', 'storage.gfid2path': 'off', 'brick.task-modules': 'a, b' };
  assert.equal(xlatorOptionsOf(set, 'client', 'cluster/dht'), { 'lookup-optimize': 'off' });
  assert.equal(xlatorOptionsOf(set, 'client', 'protocol/client'), { 'call-timeout': '5' });
  assert.equal(xlatorOptionsOf(set, 'brick', 'storage/posix'), { gfid2path: 'off' });
  assert.equal(taskModulesOf(set), ['a', 'b']);
  assert.ok(affectsBricks('storage.gfid2path') && affectsBricks('brick.task-modules'));
  assert.not.ok(affectsBricks('cluster.lookup-optimize'));
});

test('replicate options go to cluster/afr; ping-timeout to protocol/client; shd options to no volfile', () => {
  const set = {
    'cluster.quorum-type': 'fixed', 'cluster.eager-lock': 'off', 'network.ping-timeout': '10',
    'cluster.self-heal-daemon': 'off', 'cluster.heal-timeout': '60',
  };
  assert.equal(xlatorOptionsOf(set, 'client', 'cluster/afr'), { 'quorum-type': 'fixed', 'eager-lock': 'off' });
  assert.equal(xlatorOptionsOf(set, 'client', 'protocol/client'), { 'ping-timeout': '10' });
  for (const key of ['cluster.self-heal-daemon', 'cluster.heal-timeout']) {
    assert.is(volumeOption(key).graph, 'shd', key);
    assert.not.ok(affectsBricks(key), key);
  }
  assert.is(formatDefault(volumeOption('network.ping-timeout').spec), '42');
});

test('the self-heal daemon runs unless turned off, with a 600 s heal timeout by default', () => {
  assert.is(selfHealDaemonOn({}), true);
  assert.is(selfHealDaemonOn({ 'cluster.self-heal-daemon': 'off' }), false);
  assert.is(selfHealDaemonOn({ 'cluster.self-heal-daemon': 'enable' }), true);
  assert.is(healTimeoutOf({}), 600);
  assert.is(healTimeoutOf({ 'cluster.heal-timeout': '30' }), 30);
});

test.run();
