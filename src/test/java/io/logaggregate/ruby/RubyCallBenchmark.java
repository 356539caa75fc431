package io.logaggregate.ruby;

import io.logaggregate.event.Event;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Measures startup and the per-call cost of a compiled aggregate snippet (not a test: run it by
 * hand). Usage: {@code java -cp <test classpath> io.logaggregate.ruby.RubyCallBenchmark [seconds]}.
 */
public final class RubyCallBenchmark {
    /** CPU time of this thread alone: wall clock lies on a machine shared with other work. */
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private static final String CODE =
            "map['sql_duration'] ||= 0; map['sql_duration'] += event.get('duration')";

    /** The qmgr block of jobs/postfix/pipeline.conf: three keys added to a map of four. */
    private static final String POSTFIX_CODE =
            "map['from_mail'] ||= event.get('from_mail')\n"
                    + "map['size'] ||= event.get('size')\n"
                    + "map['nrcpt'] ||= event.get('nrcpt')\n"
                    + "event.cancel()\n";

    public static void main(String[] args) throws Exception {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 5;

        long c0 = THREADS.getCurrentThreadCpuTime();
        long t0 = System.nanoTime();
        RubyEngine engine = RubyEngine.get();
        long t1 = System.nanoTime();
        long c1 = THREADS.getCurrentThreadCpuTime();
        AggregateCode code = engine.compileAggregateCode(CODE, "benchmark:1:1");
        long t2 = System.nanoTime();
        Event event = Event.fromMap(Map.of("duration", 12L), Instant.now());
        Map<String, Object> map = new LinkedHashMap<>();
        MapMeta meta = new MapMeta("task", Instant.now(), Instant.now(), null, null);
        code.call(event, map, meta, e -> {});
        long t3 = System.nanoTime();
        System.out.printf(
                "first RubyEngine.get(): %d ms (thread CPU %d ms), first compile: %.1f ms,"
                        + " first call: %.1f ms%n",
                (t1 - t0) / 1_000_000, (c1 - c0) / 1_000_000, (t2 - t1) / 1e6, (t3 - t2) / 1e6);

        // warm up (JRuby JIT-compiles the block after 50 calls, then HotSpot kicks in)
        long warmEnd = System.nanoTime() + 5_000_000_000L;
        while (System.nanoTime() < warmEnd) {
            for (int i = 0; i < 10_000; i++) {
                code.call(event, map, meta, e -> {});
            }
        }

        for (int round = 1; round <= 3; round++) {
            map.clear();
            long calls = 0;
            long cpuStart = THREADS.getCurrentThreadCpuTime();
            long start = System.nanoTime();
            long end = start + (long) (seconds * 1e9);
            long now;
            do {
                for (int i = 0; i < 10_000; i++) {
                    code.call(event, map, meta, e -> {});
                }
                calls += 10_000;
                now = System.nanoTime();
            } while (now < end);
            double elapsed = (now - start) / 1e9;
            double cpu = (THREADS.getCurrentThreadCpuTime() - cpuStart) / 1e9;
            if (!Long.valueOf(12L * calls).equals(map.get("sql_duration"))) {
                throw new AssertionError("wrong sum " + map);
            }
            System.out.printf(
                    "round %d: %,d calls in %.2f s = %,.0f calls/s, %.3f µs/call wall clock;"
                            + " thread CPU %.3f µs/call = %,.0f calls/s%n",
                    round,
                    calls,
                    elapsed,
                    calls / elapsed,
                    elapsed * 1e6 / calls,
                    cpu * 1e6 / calls,
                    calls / cpu);
        }
        postfix(engine, seconds);
    }

    /**
     * One call of each postfix aggregate block (jobs/postfix/pipeline.conf), as a task in state
     * sees it (packed map), as fast code and forced onto JRuby, in thread CPU per call.
     */
    private static void postfix(RubyEngine engine, double seconds) throws Exception {
        Map<String, Object> smtpd = new LinkedHashMap<>();
        smtpd.put("hostname", "mx1");
        smtpd.put("client_hostname", "mail42.example.net");
        smtpd.put("client_ip", "10.1.42.17");
        smtpd.put("program", "postfix/smtpd");
        Map<String, Object> qmgr = new LinkedHashMap<>(smtpd);
        qmgr.put("from_mail", "user42@example.org");
        qmgr.put("size", "12345");
        qmgr.put("nrcpt", "2");
        Map<String, Object> smtp = new LinkedHashMap<>(qmgr);
        smtp.put("to_mail", new ArrayList<>(List.of("a@example.org")));
        smtp.put("relay", new ArrayList<>(List.of("relay.example.com[192.0.2.26]:25")));
        smtp.put("status", new ArrayList<>(List.of("sent")));
        Map<String, Object> fields = new LinkedHashMap<>(smtpd);
        fields.putAll(
                Map.of(
                        "from_mail", "user42@example.org",
                        "size", "12345",
                        "nrcpt", "2",
                        "to_mail", "b@example.org",
                        "relay", "relay.example.com[192.0.2.26]:25",
                        "status", "sent"));
        StringBuilder removed = new StringBuilder();
        for (String f :
                List.of(
                        "client_hostname",
                        "client_ip",
                        "program",
                        "from_mail",
                        "size",
                        "nrcpt",
                        "to_mail",
                        "relay",
                        "status")) {
            removed.append("event.set('").append(f).append("', map['").append(f).append("'])\n");
        }
        Object[][] blocks = {
            {
                "smtpd",
                "map['hostname'] ||= event.get('hostname')\n"
                        + "map['client_hostname'] ||= event.get('client_hostname')\n"
                        + "map['client_ip'] ||= event.get('client_ip')\n"
                        + "map['program'] ||= event.get('program')\n"
                        + "event.cancel()\n",
                new LinkedHashMap<>()
            },
            {"qmgr", POSTFIX_CODE, smtpd},
            {
                "smtp",
                "map['to_mail'] ||= []; map['to_mail'] << event.get('to_mail');\n"
                        + "map['relay'] ||= []; map['relay'] << event.get('relay');\n"
                        + "map['status'] ||= []; map['status'] << event.get('status')\n"
                        + "event.cancel()\n",
                smtp
            },
            {"removed", removed.toString(), smtp}
        };
        MapMeta meta = new MapMeta("task", Instant.now(), Instant.now(), null, null);
        HeldMap holder = new HeldMap(null);
        for (Object[] b : blocks) {
            @SuppressWarnings("unchecked")
            byte[] packed = PackedMap.pack((Map<String, Object>) b[2]);
            for (boolean fast : new boolean[] {true, false}) {
                AggregateCode code =
                        engine.compileAggregateCode((String) b[1], "benchmark:2:1", fast);
                Event event = Event.fromMap(fields, Instant.now());
                long warmEnd = System.nanoTime() + (long) (seconds * 0.5e9);
                while (System.nanoTime() < warmEnd) {
                    for (int i = 0; i < 10_000; i++) {
                        holder.packed = packed;
                        code.call(event, holder, meta, e -> {});
                    }
                }
                long calls = 0;
                long cpuStart = THREADS.getCurrentThreadCpuTime();
                long end = System.nanoTime() + (long) (seconds * 1e9);
                do {
                    for (int i = 0; i < 10_000; i++) {
                        holder.packed = packed;
                        code.call(event, holder, meta, e -> {});
                    }
                    calls += 10_000;
                } while (System.nanoTime() < end);
                double cpu = (THREADS.getCurrentThreadCpuTime() - cpuStart) / 1e9;
                System.out.printf(
                        "postfix %s block, %s: thread CPU %.3f µs/call%n",
                        b[0], fast ? "fast code" : "JRuby", cpu * 1e6 / calls);
            }
        }
    }
}
