// The HDFS namenode: ClientProtocol over Hadoop IPC, answered from the namespace layer.
export { namenodeHandler, CLIENT_PROTOCOL } from './dispatch.js';
export { isValidName, NamenodePaths, type PathUse } from './paths.js';
export { METHODS, type MethodName } from './protocol-messages.js';
export { LISTING_PAGE } from './read-handlers.js';
export * from './hdfs-messages.js';
