import { defineOptions } from '../../../volume/index.js';

/** Options of storage/posix, as a volfile names them. */
export const POSIX_OPTIONS = defineOptions({
  directory: {
    type: 'string',
    doc: 'Brick root: an existing directory on a local file system with xattrs (required).',
  },
  'volume-id': {
    type: 'string',
    doc: 'Volume UUID; stored in trusted.glusterfs.volume-id at first start, refused if the brick carries another.',
  },
  'brick-host': {
    type: 'string',
    doc: 'Host name clients reach this brick by (its remote-host), reported in trusted.glusterfs.pathinfo; default: the machine\'s host name.',
  },
  gfid2path: {
    type: 'bool',
    default: true,
    doc: 'Keep trusted.gfid2path.<xxh64> reverse-path xattrs on files (one per hard link).',
  },
  'sync-io-max': {
    type: 'int',
    default: 65536,
    min: 0,
    doc: 'Reads and writes up to this many bytes run synchronously (page-cache copies); larger ones use the thread pool.',
  },
});
