export { ERRNO, type Errno, errnoFromNumber, isErrno } from './errno.js';
export { FsError, isFsError } from './fs-error.js';
export { redactGfids, redactHostPaths } from './redact.js';
