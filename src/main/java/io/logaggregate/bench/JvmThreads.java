package io.logaggregate.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * CPU time of a JVM's JIT compiler threads and GC threads, per thread from {@code
 * /proc/PID/task/TID/stat} (Linux), told apart by the thread's name ({@code comm}, cut by the
 * kernel to 15 characters). The benchmark reports them beside the CPU per line: a run's JIT
 * compilation is a fixed cost the start-up run does not subtract, and it shows how much of the
 * distance to the plain loop is warm-up rather than per-line work.
 */
final class JvmThreads {
    /** What a thread does, by its name; OTHER for everything else (Flink's, ours, ...). */
    enum Kind {
        JIT,
        GC,
        OTHER
    }

    /** One thread's CPU time (user + system) when it was read. */
    record Sample(Kind kind, long cpuNanos) {}

    private JvmThreads() {}

    /**
     * HotSpot's thread names: "C1 CompilerThread0", "C2 CompilerThread0" (the JIT); "GC Thread#0"
     * (G1), "ParGC Thread#0" (Parallel), G1's concurrent threads ("G1 Conc#0", "G1 Refine#0", "G1
     * Main Marker", "G1 Service") and the "VM Thread", which runs the collections' safepoint
     * operations.
     */
    static Kind kind(String comm) {
        if (comm.startsWith("C1 CompilerThre") || comm.startsWith("C2 CompilerThre")) {
            return Kind.JIT;
        }
        if (comm.startsWith("GC Thread#")
                || comm.startsWith("ParGC Thread#")
                || comm.startsWith("G1 ")
                || comm.equals("VM Thread")) {
            return Kind.GC;
        }
        return Kind.OTHER;
    }

    /**
     * The JIT and GC threads of a process, by thread id; empty when the process is gone. Threads
     * come and go (the JVM adds and removes compiler threads as the queue grows), so a caller
     * sampling periodically merges the samples and keeps each thread's last.
     */
    static Map<Long, Sample> sample(long pid) {
        Map<Long, Sample> threads = new HashMap<>();
        try (DirectoryStream<Path> tasks =
                Files.newDirectoryStream(Path.of("/proc", String.valueOf(pid), "task"))) {
            for (Path task : tasks) {
                try {
                    Sample s = parse(Files.readString(task.resolve("stat")));
                    if (s.kind() != Kind.OTHER) {
                        threads.put(Long.parseLong(task.getFileName().toString()), s);
                    }
                } catch (IOException | RuntimeException e) {
                    // the thread ended meanwhile
                }
            }
        } catch (IOException | RuntimeException e) {
            // the process ended
        }
        return threads;
    }

    /** A {@code /proc/.../stat} line: the name between the first '(' and the last ')'. */
    static Sample parse(String stat) {
        int close = stat.lastIndexOf(')');
        String comm = stat.substring(stat.indexOf('(') + 1, close);
        String[] f = stat.substring(close + 2).trim().split(" ");
        // after the name: state(3) ... utime(14) stime(15)
        long ticks = Long.parseLong(f[14 - 3]) + Long.parseLong(f[15 - 3]);
        return new Sample(kind(comm), ticks * (1_000_000_000L / CliRun.clockTicks()));
    }

    /** CPU time of the threads of a kind in {@code now}, minus what they had in {@code before}. */
    static long cpuNanos(Map<Long, Sample> now, Map<Long, Sample> before, Kind kind) {
        long sum = 0;
        for (Map.Entry<Long, Sample> e : now.entrySet()) {
            if (e.getValue().kind() == kind) {
                Sample b = before.get(e.getKey());
                sum += Math.max(0, e.getValue().cpuNanos() - (b == null ? 0 : b.cpuNanos()));
            }
        }
        return sum;
    }
}
