import { POOL_ID } from '../blocks/index.js';
import type { DatanodeAddress, LocatedBlock, LocatedBlocks } from '../namespace/types.js';

/** Rack every datanode is shown in (the volume has no topology). */
const RACK = '/default-rack';

function xferAddr(dn: DatanodeAddress): string {
  return `${dn.ip}:${dn.xferPort}`;
}

/** GETFILEBLOCKLOCATIONS's body: `{"BlockLocations":{"BlockLocation":[…]}}` (FileSystem's BlockLocation[]). */
export function blockLocationsJson(lbs: LocatedBlocks): unknown {
  return {
    BlockLocations: {
      BlockLocation: lbs.blocks.map((b) => ({
        cachedHosts: [],
        corrupt: false,
        hosts: b.locations.map((d) => d.hostName),
        length: b.length,
        names: b.locations.map(xferAddr),
        offset: b.offset,
        storageTypes: b.locations.map(() => 'DISK'),
        topologyPaths: b.locations.map((d) => `${RACK}/${xferAddr(d)}`),
      })),
    },
  };
}

/** GET_BLOCK_LOCATIONS's body: the older `{"LocatedBlocks":{…}}` form (HDFS's own LocatedBlocks). */
export function locatedBlocksJson(lbs: LocatedBlocks): unknown {
  return {
    LocatedBlocks: {
      fileLength: lbs.fileLength,
      isLastBlockComplete: lbs.isLastBlockComplete,
      isUnderConstruction: lbs.underConstruction,
      lastLocatedBlock: lbs.lastBlock ? locatedBlockJson(lbs.lastBlock) : null,
      locatedBlocks: lbs.blocks.map(locatedBlockJson),
    },
  };
}

function locatedBlockJson(b: LocatedBlock): unknown {
  return {
    block: { blockId: b.blockId, blockPoolId: POOL_ID, generationStamp: b.generationStamp, numBytes: b.length },
    blockToken: { urlString: tokenUrlString(b.token) },
    cachedLocations: [],
    isCorrupt: false,
    locations: b.locations.map(datanodeInfoJson),
    startOffset: b.offset,
    storageTypes: b.locations.map(() => 'DISK'),
  };
}

function datanodeInfoJson(d: DatanodeAddress): unknown {
  return {
    adminState: 'NORMAL',
    hostName: d.hostName,
    infoPort: d.infoPort,
    infoSecurePort: 0,
    ipAddr: d.ip,
    ipcPort: d.ipcPort,
    name: xferAddr(d),
    networkLocation: RACK,
    storageID: d.uuid,
    xferPort: d.xferPort,
  };
}

/**
 * Token.encodeToUrlString: the token's Writable form (vint-prefixed identifier, password, kind
 * and service) in URL-safe base64 without padding, so a Java client can decode it.
 */
export function tokenUrlString(t: { identifier: Uint8Array; password: Uint8Array; kind: string; service: string }): string {
  const parts: Buffer[] = [];
  const field = (b: Uint8Array) => parts.push(writableVInt(b.length), Buffer.from(b));
  field(t.identifier);
  field(t.password);
  field(Buffer.from(t.kind, 'utf8'));
  field(Buffer.from(t.service, 'utf8'));
  return Buffer.concat(parts).toString('base64url');
}

/** Hadoop's WritableUtils.writeVLong for a non-negative length. */
function writableVInt(n: number): Buffer {
  if (n <= 127) return Buffer.from([n]);
  const bytes: number[] = [];
  for (let v = n; v > 0; v = Math.floor(v / 256)) bytes.unshift(v & 0xff);
  // -113 - k announces k following big-endian bytes of a positive value.
  return Buffer.from([(-112 - bytes.length) & 0xff, ...bytes]);
}
