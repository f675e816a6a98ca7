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
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.FsShell;
import org.apache.hadoop.fs.Path;
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
 * milliseconds it took; {@code read PATH} reads PATH to its end (as -cat does, into a CRC32
 * instead of stdout) and prints "BYTES CRC32HEX MILLISECONDS".
 */
public final class ShellBatch {
  public static void main(String[] args) throws Exception {
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
        code = run(conf, words);
      } catch (Throwable t) {
        t.printStackTrace();
        code = -1;
      } finally {
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
