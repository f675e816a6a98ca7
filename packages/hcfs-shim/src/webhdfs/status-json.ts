import type { ContentSummary, FileStatus, Listing, ServerDefaults } from '../namespace/types.js';

const TYPE_NAMES = { file: 'FILE', dir: 'DIRECTORY', symlink: 'SYMLINK' } as const;

/** WebHDFS's JSON object of one FileStatus (HdfsFileStatus as NamenodeWebHdfsMethods writes it). */
export function fileStatusJson(st: FileStatus): Record<string, unknown> {
  const m: Record<string, unknown> = {
    accessTime: st.atime,
    blockSize: st.blockSize,
    childrenNum: st.childrenNum,
    fileId: st.fileId,
    group: st.group,
    length: st.length,
    modificationTime: st.mtime,
    owner: st.owner,
    pathSuffix: st.name,
    // Hadoop prints FsPermission.toShort() with %o: no leading zero, sticky bit included.
    permission: st.permission.toString(8),
    replication: st.replication,
    storagePolicy: 0,
    type: TYPE_NAMES[st.type],
  };
  if (st.type === 'symlink' && st.symlink !== undefined) m.symlink = st.symlink;
  return m;
}

/** `{"FileStatuses":{"FileStatus":[…]}}`, LISTSTATUS's body and DirectoryListing's partialListing. */
export function fileStatusesJson(entries: readonly FileStatus[]): { FileStatuses: { FileStatus: Record<string, unknown>[] } } {
  return { FileStatuses: { FileStatus: entries.map(fileStatusJson) } };
}

/** LISTSTATUS_BATCH's body: one page and how many entries follow it. */
export function directoryListingJson(page: Listing): unknown {
  return { DirectoryListing: { partialListing: fileStatusesJson(page.entries), remainingEntries: page.remaining } };
}

/** GETCONTENTSUMMARY's body; the volume has no HDFS quotas, so quotas are -1 (none). */
export function contentSummaryJson(cs: ContentSummary): unknown {
  return {
    ContentSummary: {
      directoryCount: cs.directoryCount,
      fileCount: cs.fileCount,
      length: cs.length,
      quota: -1,
      spaceConsumed: cs.spaceConsumed,
      spaceQuota: -1,
      typeQuota: {},
    },
  };
}

/** GETSERVERDEFAULTS's body (checksumType 2 = CRC32C, as the datanodes use). */
export function serverDefaultsJson(d: ServerDefaults): unknown {
  return {
    FsServerDefaults: {
      blockSize: d.blockSize,
      bytesPerChecksum: d.bytesPerChecksum,
      writePacketSize: d.writePacketSize,
      replication: d.replication,
      fileBufferSize: d.fileBufferSize,
      encryptDataTransfer: false,
      trashInterval: 0,
      checksumType: 2,
      keyProviderUri: '',
      defaultStoragePolicyId: 7,
    },
  };
}
