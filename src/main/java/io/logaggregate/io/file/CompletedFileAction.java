package io.logaggregate.io.file;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What read mode does with a file once it is fully read ({@code file_completed_action}).
 *
 * <p><b>Deliberate difference from Logstash:</b> Logstash's default is {@code delete}; ours is
 * {@code log} without a {@code file_completed_log_path}, which does nothing. A replay job must
 * never destroy its input by default. Deletion happens only when asked for, right after the last
 * line of the file was read; note that a job restored from a checkpoint taken before that point
 * then cannot re-read the file.
 */
public final class CompletedFileAction implements Serializable {
    private static final long serialVersionUID = 1L;

    /** One lock for all readers in a JVM, so lines in the completed-log never interleave. */
    private static final Object LOG_LOCK = new Object();

    private static final Logger LOG = LoggerFactory.getLogger(CompletedFileAction.class);

    private final boolean delete;
    private final String logPath;

    public CompletedFileAction(boolean delete, String logPath) {
        this.delete = delete;
        this.logPath = logPath;
    }

    public static CompletedFileAction nothing() {
        return new CompletedFileAction(false, null);
    }

    public void completed(String file) {
        if (logPath != null) {
            synchronized (LOG_LOCK) {
                try {
                    Path log = Path.of(logPath);
                    if (log.getParent() != null) {
                        Files.createDirectories(log.getParent());
                    }
                    Files.write(
                            log,
                            (file + "\n").getBytes(StandardCharsets.UTF_8),
                            StandardOpenOption.CREATE,
                            StandardOpenOption.APPEND);
                } catch (IOException e) {
                    throw new UncheckedIOException(
                            "Cannot write file_completed_log_path " + logPath, e);
                }
            }
        }
        if (delete) {
            try {
                if (GlobPaths.isLocal(file)) {
                    Files.deleteIfExists(Path.of(file));
                } else {
                    // an object in S3, a file in HDFS: through Flink's file system
                    org.apache.flink.core.fs.Path p = new org.apache.flink.core.fs.Path(file);
                    p.getFileSystem().delete(p, false);
                }
                LOG.info("file input: deleted completed file {}", file);
            } catch (IOException e) {
                LOG.warn("file input: cannot delete completed file {}: {}", file, e.toString());
            }
        }
    }
}
