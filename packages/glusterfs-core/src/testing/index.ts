// Helpers for tests of this package and of the packages above it (`glusterfs-core/testing`).
export { makeTestCa, type TestCa } from './test-ca.js';
