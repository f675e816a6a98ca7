import java.io.File;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hdfs.MiniDFSCluster;

/**
 * A real HDFS to measure the shim against: a NameNode and DataNodes in this one JVM, on
 * loopback. Arguments: DATA_DIR NAMENODE_PORT DATANODES REPLICATION [BLOCK_SIZE]. Prints
 * "READY hdfs://127.0.0.1:PORT" once it serves, and shuts down when stdin closes.
 */
public final class MiniHdfs {
  public static void main(String[] args) throws Exception {
    Configuration conf = new Configuration();
    conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, new File(args[0]).getAbsolutePath());
    conf.setInt("dfs.replication", Integer.parseInt(args[3]));
    if (args.length > 4) conf.setLong("dfs.blocksize", Long.parseLong(args[4]));
    conf.set("dfs.datanode.address", "127.0.0.1:0");
    conf.set("dfs.datanode.http.address", "127.0.0.1:0");
    conf.set("dfs.datanode.ipc.address", "127.0.0.1:0");
    conf.set("dfs.namenode.http-address", "127.0.0.1:0");
    conf.setBoolean("dfs.permissions.enabled", true);
    MiniDFSCluster cluster = new MiniDFSCluster.Builder(conf)
        .nameNodePort(Integer.parseInt(args[1]))
        .numDataNodes(Integer.parseInt(args[2]))
        .format(true)
        .build();
    cluster.waitActive();
    System.out.println("READY hdfs://127.0.0.1:" + cluster.getNameNodePort());
    System.out.flush();
    while (System.in.read() != -1) { /* until the parent closes stdin or dies */ }
    cluster.shutdown();
    System.exit(0);
  }
}
