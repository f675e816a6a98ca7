import { defineOptions } from '../../../volume/index.js';

/** Options of features/changelog, as a volfile names them. */
export const CHANGELOG_OPTIONS = defineOptions({
  changelog: {
    type: 'bool', default: true,
    doc: 'Record the brick\'s changes in its journal (`BRICK/.glusterfs/changelogs`); off passes every fop through.',
  },
  'changelog-dir': {
    type: 'string',
    doc: 'Absolute directory of the journal files (volgen: `<brick>/.glusterfs/changelogs`). Required when changelog is on.',
  },
  'rollover-time': {
    type: 'int', default: 15, min: 1,
    doc: 'Seconds a journal file collects records before the next one starts (a data change is recorded once per file).',
  },
  'fsync-interval': {
    type: 'int', default: 100, min: 1,
    doc: 'Milliseconds records wait in memory before one append and fdatasync writes the batch.',
  },
  'retention-hours': {
    type: 'int', default: 168, min: 0,
    doc: 'With no consumer registered, journal files older than this are deleted (0 keeps them); registered consumers keep every file they have not passed.',
  },
  subvolume: {
    type: 'string',
    doc: 'This brick\'s subvolume name in client volfiles, to recognise changes replicate marks as this brick\'s to record as primary.',
  },
});
