import type { Volume } from 'glusterfs-core';
import * as attrs from './attr-ops.js';
import type { NsContext } from './context.js';
import type { FsLimits } from './limits.js';
import { listLocated } from './located-listing.js';
import * as reads from './read-ops.js';
import * as tree from './tree-ops.js';
import type {
  AppendResult, ContentSummary, CreateOptions, DatanodeAddress, FileStatus, FsStats, HdfsUser, Listing,
  LocatedBlock, LocatedBlocks, LocatedListing, Namespace, ServerDefaults, XAttr,
} from './types.js';
import * as writes from './write-ops.js';
import * as xattrs from './xattr-ops.js';

/** The {@link Namespace} over one mounted volume: each call delegates to its operation module. */
export class HdfsNamespace implements Namespace {
  readonly #c: NsContext;

  constructor(c: NsContext) {
    this.#c = c;
  }

  /** The volume this namespace serves. */
  get volume(): Volume {
    return this.#c.vol;
  }

  status(user: HdfsUser, path: string): Promise<FileStatus | undefined> { return reads.status(this.#c, user, path); }
  list(user: HdfsUser, path: string, startAfter: string, limit: number): Promise<Listing | undefined> {
    return reads.list(this.#c, user, path, startAfter, limit);
  }
  listLocated(user: HdfsUser, path: string, startAfter: string, limit: number): Promise<LocatedListing | undefined> {
    return listLocated(this.#c, user, path, startAfter, limit);
  }
  mkdirs(user: HdfsUser, path: string, permission: number, createParent: boolean): Promise<boolean> {
    return tree.mkdirs(this.#c, user, path, permission, createParent);
  }
  create(user: HdfsUser, path: string, opts: CreateOptions): Promise<FileStatus> { return writes.create(this.#c, user, path, opts); }
  append(user: HdfsUser, path: string, clientName: string): Promise<AppendResult> { return writes.append(this.#c, user, path, clientName); }
  addBlock(user: HdfsUser, path: string, clientName: string, previous?: bigint): Promise<LocatedBlock> {
    return writes.addBlock(this.#c, user, path, clientName, previous);
  }
  complete(user: HdfsUser, path: string, clientName: string): Promise<boolean> { return writes.complete(this.#c, user, path, clientName); }
  renewLease(clientName: string): void { this.#c.leases.renew(clientName); }
  blockLocations(user: HdfsUser, path: string, offset: number, length: number): Promise<LocatedBlocks> {
    return reads.blockLocations(this.#c, user, path, offset, length);
  }
  delete(user: HdfsUser, path: string, recursive: boolean): Promise<boolean> { return tree.remove(this.#c, user, path, recursive); }
  rename(user: HdfsUser, src: string, dst: string, overwrite: boolean): Promise<void> { return tree.rename(this.#c, user, src, dst, overwrite); }
  renameLegacy(user: HdfsUser, src: string, dst: string): Promise<boolean> { return tree.renameLegacy(this.#c, user, src, dst); }
  setPermission(user: HdfsUser, path: string, permission: number): Promise<void> { return attrs.setPermission(this.#c, user, path, permission); }
  setOwner(user: HdfsUser, path: string, owner: string | undefined, group: string | undefined): Promise<void> {
    return attrs.setOwner(this.#c, user, path, owner, group);
  }
  setTimes(user: HdfsUser, path: string, mtime: number, atime: number): Promise<void> { return attrs.setTimes(this.#c, user, path, mtime, atime); }
  contentSummary(user: HdfsUser, path: string): Promise<ContentSummary> { return reads.contentSummary(this.#c, user, path); }
  fsStats(): Promise<FsStats> { return reads.fsStats(this.#c); }
  serverDefaults(): ServerDefaults {
    return { blockSize: this.#c.inodes.defaultBlockSize, bytesPerChecksum: 512, writePacketSize: 65536, replication: this.#c.replication, fileBufferSize: 4096 };
  }
  truncate(user: HdfsUser, path: string, newLength: number, clientName: string): Promise<boolean> {
    return writes.truncate(this.#c, user, path, newLength, clientName);
  }
  getXAttrs(user: HdfsUser, path: string, names: XAttr[]): Promise<XAttr[]> { return xattrs.getXAttrs(this.#c, user, path, names); }
  listXAttrs(user: HdfsUser, path: string): Promise<XAttr[]> { return xattrs.listXAttrs(this.#c, user, path); }
  setXAttr(user: HdfsUser, path: string, xattr: XAttr, flag: number): Promise<void> { return xattrs.setXAttr(this.#c, user, path, xattr, flag); }
  removeXAttr(user: HdfsUser, path: string, xattr: XAttr): Promise<void> { return xattrs.removeXAttr(this.#c, user, path, xattr); }
  homeDirectory(user: HdfsUser): string { return `/user/${user.name}`; }
  writeTarget(): DatanodeAddress { return this.#c.datanodes.local(); }
  get limits(): FsLimits { return { ...this.#c.limits }; }

  /** The datanodes' WebHDFS port, for redirects (known once that server listens). */
  setDatanodeHttpPort(port: number): void {
    this.#c.datanodes.setHttpPort(port);
  }

  /** Groups of an HDFS user, from this host's accounts (HDFS's default group mapping). */
  groupsOf(name: string): string[] {
    return this.#c.os.groupsByUser.get(name) ?? [];
  }

  /** Stops background work (the lease sweep). The volume stays mounted. */
  close(): void {
    this.#c.leases.close();
  }
}
