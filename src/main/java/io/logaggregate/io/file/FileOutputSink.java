package io.logaggregate.io.file;

import io.logaggregate.event.Event;
import io.logaggregate.io.codec.Encoder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.apache.flink.api.common.operators.ProcessingTimeService;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code file} output: each event goes to the file its interpolated {@code path} names. Writers
 * buffer whole encoded events per file and append them with one write each, opening the file with
 * O_APPEND for that write only: parallel writers (in one JVM or several) never split an event, and
 * a deleted or rotated file is simply created again. Buffers are written every {@code
 * flush_interval}, when large, at each checkpoint and at the end (at-least-once).
 *
 * <p>As in Logstash, an interpolated path that leaves the directory the template starts with (e.g.
 * a field holding {@code ../../etc}) goes to {@code <that directory>/<filename_failure>} instead.
 */
final class FileOutputSink implements Sink<Event> {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(FileOutputSink.class);
    private static final int MAX_BUFFER = 256 * 1024;

    private final String pathTemplate;
    private final String fileRoot;
    private final Encoder encoder;
    private final long flushMillis;
    private final boolean gzip;
    private final boolean overwrite;
    private final String failurePath;
    private final String fileMode;
    private final String dirMode;

    FileOutputSink(
            String pathTemplate,
            Encoder encoder,
            long flushMillis,
            boolean gzip,
            boolean overwrite,
            String filenameFailure,
            String fileMode,
            String dirMode) {
        this.pathTemplate = pathTemplate;
        this.fileRoot = fileRoot(pathTemplate);
        this.encoder = encoder;
        this.flushMillis = flushMillis;
        this.gzip = gzip;
        this.overwrite = overwrite;
        this.failurePath = Path.of(fileRoot, filenameFailure).toString();
        this.fileMode = fileMode;
        this.dirMode = dirMode;
    }

    /** The directory before the first interpolation (Logstash's file_root). */
    static String fileRoot(String template) {
        int dyn = template.indexOf("%{");
        String fixed = dyn < 0 ? template : template.substring(0, dyn);
        int slash = fixed.lastIndexOf('/');
        return slash <= 0 ? "/" : fixed.substring(0, slash);
    }

    /** Where an event goes. */
    String pathFor(Event e) {
        String p = e.sprintf(pathTemplate);
        Path normalized;
        try {
            normalized = Path.of(p).normalize();
        } catch (java.nio.file.InvalidPathException bad) {
            LOG.warn("file output: invalid path {}, writing to {}", p, failurePath);
            return failurePath;
        }
        if (!normalized.startsWith(fileRoot)) {
            LOG.warn("file output: path {} is outside {}, writing to {}", p, fileRoot, failurePath);
            return failurePath;
        }
        return normalized.toString();
    }

    @Override
    @Deprecated
    public SinkWriter<Event> createWriter(InitContext context) {
        return new Writer(this, context.getProcessingTimeService());
    }

    @Override
    public SinkWriter<Event> createWriter(WriterInitContext context) {
        return new Writer(this, context.getProcessingTimeService());
    }

    private static final class Writer implements SinkWriter<Event> {
        private final FileOutputSink conf;
        private final Charset charset;
        private final ProcessingTimeService time;
        private final Map<String, ByteArrayOutputStream> buffers = new LinkedHashMap<>();
        private boolean closed;

        Writer(FileOutputSink conf, ProcessingTimeService time) {
            this.conf = conf;
            this.charset = Charset.forName(conf.encoder.charset());
            this.time = time;
            if (conf.flushMillis > 0) {
                scheduleFlush();
            }
        }

        private void scheduleFlush() {
            time.registerTimer(
                    time.getCurrentProcessingTime() + conf.flushMillis,
                    t -> {
                        if (!closed) {
                            flushAll();
                            scheduleFlush();
                        }
                    });
        }

        @Override
        public void write(Event event, Context context) throws IOException {
            String path = conf.pathFor(event);
            ByteArrayOutputStream buf =
                    buffers.computeIfAbsent(path, p -> new ByteArrayOutputStream(8192));
            buf.writeBytes(conf.encoder.encode(event).getBytes(charset));
            if (conf.flushMillis == 0 || buf.size() >= MAX_BUFFER) {
                writeFile(path, buf);
                buffers.remove(path);
            }
        }

        @Override
        public void flush(boolean endOfInput) throws IOException {
            flushAll();
        }

        private void flushAll() throws IOException {
            List<String> paths = new ArrayList<>(buffers.keySet());
            for (String path : paths) {
                writeFile(path, buffers.get(path));
                // files of past days are not kept in memory
                buffers.remove(path);
            }
        }

        private void writeFile(String path, ByteArrayOutputStream buf) throws IOException {
            if (buf.size() == 0) {
                return;
            }
            Path file = Path.of(path);
            Path dir = file.getParent();
            if (dir != null && !Files.isDirectory(dir)) {
                Files.createDirectories(dir);
                if (conf.dirMode != null) {
                    Files.setPosixFilePermissions(
                            dir, PosixFilePermissions.fromString(conf.dirMode));
                }
            }
            byte[] bytes = buf.toByteArray();
            if (conf.gzip) {
                // each flush appends one gzip member; gzip readers concatenate members
                ByteArrayOutputStream gz = new ByteArrayOutputStream(bytes.length / 4 + 64);
                try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
                    out.write(bytes);
                }
                bytes = gz.toByteArray();
            }
            boolean created = !Files.exists(file);
            Files.write(
                    file,
                    bytes,
                    StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE,
                    conf.overwrite
                            ? StandardOpenOption.TRUNCATE_EXISTING
                            : StandardOpenOption.APPEND);
            if (created && conf.fileMode != null) {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(conf.fileMode));
            }
        }

        @Override
        public void close() throws IOException {
            closed = true;
            flushAll();
        }
    }
}
