package io.logaggregate.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One {@code java -jar log-aggregate.jar run ...} as a user starts it, measured from outside: wall
 * time; CPU time (user + system) of the whole process tree, the launcher and the JVM it starts,
 * from this process's {@code cutime + cstime} in {@code /proc/self/stat} (a waited-for child's CPU
 * time is added there, and the launcher waits for its JVM); the peak resident set ({@code VmHWM})
 * of the JVM doing the work, polled from {@code /proc/PID/status}; the CPU time of the JIT compiler
 * threads and of the GC threads of the launcher's and the job's JVMs ({@link JvmThreads}, sampled
 * every 200 ms while they run, each thread's last reading kept: the JVMs exit at the end); and the
 * run's summary line (lines read, events out, tasks pushed by timeout).
 */
public final class CliRun {
    private static final Pattern COUNT = Pattern.compile("([\\d,]+) (lines read|events out)");
    private static final Pattern TIMEOUTS = Pattern.compile("([\\d,]+) tasks pushed by timeout");
    private static final Pattern OPEN = Pattern.compile("([\\d,]+) open tasks");

    /** What a run did and cost. */
    public record Result(
            int exitCode,
            long wallNanos,
            long cpuNanos,
            long peakRssBytes,
            long jitNanos,
            long gcNanos,
            long linesRead,
            long eventsOut,
            long timeouts,
            String stderr) {}

    private final List<String> command;
    private final Path stdout;
    private final Path stderr;
    private Process process;
    private long wall0;
    private long cpu0;
    private volatile long peakRss;

    /** Per thread id, the last reading of the JVMs' JIT and GC threads (written by the poller). */
    private final Map<Long, JvmThreads.Sample> threads = new ConcurrentHashMap<>();

    private Thread poller;

    /**
     * @param jar target/log-aggregate.jar
     * @param jvmOptions options of the launcher's JVM, which it passes on to the job's (e.g. -Xmx)
     * @param args the command line after the jar ({@code run PIPELINE ...})
     * @param logs where the run's stdout and stderr go ({@code NAME.out}, {@code NAME.err})
     */
    public CliRun(Path jar, List<String> jvmOptions, List<String> args, Path logs, String name) {
        command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-jar");
        command.add(jar.toString());
        command.addAll(args);
        stdout = logs.resolve(name + ".out");
        stderr = logs.resolve(name + ".err");
    }

    /** Starts the run. */
    public CliRun start() throws IOException {
        cpu0 = childrenCpuNanos();
        wall0 = System.nanoTime();
        process =
                new ProcessBuilder(command)
                        .redirectOutput(stdout.toFile())
                        .redirectError(stderr.toFile())
                        .redirectInput(ProcessBuilder.Redirect.PIPE)
                        .start();
        poller = new Thread(this::poll, "bench-poll");
        poller.setDaemon(true);
        poller.start();
        return this;
    }

    /** Starts the run and waits for its end. */
    public Result runToEnd() throws IOException, InterruptedException {
        start();
        return waitForEnd();
    }

    /** Waits for the run's end. */
    public Result waitForEnd() throws IOException, InterruptedException {
        int code = process.waitFor();
        long wall = System.nanoTime() - wall0;
        poller.interrupt();
        poller.join();
        long cpu = childrenCpuNanos() - cpu0;
        String err = read(stderr);
        return new Result(
                code,
                wall,
                cpu,
                peakRss,
                JvmThreads.cpuNanos(threads, Map.of(), JvmThreads.Kind.JIT),
                JvmThreads.cpuNanos(threads, Map.of(), JvmThreads.Kind.GC),
                last(err, COUNT, "lines read"),
                last(err, COUNT, "events out"),
                last(err, TIMEOUTS, null),
                err);
    }

    /** Kills the launcher (SIGKILL); the job's JVM follows it at once. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
        poller.interrupt();
    }

    /** The JVM the launcher started, once it runs. */
    public Optional<ProcessHandle> jobJvm() {
        return process.descendants().filter(p -> p.info().command().isPresent()).findFirst();
    }

    /** The latest "N open tasks" of the run's progress lines (every 10 s), or -1. */
    public long openTasks() throws IOException {
        return last(read(stderr), OPEN, null);
    }

    public String stderrText() throws IOException {
        return read(stderr);
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    private void poll() {
        for (long i = 0; !Thread.currentThread().isInterrupted(); i++) {
            jobJvm().ifPresent(p -> peakRss = Math.max(peakRss, peakRss(p.pid())));
            if (i % 2 == 0) {
                threads.putAll(JvmThreads.sample(process.pid()));
                process.descendants().forEach(p -> threads.putAll(JvmThreads.sample(p.pid())));
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** VmHWM of a process, in bytes; 0 when it is gone. */
    static long peakRss(long pid) {
        try {
            for (String l : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
                if (l.startsWith("VmHWM:")) {
                    return Long.parseLong(l.replaceAll("\\D", "")) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            // gone
        }
        return 0;
    }

    /** CPU time (user + system) of this process's ended, waited-for descendants. */
    public static long childrenCpuNanos() {
        try {
            String stat = Files.readString(Path.of("/proc/self/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // after the command: state(3) ... utime(14) stime(15) cutime(16) cstime(17)
            long ticks = Long.parseLong(f[16 - 3]) + Long.parseLong(f[17 - 3]);
            return ticks * (1_000_000_000L / clockTicks());
        } catch (IOException e) {
            throw new IllegalStateException("cannot read /proc/self/stat (Linux only)", e);
        }
    }

    private static long ticks;

    static synchronized long clockTicks() {
        if (ticks == 0) {
            ticks = 100;
            try {
                Process p = new ProcessBuilder("getconf", "CLK_TCK").start();
                String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0) {
                    ticks = Long.parseLong(out.trim());
                }
            } catch (IOException | RuntimeException e) {
                // the Linux default
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return ticks;
    }

    private static long last(String text, Pattern p, String kind) {
        long v = -1;
        Matcher m = p.matcher(text);
        while (m.find()) {
            if (kind == null || kind.equals(m.group(2))) {
                v = Long.parseLong(m.group(1).replace(",", ""));
            }
        }
        return v;
    }

    static String read(Path p) throws IOException {
        try {
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return "";
        }
    }
}
