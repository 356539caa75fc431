package io.logaggregate.filter;

import io.logaggregate.event.Event;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * CPU per line of the postfix job's grok (its 4 patterns) and date filters alone, over the lines of
 * jobs/postfix/mail.log in turn (not a test: run it by hand, from the repository root). Usage:
 * {@code java -cp <test classpath> io.logaggregate.filter.GrokDateBenchmark [seconds]}.
 */
public final class GrokDateBenchmark {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private static final String GROK =
            "grok { patterns_dir => [\"conf/patterns\"] %s match => { \"message\" => [\n"
                    + " \"%%{SYSLOGTIMESTAMP:timestamp} %%{IPORHOHST:hostname}"
                    + " (?<program>postfix/smtpd)\\\\[\\\\d+\\\\]: %%{POSTFIX_MSG_ID:taskid}:"
                    + " client=(?<client_hostname>[^\\\\]]+)\\\\[%%{IP:client_ip}\\\\]\",\n"
                    + " \"%%{SYSLOGTIMESTAMP:timestamp} %%{IPORHOHST:hostname}"
                    + " (?<program>postfix/qmgr)\\\\[\\\\d+\\\\]: %%{POSTFIX_MSG_ID:taskid}:"
                    + " from=<(?<from_mail>[^>]+)>, size=%%{INT:size}, nrcpt=%%{INT:nrcpt}\",\n"
                    + " \"%%{SYSLOGTIMESTAMP:timestamp} %%{IPORHOHST:hostname}"
                    + " (?<program>postfix/smtp)\\\\[\\\\d+\\\\]: %%{POSTFIX_MSG_ID:taskid}:"
                    + " to=<(?<to_mail>[^>]+)>,.* relay=%%{NOTSPACE:relay},.*"
                    + " status=%%{NOTSPACE:status}.*\",\n"
                    + " \"%%{SYSLOGTIMESTAMP:timestamp} %%{IPORHOHST:hostname}"
                    + " (?<program>postfix/qmgr)\\\\[\\\\d+\\\\]: %%{POSTFIX_MSG_ID:taskid}:"
                    + " removed\" ] } }";

    private static final String DATE =
            "date { match => [ \"timestamp\", \"MMM  d HH:mm:ss\", \"MMM dd HH:mm:ss\" ]"
                    + " timezone => \"UTC\" }";

    public static void main(String[] args) throws Exception {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 3;
        List<String> lines = Files.readAllLines(Path.of("jobs/postfix/mail.log"));
        measure(
                "grok (postfix, 4 patterns)",
                PipelineText.filter(String.format(GROK, "")),
                lines,
                false,
                seconds);
        measure(
                "grok (same, timeout_millis => 0)",
                PipelineText.filter(String.format(GROK, "timeout_millis => 0")),
                lines,
                false,
                seconds);
        measure("date (syslog, 2 formats)", PipelineText.filter(DATE), lines, true, seconds);
    }

    private static void measure(
            String name, Filter f, List<String> lines, boolean date, double seconds) {
        run(f, lines, date, 200); // warm-up
        long calls = 0;
        long cpu0 = THREADS.getCurrentThreadCpuTime();
        long end = System.nanoTime() + (long) (seconds * 1e9);
        do {
            calls += run(f, lines, date, 20);
        } while (System.nanoTime() < end);
        double cpu = (THREADS.getCurrentThreadCpuTime() - cpu0) / 1e9;
        System.out.printf(
                "%-36s %,12.0f lines/s (thread CPU), %.3f µs/line%n",
                name, calls / cpu, cpu * 1e6 / calls);
    }

    private static long run(Filter f, List<String> lines, boolean date, int rounds) {
        long n = 0;
        for (int r = 0; r < rounds; r++) {
            for (String line : lines) {
                Event e = PipelineText.message(line);
                if (date) {
                    // the syslog time, as grok captures it
                    e.set("timestamp", line.substring(0, 15));
                }
                f.filter(e, x -> {});
                n++;
            }
        }
        return n;
    }
}
