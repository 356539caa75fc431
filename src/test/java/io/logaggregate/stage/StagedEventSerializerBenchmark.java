package io.logaggregate.stage;

import io.logaggregate.event.Event;
import io.logaggregate.program.EventAtBlock;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;

/**
 * Measures what one postfix event costs to cross the keyBy: {@link EventAtBlockSerializer} writing
 * it and reading it back, in thread CPU per record, and its size in bytes (not a test: run it by
 * hand). Usage: {@code java -cp <test classpath>
 * io.logaggregate.stage.StagedEventSerializerBenchmark [seconds]}.
 */
public final class StagedEventSerializerBenchmark {
    /** CPU time of this thread alone: wall clock lies on a machine shared with other work. */
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    public static void main(String[] args) throws Exception {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 5;
        List<EventAtBlock> records = postfixRecords();
        EventAtBlockSerializer s = EventAtBlockSerializer.INSTANCE;
        DataOutputSerializer out = new DataOutputSerializer(4096);
        DataInputDeserializer in = new DataInputDeserializer();

        long bytes = 0;
        for (EventAtBlock r : records) {
            out.clear();
            s.serialize(r, out);
            bytes += out.length();
        }
        System.out.printf(
                "format %d: %.1f bytes per record (%d postfix events at the keyBy)%n",
                s.format(), (double) bytes / records.size(), records.size());

        long sink = 0;
        long warmEnd = System.nanoTime() + 3_000_000_000L;
        while (System.nanoTime() < warmEnd) {
            sink += roundTrips(s, records, out, in, 1000);
        }
        for (int round = 1; round <= 3; round++) {
            long n = 0;
            long cpu0 = THREADS.getCurrentThreadCpuTime();
            long end = System.nanoTime() + (long) (seconds * 1e9);
            while (System.nanoTime() < end) {
                sink += roundTrips(s, records, out, in, 1000);
                n += 1000L * records.size();
            }
            long cpu = THREADS.getCurrentThreadCpuTime() - cpu0;
            System.out.printf(
                    "round %d: serialize + deserialize %.0f ns of thread CPU per record%n",
                    round, (double) cpu / n);
        }
        if (sink == 42) {
            System.out.println();
        }
    }

    private static long roundTrips(
            EventAtBlockSerializer s,
            List<EventAtBlock> records,
            DataOutputSerializer out,
            DataInputDeserializer in,
            int times)
            throws Exception {
        long sink = 0;
        for (int t = 0; t < times; t++) {
            out.clear();
            for (EventAtBlock r : records) {
                s.serialize(r, out);
            }
            in.setBuffer(out.getSharedBuffer(), 0, out.length());
            for (int i = 0; i < records.size(); i++) {
                // the event is decoded when the aggregate first reads it
                sink += s.deserialize(in).event().data().size();
            }
        }
        return sink;
    }

    /** The four kinds of postfix line that reach the aggregate stage, as the filters leave them. */
    static List<EventAtBlock> postfixRecords() {
        List<EventAtBlock> out = new ArrayList<>();
        out.add(
                record(
                        "Nov  9 23:55:12 mx1 postfix/smtpd[31097]: 3A9C96093D:"
                                + " client=localhost[127.0.0.1]",
                        "postfix/smtpd",
                        Map.of("client_hostname", "localhost", "client_ip", "127.0.0.1")));
        Map<String, Object> qmgr = new LinkedHashMap<>();
        qmgr.put("from_mail", "alice@example.com");
        qmgr.put("size", "5493");
        qmgr.put("nrcpt", "2");
        out.add(
                record(
                        "Nov  9 23:55:12 mx1 postfix/qmgr[2638]: 3A9C96093D:"
                                + " from=<alice@example.com>, size=5493, nrcpt=2 (queue active)",
                        "postfix/qmgr",
                        qmgr));
        Map<String, Object> smtp = new LinkedHashMap<>();
        smtp.put("to_mail", "bob@example.org");
        smtp.put("relay", "relay2.example.com[192.0.2.26]:587");
        smtp.put("status", "sent");
        out.add(
                record(
                        "Nov  9 23:55:42 mx1 postfix/smtp[31126]: 3A9C96093D:"
                                + " to=<bob@example.org>, relay=relay2.example.com[192.0.2.26]:587,"
                                + " delay=31, delays=0.01/0/30/0.24, dsn=2.0.0, status=sent (250 Ok)",
                        "postfix/smtp",
                        smtp));
        out.add(smtp.isEmpty() ? null : out.get(2));
        out.add(
                record(
                        "Nov  9 23:55:42 mx1 postfix/qmgr[2638]: 3A9C96093D: removed",
                        "postfix/qmgr",
                        Map.of()));
        return out;
    }

    private static EventAtBlock record(String line, String program, Map<String, Object> fields) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("message", line);
        m.put("host", "build-host-01");
        m.put("path", "/var/log/mail.log");
        m.put("timestamp", line.substring(0, 15));
        m.put("hostname", "mx1");
        m.put("program", program);
        m.put("taskid", "3A9C96093D");
        m.putAll(fields);
        Event e = Event.fromMap(m, Instant.parse("2026-11-09T23:55:12Z"));
        e.setOrigin("file:/var/log/mail.log", 123_456L);
        return new EventAtBlock(e, 17, "3A9C96093D");
    }
}
