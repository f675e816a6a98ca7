import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.mapreduce.Counter;
import org.apache.hadoop.mapreduce.CounterGroup;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.tools.DistCp;
import org.apache.hadoop.tools.OptionsParser;
import org.apache.hadoop.util.GenericOptionsParser;

/**
 * ShellBatch's {@code distcp [-D KEY=VALUE]... DISTCP-ARGS...}: runs DistCp in this JVM (on the
 * settings the JVM was started with, plus the -D ones), waits for its job and prints the job's
 * DistCp counters as "NAME=VALUE" lines (COPY, SKIP, BYTESCOPIED, ...), so a test sees what was
 * copied and what skipped. Needs the jobs classpath (DistCp and MapReduce).
 */
final class DistCpRun {
  private DistCpRun() {}

  static int run(Configuration base, List<String> words) throws Exception {
    Configuration conf = new Configuration(base);
    String[] args = new GenericOptionsParser(conf, words.toArray(new String[0])).getRemainingArgs();
    Job job = new DistCp(conf, OptionsParser.parse(args)).execute();
    Map<String, Long> counters = new TreeMap<>();
    for (CounterGroup group : job.getCounters()) {
      if (!group.getName().endsWith("CopyMapper$Counter")) continue;
      for (Counter c : group) counters.put(c.getName(), c.getValue());
    }
    counters.forEach((name, value) -> System.out.println(name + "=" + value));
    return job.isSuccessful() ? 0 : 1;
  }
}
