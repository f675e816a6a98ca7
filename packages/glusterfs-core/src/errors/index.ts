export { ERRNO, type Errno, errnoFromNumber, isErrno } from './errno.js';
export { FsError, isFsError } from './fs-error.js';
export { redactGfids, hostPathRedactor } from './redact.js';
