package io.logaggregate.stage;

import io.logaggregate.event.flink.CompactCodec;
import io.logaggregate.event.flink.EventSerializer;
import io.logaggregate.program.EventAtBlock;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;

/**
 * What the codec work costs one postfix event on its way to the aggregate in batch mode, in thread
 * CPU per record (not a test: run it by hand). The record is written after the filters, read from
 * the shuffle, written into the sort buffer, copied into a spill file, read back by the merge, and
 * its event is used by the aggregate. Compared: the eager form (every read decodes the event, every
 * write encodes it: {@link EventAtBlockSerializer} format 2) and today's (format 3: the event stays
 * bytes until the aggregate reads it). Usage: {@code java -cp <test classpath>
 * io.logaggregate.stage.BatchSortPathBenchmark [seconds]}.
 */
public final class BatchSortPathBenchmark {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private interface Path {
        long run(EventAtBlock r) throws Exception;
    }

    public static void main(String[] args) throws Exception {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 5;
        List<EventAtBlock> records = StagedEventSerializerBenchmark.postfixRecords();
        EventAtBlockSerializer s = EventAtBlockSerializer.INSTANCE;
        EventSerializer events = EventSerializer.INSTANCE;
        DataOutputSerializer a = new DataOutputSerializer(4096);
        DataOutputSerializer b = new DataOutputSerializer(4096);
        DataInputDeserializer in = new DataInputDeserializer();

        Path eager =
                r -> {
                    // format 2: pc, task id, event; each read decodes, each write encodes
                    a.clear();
                    writeEager(r, a, events);
                    in.setBuffer(a.getSharedBuffer(), 0, a.length()); // shuffle read
                    EventAtBlock read = readEager(in, events);
                    b.clear();
                    writeEager(read, b, events); // sort buffer
                    in.setBuffer(b.getSharedBuffer(), 0, b.length()); // spill: copy = read + write
                    EventAtBlock spilled = readEager(in, events);
                    a.clear();
                    writeEager(spilled, a, events);
                    in.setBuffer(a.getSharedBuffer(), 0, a.length()); // merge read
                    return readEager(in, events).event().data().size();
                };
        Path deferred =
                r -> {
                    a.clear();
                    s.serialize(r, a);
                    in.setBuffer(a.getSharedBuffer(), 0, a.length());
                    EventAtBlock read = s.deserialize(in);
                    b.clear();
                    s.serialize(read, b);
                    in.setBuffer(b.getSharedBuffer(), 0, b.length());
                    a.clear();
                    s.copy(in, a);
                    in.setBuffer(a.getSharedBuffer(), 0, a.length());
                    return s.deserialize(in).event().data().size();
                };
        for (int round = 1; round <= 3; round++) {
            System.out.printf(
                    "round %d: eager (format 2) %.0f ns, deferred (format 3) %.0f ns of thread CPU"
                            + " per record%n",
                    round, measure(eager, records, seconds), measure(deferred, records, seconds));
        }
    }

    private static double measure(Path p, List<EventAtBlock> records, double seconds)
            throws Exception {
        long sink = 0;
        long warmEnd = System.nanoTime() + 2_000_000_000L;
        while (System.nanoTime() < warmEnd) {
            for (EventAtBlock r : records) {
                sink += p.run(r);
            }
        }
        long n = 0;
        long cpu0 = THREADS.getCurrentThreadCpuTime();
        long end = System.nanoTime() + (long) (seconds * 1e9);
        while (System.nanoTime() < end) {
            for (int i = 0; i < 1000; i++) {
                for (EventAtBlock r : records) {
                    sink += p.run(r);
                }
            }
            n += 1000L * records.size();
        }
        long cpu = THREADS.getCurrentThreadCpuTime() - cpu0;
        if (sink == 42) {
            System.out.println();
        }
        return (double) cpu / n;
    }

    private static void writeEager(EventAtBlock r, DataOutputSerializer out, EventSerializer events)
            throws Exception {
        CompactCodec.writeVarInt(r.pc(), out);
        CompactCodec.writeString(r.taskId(), out);
        events.serialize(r.event(), out);
    }

    private static EventAtBlock readEager(DataInputDeserializer in, EventSerializer events)
            throws Exception {
        int pc = CompactCodec.readVarInt(in);
        String taskId = CompactCodec.readString(in);
        return new EventAtBlock(events.deserialize(in), pc, taskId);
    }
}
