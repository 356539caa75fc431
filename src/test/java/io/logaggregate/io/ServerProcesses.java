package io.logaggregate.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * What the test servers started in their own JVM or Node process (Kafka broker, S3 server, HDFS)
 * share: stopping the process in order, and the end of its log for an error message.
 */
public final class ServerProcesses {
    private ServerProcesses() {}

    /** SIGTERM, so the server shuts down in order; killed if it is not gone within the grace. */
    public static void stop(Process p, long graceSeconds) {
        p.destroy();
        try {
            if (!p.waitFor(graceSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** The last 40 lines of a server's log, for the message of a failed start. */
    public static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }
}
