/**
 * The handful of file operations the volume benchmark needs, so the same workload runs on a
 * local directory (Node's fs), on a GlusterFS FUSE mount (Node's fs again) and on our volume
 * (the client API).
 */
export interface IoTarget {
  readonly name: string;
  mkdir(path: string): Promise<void>;
  writeFile(path: string, data: Buffer): Promise<void>;
  stat(path: string): Promise<number>;
  readFile(path: string): Promise<Buffer>;
  /** Opens `path` for a sequential positional write/read test. */
  openWrite(path: string): Promise<PositionalFile>;
  openRead(path: string): Promise<PositionalFile>;
  close(): Promise<void>;
}

/** A file open for positional I/O. */
export interface PositionalFile {
  pwrite(data: Buffer, pos: number): Promise<void>;
  pread(len: number, pos: number): Promise<Buffer>;
  close(): Promise<void>;
}
