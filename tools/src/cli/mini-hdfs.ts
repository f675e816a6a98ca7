/**
 * mini-hdfs: starts a real HDFS (Hadoop's minicluster) on loopback, the baseline the shim is
 * compared with. `node tools/bin/mini-hdfs.js [--dir D] [--port P] [--datanodes N]
 * [--replication R] [--block-size B]`; prints the URI and runs until interrupted.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { startMiniHdfs } from '../hadoop/mini-hdfs.js';

const program = new Command('mini-hdfs')
  .description('start a real HDFS (Hadoop\'s minicluster, from tools/hadoop) on 127.0.0.1')
  .option('--dir <dir>', 'data directory (wiped); default: a new temp dir')
  .option('--port <port>', 'NameNode RPC port (0: any free one)', '0')
  .option('--datanodes <n>', 'number of DataNodes', '2')
  .option('--replication <n>', 'default replication', '2')
  .option('--block-size <bytes>', 'default block size')
  .action(async (o: { dir?: string; port: string; datanodes: string; replication: string; blockSize?: string }) => {
    const dir = o.dir ?? mkdtempSync(join(tmpdir(), 'mini-hdfs-'));
    process.stderr.write(`starting the minicluster in ${dir} ...\n`);
    const hdfs = await startMiniHdfs({
      dir, port: Number(o.port), datanodes: Number(o.datanodes), replication: Number(o.replication),
      blockSize: o.blockSize ? Number(o.blockSize) : undefined,
    });
    process.stdout.write(`${hdfs.uri}\n`);
    const stop = (): void => { void hdfs.stop().then(() => process.exit(0)); };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    hdfs.process.once('exit', (code) => process.exit(code ?? 1));
  });

program.parseAsync().catch((e: Error) => {
  process.stderr.write(`mini-hdfs: ${e.message}\n`);
  process.exit(1);
});
