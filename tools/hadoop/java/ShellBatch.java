import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.BlockLocation;
import org.apache.hadoop.fs.BlockStoragePolicySpi;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.FsShell;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.permission.FsAction;
import org.apache.hadoop.hdfs.DistributedFileSystem;
import org.apache.hadoop.mapreduce.InputSplit;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.mapreduce.lib.input.FileInputFormat;
import org.apache.hadoop.mapreduce.lib.input.FileSplit;
import org.apache.hadoop.mapreduce.lib.input.TextInputFormat;
import org.apache.hadoop.util.ToolRunner;

/**
 * Test driver: runs many Hadoop client commands in one JVM, so a suite pays the JVM and
 * client start-up once. Arguments: the default file system URI, then any KEY=VALUE settings.
 * Each stdin line is one command, its words separated by TAB (with \t, \n and \\ escaped);
 * each answer is one JSON line {"code":N,"out":"...","err":"..."}.
 *
 * Commands: {@code fs ARGS...} is {@code hadoop fs ARGS...} (FsShell); {@code concat TARGET SRC...}
 * is FileSystem.concat; {@code locations PATH} prints one line per block, "OFFSET LENGTH
 * HOST,HOST"; {@code mkfiles DIR COUNT SIZE} creates COUNT files of SIZE bytes and prints the
 * milliseconds it took; {@code splits PATH} prints MapReduce's input splits of PATH as a job
 * plans them (TextInputFormat), one line per split, "FILE START LENGTH HOST,HOST"; {@code waitclosed PATH} waits (up to 60 s) until the file is closed, i.e.
 * no longer under construction or recovery (HDFS recovers a block cut by truncate in the
 * background), and prints how many milliseconds that took. FileSystem calls the shell has no
 * command for, each printing what the call returns: {@code access PATH ACTION} (FileSystem.access
 * with an FsAction name), {@code quota PATH} (getQuotaUsage), {@code policies}
 * (getAllStoragePolicies, one a line), {@code getpolicy PATH}, {@code setpolicy PATH NAME},
 * {@code unsetpolicy PATH}; {@code distcp ARGS...} runs DistCp (DistCpRun, on the jobs classpath); {@code read PATH} reads PATH to its end (as
 * -cat does, into a CRC32 instead of stdout) and prints "BYTES CRC32HEX MILLISECONDS".
 */
public final class ShellBatch {
  public static void main(String[] args) throws Exception {
    // Where a log binding is on the classpath (the jobs classpath's slf4j-simple), warnings and
    // errors only: they say why a job's task failed.
    System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", System.getProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn"));
    Configuration conf = new Configuration();
    conf.set("fs.defaultFS", args[0]);
    for (int i = 1; i < args.length; i++) {
      int eq = args[i].indexOf('=');
      conf.set(args[i].substring(0, eq), args[i].substring(eq + 1));
    }
    PrintStream realOut = System.out;
    PrintStream realErr = System.err;
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    realOut.println("{\"ready\":true}");
    realOut.flush();
    String line;
    while ((line = in.readLine()) != null) {
      if (line.isEmpty()) continue;
      List<String> words = split(line);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      int code;
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      try {
        // Each command is its own `hadoop ...` run: its -D settings stay in its copy of the
        // settings, and file systems (which read theirs when made) are made afresh for it.
        code = run(new Configuration(conf), words);
      } catch (Throwable t) {
        t.printStackTrace();
        code = -1;
      } finally {
        try {
          FileSystem.closeAll();
        } catch (Throwable t) {
          t.printStackTrace();
        }
        System.out.flush();
        System.err.flush();
        System.setOut(realOut);
        System.setErr(realErr);
      }
      realOut.println("{\"code\":" + code + ",\"out\":" + json(out.toString(StandardCharsets.UTF_8))
          + ",\"err\":" + json(err.toString(StandardCharsets.UTF_8)) + "}");
      realOut.flush();
    }
  }

  private static int run(Configuration conf, List<String> words) throws Exception {
    String verb = words.get(0);
    List<String> rest = words.subList(1, words.size());
    switch (verb) {
      case "fs":
        return ToolRunner.run(conf, new FsShell(), rest.toArray(new String[0]));
      case "concat": {
        FileSystem fs = FileSystem.get(conf);
        Path[] srcs = rest.subList(1, rest.size()).stream().map(Path::new).toArray(Path[]::new);
        fs.concat(new Path(rest.get(0)), srcs);
        return 0;
      }
      case "locations": {
        FileSystem fs = FileSystem.get(conf);
        FileStatus st = fs.getFileStatus(new Path(rest.get(0)));
        for (BlockLocation b : fs.getFileBlockLocations(st, 0, st.getLen())) {
          System.out.println(b.getOffset() + " " + b.getLength() + " " + String.join(",", b.getHosts()));
        }
        return 0;
      }
      case "splits": {
        Job job = Job.getInstance(conf);
        FileInputFormat.addInputPath(job, new Path(rest.get(0)));
        for (InputSplit s : new TextInputFormat().getSplits(job)) {
          FileSplit f = (FileSplit) s;
          System.out.println(f.getPath().toUri().getPath() + " " + f.getStart() + " " + f.getLength() + " " + String.join(",", f.getLocations()));
        }
        return 0;
      }
      case "mkfiles": {
        FileSystem fs = FileSystem.get(conf);
        Path dir = new Path(rest.get(0));
        int count = Integer.parseInt(rest.get(1));
        byte[] data = new byte[Integer.parseInt(rest.get(2))];
        Arrays.fill(data, (byte) 'x');
        fs.mkdirs(dir);
        long t0 = System.nanoTime();
        for (int i = 0; i < count; i++) {
          try (FSDataOutputStream o = fs.create(new Path(dir, "f" + i), false)) {
            o.write(data);
          }
        }
        System.out.println((System.nanoTime() - t0) / 1_000_000);
        return 0;
      }
      case "waitclosed": {
        DistributedFileSystem dfs = (DistributedFileSystem) FileSystem.get(conf);
        Path p = new Path(rest.get(0));
        long t0 = System.nanoTime();
        while (!dfs.isFileClosed(p)) {
          if (System.nanoTime() - t0 > 60_000_000_000L) {
            System.err.println("waitclosed: " + p + " is still not closed after 60 s");
            return 1;
          }
          Thread.sleep(100);
        }
        System.out.println((System.nanoTime() - t0) / 1_000_000);
        return 0;
      }
      case "access":
        FileSystem.get(conf).access(new Path(rest.get(0)), FsAction.valueOf(rest.get(1)));
        return 0;
      case "quota":
        System.out.println(FileSystem.get(conf).getQuotaUsage(new Path(rest.get(0))));
        return 0;
      case "policies":
        for (BlockStoragePolicySpi p : FileSystem.get(conf).getAllStoragePolicies()) System.out.println(p);
        return 0;
      case "getpolicy":
        System.out.println(FileSystem.get(conf).getStoragePolicy(new Path(rest.get(0))));
        return 0;
      case "setpolicy":
        FileSystem.get(conf).setStoragePolicy(new Path(rest.get(0)), rest.get(1));
        return 0;
      case "unsetpolicy":
        FileSystem.get(conf).unsetStoragePolicy(new Path(rest.get(0)));
        return 0;
      case "distcp":
        return DistCpRun.run(conf, rest);
      case "read": {
        Path p = new Path(rest.get(0));
        FileSystem fs = p.getFileSystem(conf);
        byte[] buf = new byte[1 << 20];
        CRC32 crc = new CRC32();
        long bytes = 0;
        long t0 = System.nanoTime();
        try (FSDataInputStream in = fs.open(p)) {
          for (int n; (n = in.read(buf)) > 0; bytes += n) crc.update(buf, 0, n);
        }
        System.out.println(bytes + " " + Long.toHexString(crc.getValue()) + " " + (System.nanoTime() - t0) / 1_000_000);
        return 0;
      }
      default:
        System.err.println("ShellBatch: unknown command " + verb);
        return 2;
    }
  }

  private static List<String> split(String line) {
    List<String> words = new ArrayList<>();
    StringBuilder w = new StringBuilder();
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == '\t') {
        words.add(w.toString());
        w.setLength(0);
      } else if (c == '\\' && i + 1 < line.length()) {
        char n = line.charAt(++i);
        w.append(n == 't' ? '\t' : n == 'n' ? '\n' : n);
      } else {
        w.append(c);
      }
    }
    words.add(w.toString());
    return words;
  }

  private static String json(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '\\') b.append('\\').append(c);
      else if (c < 0x20) b.append(String.format("\\u%04x", (int) c));
      else b.append(c);
    }
    return b.append('"').toString();
  }
}
