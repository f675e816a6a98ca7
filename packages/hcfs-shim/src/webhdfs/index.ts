// WebHDFS REST API: the namenode side (metadata, redirects) and the datanode side (bytes).
export { createWebHdfsServer, type WebHdfsServer, type WebHdfsServerOptions } from './server.js';
export { computeFileChecksum } from './file-checksum.js';
export { fileChecksumOf, createBlockDigest, serializeFileChecksum, type FileChecksumJson, type BlockDigest } from './checksum.js';
export { fileStatusJson } from './status-json.js';
