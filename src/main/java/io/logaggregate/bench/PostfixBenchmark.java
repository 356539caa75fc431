package io.logaggregate.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The throughput benchmark (README "Throughput"): the postfix pipeline ({@link BenchPipeline}) on
 * generated logs ({@link PostfixLogGenerator}) through the real CLI, streaming and batch, at
 * parallelism 1 and 2; the same logic as a plain Java loop ({@link PlainPostfixLoop}) on the same
 * input; the cost of 10× the input; heap bytes per open task; optionally JMH's micro-benchmark
 * results (target/bench/jmh.json) and millions of open tasks per state backend. Prints a table and
 * writes it as JSON.
 */
public final class PostfixBenchmark {
    /** What to run. */
    public record Options(
            Path project,
            Path jar,
            Path dir,
            long mails,
            List<Integer> parallelisms,
            List<String> modes,
            boolean linear,
            long openMails,
            List<String> jvmOptions) {}

    private final Options o;
    private final PrintStream out;
    private final Map<String, Object> json = new LinkedHashMap<>();

    public PostfixBenchmark(Options options, PrintStream out) {
        this.o = options;
        this.out = out;
    }

    /** Runs everything; returns false if a run gave a wrong number of events. */
    public boolean run() throws Exception {
        Files.createDirectories(o.dir());
        boolean ok = true;
        Path input = o.dir().resolve("mail.log");
        Path tenth = o.dir().resolve("mail-tenth.log");
        Path tiny = o.dir().resolve("mail-tiny.log");
        PostfixLogGenerator.Summary full = new PostfixLogGenerator().write(o.mails(), input);
        PostfixLogGenerator.Summary small =
                new PostfixLogGenerator().write(Math.max(1, o.mails() / 10), tenth);
        new PostfixLogGenerator().write(100, tiny);
        out.printf(
                Locale.ROOT,
                "log-aggregate benchmark: %s (%,d mails, %,d lines, %.1f MB), %d cores, Java %s%n",
                BenchPipeline.SOURCE,
                full.mails(),
                full.lines(),
                full.bytes() / 1e6,
                Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"));
        json.put(
                "input",
                Map.of("mails", full.mails(), "lines", full.lines(), "bytes", full.bytes()));
        json.put("cores", Runtime.getRuntime().availableProcessors());
        json.put("java", System.getProperty("java.version"));

        // the limit: the same logic as a plain loop, best of three passes (the first warms up)
        PlainPostfixLoop plain = new PlainPostfixLoop(o.project().resolve("conf/patterns"));
        PlainPass best = plainPass(plain, input);
        double plainCpuPerLine = best.r().cpuNanos() / 1e3 / best.r().lines();
        ok &= check("plain loop", best.r().events(), o.mails());
        // ... and on a tenth of the input, for the marginal cost (below the table)
        PlainPass plainTenth =
                o.linear() && o.modes().contains("streaming") ? plainPass(plain, tenth) : null;

        Path conf = o.dir().resolve("bench.conf");
        Path tinyConf = o.dir().resolve("bench-tiny.conf");
        Path tenthConf = o.dir().resolve("bench-tenth.conf");
        BenchPipeline.write(o.project(), input, conf, false, false);
        BenchPipeline.write(o.project(), tiny, tinyConf, false, false);
        BenchPipeline.write(o.project(), tenth, tenthConf, false, false);
        // the first run of a jar builds its class data sharing archive: not measured
        cli("warm-up", tinyConf, "streaming", 1, List.of());

        String header =
                String.format(
                        Locale.ROOT,
                        "%-22s %4s %10s %9s %8s %8s %10s %7s %9s %7s %9s %10s %7s %6s %17s",
                        "run",
                        "p",
                        "lines",
                        "wall s",
                        "start s",
                        "net s",
                        "lines/s",
                        "MB/s",
                        "CPU µs/l",
                        "effic.",
                        "RSS MB",
                        "events",
                        "JIT s",
                        "GC s",
                        "CPU µs/l w/o JIT");
        out.println();
        out.println(header);
        List<Map<String, Object>> rows = new ArrayList<>();
        Map<String, Object> plainRow = new LinkedHashMap<>();
        PlainPostfixLoop.Result b = best.r();
        plainRow.put("run", "plain Java loop");
        plainRow.put("lines", b.lines());
        plainRow.put("seconds", b.wallNanos() / 1e9);
        plainRow.put("lines_per_s", b.lines() / (b.wallNanos() / 1e9));
        plainRow.put("mb_per_s", full.bytes() / 1e6 / (b.wallNanos() / 1e9));
        plainRow.put("cpu_us_per_line", plainCpuPerLine);
        plainRow.put("events", b.events());
        // its CPU is its own thread's: the benchmark JVM's JIT and GC threads are never in it
        plainRow.put("jit_seconds", best.jitNanos() / 1e9);
        plainRow.put("gc_seconds", best.gcNanos() / 1e9);
        plainRow.put("cpu_us_per_line_without_jit", plainCpuPerLine);
        rows.add(plainRow);
        out.printf(
                Locale.ROOT,
                "%-22s %4s %10d %9.1f %8s %8.1f %10.0f %7.1f %9.2f %7s %9s %10d %7.1f %6.1f %17.2f%n",
                "plain Java loop",
                "1",
                b.lines(),
                b.wallNanos() / 1e9,
                "-",
                b.wallNanos() / 1e9,
                b.lines() / (b.wallNanos() / 1e9),
                full.bytes() / 1e6 / (b.wallNanos() / 1e9),
                plainCpuPerLine,
                "1.00",
                "-",
                b.events(),
                best.jitNanos() / 1e9,
                best.gcNanos() / 1e9,
                plainCpuPerLine);

        Map<String, Map<String, Object>> byRun = new LinkedHashMap<>();
        CliRun.Result streaming1 = null;
        for (String mode : o.modes()) {
            for (int p : o.parallelisms()) {
                CliRun.Result start =
                        cli("startup-" + mode + "-" + p, tinyConf, mode, p, List.of());
                CliRun.Result r = cli(mode + "-" + p, conf, mode, p, List.of());
                if (mode.equals("streaming") && p == 1) {
                    streaming1 = r;
                }
                ok &= check(mode + " p=" + p, r.eventsOut(), o.mails());
                Map<String, Object> row = row(mode, mode, p, full, r, start, plainCpuPerLine);
                rows.add(row);
                byRun.put(mode + "-" + p, row);
            }
        }
        json.put("runs", rows);

        if (o.linear() && o.modes().contains("streaming")) {
            CliRun.Result start = cli("startup-linear", tinyConf, "streaming", 1, List.of());
            CliRun.Result r = cli("streaming-1-tenth", tenthConf, "streaming", 1, List.of());
            ok &= check("streaming p=1, a tenth", r.eventsOut(), Math.max(1, o.mails() / 10));
            Map<String, Object> tenthRow =
                    row("streaming", "streaming, input / 10", 1, small, r, start, plainCpuPerLine);
            tenthRow.put("run", "streaming, input / 10");
            Map<String, Object> fullRow = byRun.get("streaming-1");
            if (fullRow != null && (double) tenthRow.get("net_seconds") < 1) {
                out.printf(
                        "%nlinear cost: not measured: a tenth of the input takes less time than"
                                + " start-up varies (use more --mails)%n");
            } else if (fullRow != null) {
                double ratio =
                        (double) fullRow.get("net_seconds") / (double) tenthRow.get("net_seconds");
                double cpuRatio =
                        (double) fullRow.get("cpu_seconds_net")
                                / (double) tenthRow.get("cpu_seconds_net");
                double inputRatio = (double) full.lines() / small.lines();
                out.printf(
                        Locale.ROOT,
                        "%nlinear cost: %.1f× the lines took %.2f× the time (net of start-up),"
                                + " %.2f× the CPU; target ≤ 11× for 10×%n",
                        inputRatio,
                        ratio,
                        cpuRatio);
                json.put(
                        "linear",
                        Map.of(
                                "input_ratio", inputRatio,
                                "time_ratio", ratio,
                                "cpu_ratio", cpuRatio,
                                "peak_rss_mb_small", tenthRow.get("peak_rss_mb"),
                                "peak_rss_mb_full", fullRow.get("peak_rss_mb")));
            }
            if (streaming1 != null) {
                marginal(full, small, streaming1, r, best, plainTenth);
            }
        }

        if (o.openMails() > 0) {
            ok &= heapPerOpenTask();
        }

        Path jmh = o.dir().resolve("jmh.json");
        if (Files.isRegularFile(jmh)) {
            micro(jmh);
        } else {
            out.printf(
                    "%nmicro-benchmarks (grok, date, Ruby call): not run (%s missing; see README)%n",
                    jmh);
        }
        double best1 =
                byRun.values().stream()
                        .mapToDouble(r -> (double) r.get("cpu_us_per_line"))
                        .min()
                        .orElse(Double.NaN);
        double best1WithoutJit =
                byRun.values().stream()
                        .mapToDouble(r -> (double) r.get("cpu_us_per_line_without_jit"))
                        .min()
                        .orElse(Double.NaN);
        out.printf(
                Locale.ROOT,
                "%nefficiency (plain loop's CPU per line ÷ ours): best %.2f (target ≥ 0.5);"
                        + " %.2f without the JIT compiler threads' CPU%n",
                plainCpuPerLine / best1,
                plainCpuPerLine / best1WithoutJit);
        json.put("efficiency_best", plainCpuPerLine / best1);
        json.put("efficiency_best_without_jit", plainCpuPerLine / best1WithoutJit);
        json.put("ok", ok);
        writeJson();
        return ok;
    }

    /**
     * Millions of open tasks held by one backend: a streaming run reads FIRST_LINE mails (one line
     * per task), holds every task (a year's timeout) until the input ends, then pushes them all on
     * timeout. Reports time, CPU and the job JVM's peak RSS.
     */
    public boolean openTasks(long tasks, String backend) throws Exception {
        Files.createDirectories(o.dir());
        Path log = o.dir().resolve("open-first-lines.log");
        PostfixLogGenerator.Summary s =
                new PostfixLogGenerator(42, 200, PostfixLogGenerator.Shape.FIRST_LINE)
                        .write(tasks, log);
        Path conf = o.dir().resolve("bench-open.conf");
        BenchPipeline.write(o.project(), log, conf, false, true);
        Path tiny = o.dir().resolve("mail-tiny.log");
        new PostfixLogGenerator().write(100, tiny);
        Path tinyConf = o.dir().resolve("bench-tiny.conf");
        BenchPipeline.write(o.project(), tiny, tinyConf, false, false);
        cli("warm-up", tinyConf, "streaming", 1, List.of()); // class data sharing archive
        out.printf(
                Locale.ROOT,
                "open tasks: %,d (one smtpd client= line each, %.1f MB), state backend %s,"
                        + " JVM options %s%n",
                tasks,
                s.bytes() / 1e6,
                backend,
                o.jvmOptions());
        CliRun.Result r =
                cli("open-" + backend, conf, "streaming", 1, List.of("--state-backend", backend));
        boolean ok = check("open tasks " + backend, r.timeouts(), tasks);
        out.printf(
                Locale.ROOT,
                "%s: %.1f s wall, %.1f s CPU, %,.0f lines/s, peak RSS %.0f MB, %,d pushed by"
                        + " timeout at the end, exit %d%n",
                backend,
                r.wallNanos() / 1e9,
                r.cpuNanos() / 1e9,
                s.lines() / (r.wallNanos() / 1e9),
                r.peakRssBytes() / 1e6,
                r.timeouts(),
                r.exitCode());
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("tasks", tasks);
        row.put("state_backend", backend);
        row.put("jvm_options", o.jvmOptions());
        row.put("wall_seconds", r.wallNanos() / 1e9);
        row.put("cpu_seconds", r.cpuNanos() / 1e9);
        row.put("peak_rss_mb", r.peakRssBytes() / 1e6);
        row.put("pushed_by_timeout", r.timeouts());
        row.put("exit_code", r.exitCode());
        row.put("ok", ok);
        json.put("open_tasks_" + backend, row);
        writeJson();
        return ok && r.exitCode() == 0;
    }

    private Map<String, Object> row(
            String mode,
            String label,
            int p,
            PostfixLogGenerator.Summary input,
            CliRun.Result r,
            CliRun.Result start,
            double plainCpuPerLine) {
        double wall = r.wallNanos() / 1e9;
        double startS = start.wallNanos() / 1e9;
        double net = Math.max(1e-3, wall - startS);
        double cpuNet = Math.max(0, (r.cpuNanos() - start.cpuNanos()) / 1e9);
        double cpuPerLine = cpuNet * 1e6 / input.lines();
        // JIT compilation grows with the run (more methods get hot, some are compiled again), so
        // the start-up run does not subtract it: the same CPU with both runs' compiler threads out
        long noJit = (r.cpuNanos() - r.jitNanos()) - (start.cpuNanos() - start.jitNanos());
        double cpuPerLineWithoutJit = Math.max(0, noJit) / 1e3 / input.lines();
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("run", mode);
        row.put("parallelism", p);
        row.put("lines", input.lines());
        row.put("wall_seconds", wall);
        row.put("startup_seconds", startS);
        row.put("net_seconds", net);
        row.put("lines_per_s", input.lines() / net);
        row.put("mb_per_s", input.bytes() / 1e6 / net);
        row.put("cpu_seconds_net", cpuNet);
        row.put("cpu_us_per_line", cpuPerLine);
        row.put("efficiency", plainCpuPerLine / cpuPerLine);
        row.put("peak_rss_mb", r.peakRssBytes() / 1e6);
        row.put("events", r.eventsOut());
        row.put("jit_seconds", r.jitNanos() / 1e9);
        row.put("startup_jit_seconds", start.jitNanos() / 1e9);
        row.put("gc_seconds", r.gcNanos() / 1e9);
        row.put("startup_gc_seconds", start.gcNanos() / 1e9);
        row.put("cpu_us_per_line_without_jit", cpuPerLineWithoutJit);
        row.put("efficiency_without_jit", plainCpuPerLine / cpuPerLineWithoutJit);
        out.printf(
                Locale.ROOT,
                "%-22s %4d %10d %9.1f %8.1f %8.1f %10.0f %7.1f %9.2f %7.2f %9.0f %10d %7.1f %6.1f"
                        + " %17.2f%n",
                label,
                p,
                input.lines(),
                wall,
                startS,
                net,
                input.lines() / net,
                input.bytes() / 1e6 / net,
                cpuPerLine,
                plainCpuPerLine / cpuPerLine,
                r.peakRssBytes() / 1e6,
                r.eventsOut(),
                r.jitNanos() / 1e9,
                r.gcNanos() / 1e9,
                cpuPerLineWithoutJit);
        return row;
    }

    /** The plain loop's best of three passes, with the benchmark JVM's JIT and GC CPU meanwhile. */
    private record PlainPass(PlainPostfixLoop.Result r, long jitNanos, long gcNanos) {}

    private static PlainPass plainPass(PlainPostfixLoop plain, Path input) throws IOException {
        long self = ProcessHandle.current().pid();
        PlainPass best = null;
        for (int i = 0; i < 3; i++) {
            Map<Long, JvmThreads.Sample> before = JvmThreads.sample(self);
            PlainPostfixLoop.Result r = plain.run(input);
            Map<Long, JvmThreads.Sample> after = JvmThreads.sample(self);
            if (best == null || r.cpuNanos() < best.r().cpuNanos()) {
                best =
                        new PlainPass(
                                r,
                                JvmThreads.cpuNanos(after, before, JvmThreads.Kind.JIT),
                                JvmThreads.cpuNanos(after, before, JvmThreads.Kind.GC));
            }
        }
        return best;
    }

    /**
     * The cost of one more line: (CPU(full run) − CPU(the tenth's run)) ÷ (lines(full) −
     * lines(tenth)), streaming p=1. Start-up, shut-down and the JIT warm-up both runs share are in
     * both and cancel; what the full run compiles beyond the tenth's does not (hot code gets
     * compiled again as profiles change), hence the same without the compiler threads' CPU. The
     * plain loop's the same way from its passes on both inputs (its own thread's CPU, warm), else
     * its CPU per line.
     */
    private void marginal(
            PostfixLogGenerator.Summary full,
            PostfixLogGenerator.Summary tenth,
            CliRun.Result r,
            CliRun.Result rTenth,
            PlainPass plain,
            PlainPass plainTenth) {
        long lines = full.lines() - tenth.lines();
        double ours = (r.cpuNanos() - rTenth.cpuNanos()) / 1e3 / lines;
        double jitMore = (r.jitNanos() - rTenth.jitNanos()) / 1e9;
        double oursWithoutJit = ours - jitMore * 1e6 / lines;
        boolean plainMarginal = plainTenth != null;
        double limit =
                plainMarginal
                        ? (plain.r().cpuNanos() - plainTenth.r().cpuNanos()) / 1e3 / lines
                        : plain.r().cpuNanos() / 1e3 / plain.r().lines();
        out.printf(
                Locale.ROOT,
                "marginal CPU per line, streaming p=1, (CPU(full) − CPU(tenth)) ÷ (lines(full) −"
                        + " lines(tenth)): %.2f µs, efficiency %.2f; without the compiler"
                        + " threads' CPU %.2f µs, efficiency %.2f (plain loop %s: %.2f µs;"
                        + " target ≥ 0.5)%n"
                        + "  (the cost of one more line once the job runs: start-up and JIT"
                        + " warm-up excluded; the full run still compiled %.1f s more than the"
                        + " tenth, which only the second figure leaves out)%n",
                ours,
                limit / ours,
                oursWithoutJit,
                limit / oursWithoutJit,
                plainMarginal ? "the same way" : "per line",
                limit,
                jitMore);
        json.put(
                "marginal",
                Map.of(
                        "cpu_us_per_line", ours,
                        "efficiency", limit / ours,
                        "jit_seconds_more_than_tenth", jitMore,
                        "cpu_us_per_line_without_jit", oursWithoutJit,
                        "efficiency_without_jit", limit / oursWithoutJit,
                        "plain_cpu_us_per_line", limit,
                        "plain_marginal", plainMarginal));
    }

    private CliRun.Result cli(String name, Path conf, String mode, int p, List<String> extra)
            throws Exception {
        Path data = o.dir().resolve("data-" + name);
        List<String> args = new ArrayList<>();
        args.addAll(
                List.of(
                        "run",
                        conf.toString(),
                        "--mode",
                        mode,
                        "-p",
                        String.valueOf(p),
                        "--fresh",
                        "--path.data",
                        data.toString()));
        args.addAll(extra);
        CliRun.Result r = new CliRun(o.jar(), o.jvmOptions(), args, o.dir(), name).runToEnd();
        deleteTree(data);
        if (r.exitCode() != 0) {
            throw new IllegalStateException(
                    "run " + name + " failed (exit " + r.exitCode() + "):\n" + tail(r.stderr()));
        }
        return r;
    }

    private boolean check(String what, long got, long expected) {
        if (got != expected) {
            out.printf(
                    Locale.ROOT,
                    "WRONG: %s gave %,d aggregated events, expected %,d%n",
                    what,
                    got,
                    expected);
            return false;
        }
        return true;
    }

    /**
     * The last line of {@code jcmd GC.class_histogram}: instances and bytes of all live objects.
     */
    private static final Pattern LIVE = Pattern.compile("(?m)^Total\\s+(\\d+)\\s+(\\d+)\\s*$");

    /**
     * Heap bytes per open task (heap backend): a streaming run follows a file of OPEN mails (each a
     * complete map, no end) and waits at its end; once its progress line counts them all open, the
     * bytes of all live objects ({@code jcmd GC.class_histogram}: a full GC and a count of what it
     * kept, in one step); the same with a hundredth of the mails gives the baseline. (live(N) −
     * live(N/100)) ÷ (N − N/100).
     *
     * <p>Not the heap's "used" after {@code GC.run}: the job keeps running (the tail reader polls,
     * metrics update) and what it allocates between the GC and the reading sits in eden, tens of MB
     * in a large young generation, which made ~270 bytes of the first published 809 per task.
     */
    private boolean heapPerOpenTask() throws Exception {
        long n = o.openMails();
        long base = Math.max(1, n / 100);
        long usedN = heldHeap("open-n", n);
        long usedBase = heldHeap("open-base", base);
        if (usedN < 0 || usedBase < 0) {
            return false;
        }
        double perTask = (double) (usedN - usedBase) / (n - base);
        out.printf(
                Locale.ROOT,
                "%nheap per open task (heap backend, complete maps of open mails): %.0f bytes"
                        + " (%,d tasks: %.1f MB of live objects; %,d tasks: %.1f MB);"
                        + " target ≤ 300%n",
                perTask,
                n,
                usedN / 1e6,
                base,
                usedBase / 1e6);
        json.put(
                "heap_per_open_task",
                Map.of(
                        "bytes", perTask,
                        "tasks", n,
                        "heap_used_bytes", usedN,
                        "baseline_tasks", base,
                        "baseline_heap_used_bytes", usedBase));
        return true;
    }

    /**
     * Bytes of live objects while a run holds {@code mails} open tasks (the class histogram is kept
     * as NAME.histogram beside the run's logs, to diff by class); -1 on failure.
     */
    private long heldHeap(String name, long mails) throws Exception {
        Path log = o.dir().resolve(name + ".log");
        new PostfixLogGenerator(42, 200, PostfixLogGenerator.Shape.OPEN).write(mails, log);
        Path conf = o.dir().resolve("bench-" + name + ".conf");
        BenchPipeline.write(o.project(), log, conf, true, true);
        Path data = o.dir().resolve("data-" + name);
        CliRun run =
                new CliRun(
                                o.jar(),
                                o.jvmOptions(),
                                List.of(
                                        "run",
                                        conf.toString(),
                                        "--fresh",
                                        "--state-backend",
                                        "heap",
                                        "--checkpoint-interval",
                                        "0",
                                        "--path.data",
                                        data.toString()),
                                o.dir(),
                                name)
                        .start();
        try {
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(30);
            while (run.openTasks() < mails) {
                if (!run.isAlive() || System.nanoTime() > deadline) {
                    out.println(
                            "heap per open task: the run did not hold "
                                    + mails
                                    + " open tasks:\n"
                                    + tail(run.stderrText()));
                    return -1;
                }
                Thread.sleep(500);
            }
            long pid = run.jobJvm().orElseThrow().pid();
            String histogram = jcmd(pid, "GC.class_histogram");
            Matcher m = LIVE.matcher(histogram);
            if (!m.find()) {
                out.println(
                        "heap per open task: cannot read jcmd GC.class_histogram:\n"
                                + tail(histogram));
                return -1;
            }
            long used = Long.parseLong(m.group(2));
            Files.writeString(o.dir().resolve(name + ".histogram"), histogram);
            return used;
        } finally {
            run.kill();
            deleteTree(data);
        }
    }

    private static String jcmd(long pid, String command) throws Exception {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        Process p =
                new ProcessBuilder(
                                Files.isExecutable(jcmd) ? jcmd.toString() : "jcmd",
                                String.valueOf(pid),
                                command)
                        .redirectErrorStream(true)
                        .start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(5, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new IllegalStateException("jcmd " + pid + " " + command + " failed: " + text);
        }
        return text;
    }

    /** JMH's JSON results (-rf json) as rows: benchmark, score, unit. */
    @SuppressWarnings("unchecked")
    private void micro(Path jmh) throws IOException {
        List<Map<String, Object>> results = new ObjectMapper().readValue(jmh.toFile(), List.class);
        List<Map<String, Object>> rows = new ArrayList<>();
        out.printf("%nmicro-benchmarks (JMH, %s):%n", jmh);
        for (Map<String, Object> r : results) {
            String name = String.valueOf(r.get("benchmark"));
            Map<String, Object> primary = (Map<String, Object>) r.get("primaryMetric");
            double score = ((Number) primary.get("score")).doubleValue();
            double error = ((Number) primary.get("scoreError")).doubleValue();
            String unit = String.valueOf(primary.get("scoreUnit"));
            out.printf(
                    Locale.ROOT,
                    "  %-60s %10.3f ± %.3f %s%n",
                    name.substring(name.lastIndexOf('.', name.lastIndexOf('.') - 1) + 1),
                    score,
                    Double.isNaN(error) ? 0 : error,
                    unit);
            rows.add(Map.of("benchmark", name, "score", score, "unit", unit));
        }
        json.put("micro", rows);
    }

    private void writeJson() throws IOException {
        Path file = o.dir().resolve("result.json");
        Map<String, Object> all = new LinkedHashMap<>();
        if (Files.isRegularFile(file)) {
            // results of another scenario (bench state) kept beside this one's
            @SuppressWarnings("unchecked")
            Map<String, Object> before = new ObjectMapper().readValue(file.toFile(), Map.class);
            all.putAll(before);
        }
        all.putAll(json);
        new ObjectMapper()
                .enable(SerializationFeature.INDENT_OUTPUT)
                .writeValue(file.toFile(), all);
    }

    private static String tail(String text) {
        String[] lines = text.split("\n");
        return String.join(
                "\n", List.of(lines).subList(Math.max(0, lines.length - 30), lines.length));
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
