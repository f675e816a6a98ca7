// WebHDFS REST API: the namenode side (metadata, redirects) and the datanode side (bytes).
export { createWebHdfsServer, WEBHDFS_USER_PATTERN, type WebHdfsServer, type WebHdfsServerOptions } from './server.js';
export { DEFAULT_HTTP_LIMITS, type HttpLimits, type HttpsIdentity } from './http-listener.js';
export { computeFileChecksum } from './file-checksum.js';
export type { FileChecksumJson } from './checksum.js';
