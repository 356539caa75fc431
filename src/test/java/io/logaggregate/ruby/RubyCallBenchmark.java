package io.logaggregate.ruby;

import io.logaggregate.event.Event;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Instant;
import java.util.LinkedHashMap;
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

    /** One call of the postfix qmgr block, as a task in state sees it (packed map). */
    private static void postfix(RubyEngine engine, double seconds) throws Exception {
        AggregateCode code = engine.compileAggregateCode(POSTFIX_CODE, "benchmark:2:1");
        Map<String, Object> start = new LinkedHashMap<>();
        start.put("hostname", "mx1");
        start.put("client_hostname", "mail42.example.net");
        start.put("client_ip", "10.1.42.17");
        start.put("program", "postfix/smtpd");
        byte[] packed = PackedMap.pack(start);
        Event event =
                Event.fromMap(
                        Map.of(
                                "from_mail", "user42@example.org",
                                "size", "12345",
                                "nrcpt", "2",
                                "program", "postfix/qmgr"),
                        Instant.now());
        MapMeta meta = new MapMeta("task", Instant.now(), Instant.now(), null, null);
        byte[][] held = new byte[1][];
        AggregateCode.MapHolder holder =
                new AggregateCode.MapHolder() {
                    @Override
                    public byte[] packedMap() {
                        return held[0];
                    }

                    @Override
                    public void packedMap(byte[] p) {
                        held[0] = p;
                    }
                };
        long warmEnd = System.nanoTime() + 5_000_000_000L;
        while (System.nanoTime() < warmEnd) {
            for (int i = 0; i < 10_000; i++) {
                held[0] = packed;
                code.call(event, holder, meta, e -> {});
            }
        }
        for (int round = 1; round <= 3; round++) {
            long calls = 0;
            long cpuStart = THREADS.getCurrentThreadCpuTime();
            long end = System.nanoTime() + (long) (seconds * 1e9);
            do {
                for (int i = 0; i < 10_000; i++) {
                    held[0] = packed;
                    code.call(event, holder, meta, e -> {});
                }
                calls += 10_000;
            } while (System.nanoTime() < end);
            double cpu = (THREADS.getCurrentThreadCpuTime() - cpuStart) / 1e9;
            if (PackedMap.unpack(held[0]).size() != 7) {
                throw new AssertionError("wrong map " + PackedMap.unpack(held[0]));
            }
            System.out.printf(
                    "postfix qmgr block, round %d: thread CPU %.3f µs/call%n",
                    round, cpu * 1e6 / calls);
        }
    }
}
