// WebHDFS REST API: the namenode side (metadata, redirects) and the datanode side (bytes).
export { createWebHdfsServer, type WebHdfsServer, type WebHdfsServerOptions } from './server.js';
export { computeFileChecksum } from './file-checksum.js';
export type { FileChecksumJson } from './checksum.js';
