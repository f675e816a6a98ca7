export { Glusterd, type GlusterdOptions } from './daemon.js';
export { MgmtClient, type MgmtConnectOptions } from './client.js';
export {
  MGMT_PROGRAM, PMAP_PROGRAM, GETSPEC_PROGRAM, DEFAULT_MGMT_PORT, DEFAULT_BRICK_PORT_BASE, type ProbeOutcome,
} from './protocol.js';
export type {
  BrickRef, BrickStatus, ClusterState, CreateVolumeRequest, DaemonStatus, PeerRecord, PeerState, TriggerRecord,
  VolumeRecord, VolumeStatus, VolumeStatusReport, VolumeType,
} from './types.js';
export { brickTriggersPath, type BrickTriggersFile } from './brick-triggers.js';
export { clientVolfile, brickVolfile } from './volgen.js';
export {
  VOLUME_OPTIONS, volumeOption, checkOptionValue, formatDefault, type VolumeOption, type OptionGraph,
} from './volume-options.js';
export type { OptionValue } from './volume-set.js';
export { validateCreate, checkVolumeName, ARBITER_USAGE, type CreatePlan, type CreateContext } from './validate.js';
export { parseBrickSpec, formatBrick, brickFileId, clientSubvolName } from './brick-spec.js';
export { Store } from './store.js';
export type { HostHealStatistics } from './heal-ops.js';
export { wantsShd } from './shd-monitor.js';
export { selfHealDaemonOn } from './volume-options.js';
export { CORE_BINS } from './bin-paths.js';
export { isOurProcess, readPidFile, stopForeignProcess } from './pidfile.js';
export { PoolSecrets, POOL_USER, SHD_USER, type BrickUser } from './secrets.js';
export { connectGlusterd, defaultSslDir, type ConnectGlusterdOptions, type GlusterdConnection } from './connect.js';
export type { GlusterdHello } from './client.js';
export { sslDirOf, secureAccessOn } from './daemon.js';
