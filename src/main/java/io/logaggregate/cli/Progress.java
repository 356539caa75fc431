package io.logaggregate.cli;

import io.logaggregate.cli.ProgressMetrics.Kind;
import io.logaggregate.io.ReadProgress;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/**
 * The progress line and the summary of a local run, on stderr. On a terminal the line is redrawn in
 * place every second; otherwise (a file, a pipe, journald) a plain line every 10 seconds, and only
 * when something moved, so an idle service does not fill its log.
 *
 * <pre>
 * log-aggregate: 1,234,567 lines (81,234/s) · 45.1 MB of 120.0 MB (37%) · ETA 0:00:58 · 12,345 events out · 340 open tasks
 * log-aggregate: done in 0:01:32 · 3,300,000 lines read · 33,012 events out · 120 tasks pushed by timeout · failures: 2 grok, 0 date, 0 Ruby · 0 dead-lettered
 * </pre>
 */
final class Progress implements AutoCloseable {
    private final PrintStream err;
    private final boolean terminal;
    private final long totalBytes;
    private final long started = System.nanoTime();
    private final Thread thread;
    private final boolean show;
    private volatile boolean closed;
    private String lastPlain;
    private int drawn;

    Progress(PrintStream err, boolean terminal, long totalBytes, boolean show) {
        this.err = err;
        this.terminal = terminal;
        this.totalBytes = totalBytes;
        ProgressMetrics.reset();
        ReadProgress.reset();
        this.thread = new Thread(this::loop, "log-aggregate-progress");
        this.thread.setDaemon(true);
        this.show = show;
        if (show) {
            thread.start();
        }
    }

    /** True when the stream behind file descriptor 2 is a terminal (Linux; else: a console). */
    static boolean stderrIsTerminal() {
        try {
            String target = Files.readSymbolicLink(Path.of("/proc/self/fd/2")).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return System.console() != null;
        }
    }

    private void loop() {
        long period = terminal ? 1000 : 10_000;
        while (!closed) {
            try {
                Thread.sleep(period);
            } catch (InterruptedException e) {
                return;
            }
            if (closed) {
                return;
            }
            String line = line();
            synchronized (this) {
                if (closed) {
                    return;
                }
                if (terminal) {
                    err.print("\r" + line + "\033[K");
                    err.flush();
                    drawn++;
                } else if (!line.equals(lastPlain)) {
                    err.println(line);
                    lastPlain = line;
                }
            }
        }
    }

    String line() {
        double seconds = Math.max(0.001, (System.nanoTime() - started) / 1e9);
        long lines = ProgressMetrics.value(Kind.LINES_READ);
        StringBuilder b = new StringBuilder("log-aggregate: ");
        b.append(n(lines)).append(" lines (").append(n((long) (lines / seconds))).append("/s)");
        if (totalBytes > 0) {
            long read = Math.min(ReadProgress.bytes(), totalBytes);
            double share = (double) read / totalBytes;
            b.append(" · ")
                    .append(size(read))
                    .append(" of ")
                    .append(size(totalBytes))
                    .append(" (")
                    .append((int) (share * 100))
                    .append("%)");
            if (share > 0.001 && share < 1) {
                long eta = (long) (seconds / share * (1 - share));
                b.append(" · ETA ").append(hms(eta));
            }
        }
        b.append(" · ").append(n(ProgressMetrics.value(Kind.EVENTS_OUT))).append(" events out");
        b.append(" · ").append(n(ProgressMetrics.value(Kind.OPEN_TASKS))).append(" open tasks");
        return terminal ? b.toString() : b.toString().replace(" · ", ", ");
    }

    String summary() {
        long seconds = Duration.ofNanos(System.nanoTime() - started).toSeconds();
        return String.format(
                Locale.ROOT,
                "log-aggregate: done in %s · %s lines read · %s events out · %s tasks pushed by"
                        + " timeout · failures: %s grok, %s date, %s Ruby · %s dead-lettered",
                hms(seconds),
                n(ProgressMetrics.value(Kind.LINES_READ)),
                n(ProgressMetrics.value(Kind.EVENTS_OUT)),
                n(ProgressMetrics.value(Kind.TIMEOUTS)),
                n(ProgressMetrics.value(Kind.GROK_FAILURES)),
                n(ProgressMetrics.value(Kind.DATE_FAILURES)),
                n(ProgressMetrics.value(Kind.RUBY_FAILURES)),
                n(ProgressMetrics.value(Kind.DEAD_LETTERED)));
    }

    /** Stops the progress line and prints the summary. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        thread.interrupt();
        if (!show) {
            return;
        }
        if (terminal && drawn > 0) {
            err.print("\r\033[K");
        }
        err.println(summary());
        err.flush();
    }

    private static String n(long v) {
        return String.format(Locale.ROOT, "%,d", v);
    }

    private static String size(long bytes) {
        if (bytes < 1000) {
            return bytes + " B";
        }
        if (bytes < 1_000_000) {
            return String.format(Locale.ROOT, "%.1f kB", bytes / 1e3);
        }
        if (bytes < 1_000_000_000) {
            return String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
        }
        return String.format(Locale.ROOT, "%.2f GB", bytes / 1e9);
    }

    private static String hms(long s) {
        return String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60);
    }
}
