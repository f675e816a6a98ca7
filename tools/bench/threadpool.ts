// Imported first by benchmarks that write through a FUSE mount with Node's fs: every fs call
// runs on libuv's thread pool, 4 threads unless told otherwise before its first use, which would
// cap the writes in flight at 4 whatever the benchmark's concurrency says.
process.env.UV_THREADPOOL_SIZE ??= '64';
