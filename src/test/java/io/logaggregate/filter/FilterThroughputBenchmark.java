package io.logaggregate.filter;

import io.logaggregate.event.Event;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Measures the per-event cost of the kv, dissect, json, csv and syslog_pri filters on a typical
 * line (not a test: run it by hand). Usage: {@code java -cp <test classpath>
 * io.logaggregate.filter.FilterThroughputBenchmark [seconds]}; {@code -Dkv='kv { ... }'} measures
 * another kv block on the same line.
 */
public final class FilterThroughputBenchmark {
    /** CPU time of this thread alone: wall clock lies on a machine shared with other work. */
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    public static void main(String[] args) throws Exception {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 3;
        Map<String, Object[]> cases = new LinkedHashMap<>();
        cases.put(
                "kv (postfix smtp line, trim_value)",
                new Object[] {
                    System.getProperty("kv", "kv { trim_value => \"<>,\" prefix => \"postfix_\" }"),
                    "to=<foo@example.com>, relay=mail.example.com[10.0.0.1]:25, delay=2.2,"
                            + " delays=1.9/0.01/0.01/0.21, dsn=2.0.0, status=sent"
                });
        cases.put(
                "dissect (syslog header)",
                new Object[] {
                    "dissect { mapping => { message => \"%{ts} %{+ts} %{+ts} %{host}"
                            + " %{program}[%{pid}]: %{msg}\" } }",
                    "Mar 16 00:01:25 evita postfix/smtpd[1713]: connect from"
                            + " camomile.cloud9.net[168.100.1.3]"
                });
        cases.put(
                "json (small object)",
                new Object[] {
                    "json { source => message target => j }",
                    "{\"user\":\"ann\",\"status\":200,\"bytes\":5120,\"tags\":[\"a\",\"b\"]}"
                });
        cases.put(
                "csv (5 columns, 2 converted)",
                new Object[] {
                    "csv { columns => [a, b, c, d, e] convert => { b => integer d => float } }",
                    "alpha,42,\"quoted, text\",3.25,omega"
                });
        cases.put("syslog_pri", new Object[] {"syslog_pri { }", "unused"});
        for (Map.Entry<String, Object[]> c : cases.entrySet()) {
            Filter f = PipelineText.filter((String) c.getValue()[0]);
            String line = (String) c.getValue()[1];
            run(f, line, 2); // warm-up
            long calls = 0;
            long cpu0 = THREADS.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            long end = t0 + (long) (seconds * 1e9);
            long now;
            do {
                calls += run(f, line, 1000);
                now = System.nanoTime();
            } while (now < end);
            double cpu = (THREADS.getCurrentThreadCpuTime() - cpu0) / 1e9;
            System.out.printf(
                    "%-36s %,10.0f events/s (thread CPU), %.2f µs/event%n",
                    c.getKey(), calls / cpu, cpu * 1e6 / calls);
        }
    }

    private static long run(Filter f, String line, int n) {
        for (int i = 0; i < n; i++) {
            Event e = PipelineText.message(line);
            e.set("syslog_pri", 134L);
            f.filter(e, x -> {});
        }
        return n;
    }
}
