package io.logaggregate.io.file;

import io.logaggregate.event.Event;
import io.logaggregate.event.flink.EventTypeInfo;
import io.logaggregate.io.InputDecorator;
import io.logaggregate.io.ReadProgress;
import io.logaggregate.io.codec.Decoder;
import io.logaggregate.io.lines.LineSplitter;
import java.io.IOException;
import java.nio.charset.Charset;
import java.util.ArrayDeque;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.file.src.FileSourceSplit;
import org.apache.flink.connector.file.src.impl.StreamFormatAdapter;
import org.apache.flink.connector.file.src.reader.BulkFormat;
import org.apache.flink.connector.file.src.reader.StreamFormat;
import org.apache.flink.core.fs.FSDataInputStream;

/**
 * Read mode's file format: each file is one split, read from its start (decompressed by Flink when
 * its name ends in {@code .gz}, {@code .bz2}, {@code .xz} ...), cut into lines, decoded by the
 * codec and decorated like Logstash's file input does.
 *
 * <p>A {@link StreamFormat} is not told which file it reads, but events must carry their path and
 * line number, so this {@link BulkFormat} builds a {@link StreamFormatAdapter} around a per-file
 * {@link StreamFormat} for each split. Checkpoints store "records emitted so far" (Flink's way for
 * non-splittable formats): a restored reader re-reads the file and skips them.
 */
final class LineFileFormat implements BulkFormat<Event, FileSourceSplit> {
    private static final long serialVersionUID = 1L;

    private final Decoder decoder;
    private final InputDecorator decorator;
    private final String delimiter;
    private final CompletedFileAction completedAction;

    LineFileFormat(
            Decoder decoder,
            InputDecorator decorator,
            String delimiter,
            CompletedFileAction completedAction) {
        this.decoder = decoder;
        this.decorator = decorator;
        this.delimiter = delimiter;
        this.completedAction = completedAction;
    }

    @Override
    public Reader<Event> createReader(Configuration config, FileSourceSplit split)
            throws IOException {
        return new StreamFormatAdapter<>(forFile(split)).createReader(config, split);
    }

    @Override
    public Reader<Event> restoreReader(Configuration config, FileSourceSplit split)
            throws IOException {
        return new StreamFormatAdapter<>(forFile(split)).restoreReader(config, split);
    }

    CompletedFileAction completedAction() {
        return completedAction;
    }

    private OneFileFormat forFile(FileSourceSplit split) {
        return new OneFileFormat(GlobPaths.shown(split.path()), this);
    }

    @Override
    public boolean isSplittable() {
        return false;
    }

    @Override
    public TypeInformation<Event> getProducedType() {
        return EventTypeInfo.INSTANCE;
    }

    /** The lines of one file as events. */
    private static final class OneFileFormat implements StreamFormat<Event> {
        private static final long serialVersionUID = 1L;

        private final String path;
        private final LineFileFormat settings;

        OneFileFormat(String path, LineFileFormat settings) {
            this.path = path;
            this.settings = settings;
        }

        @Override
        public StreamFormat.Reader<Event> createReader(
                Configuration config, FSDataInputStream stream, long fileLen, long splitEnd) {
            return new LineReader(path, stream, settings);
        }

        @Override
        public StreamFormat.Reader<Event> restoreReader(
                Configuration config,
                FSDataInputStream stream,
                long restoredOffset,
                long fileLen,
                long splitEnd) {
            // never called: our readers report no offset, so Flink restores by re-reading from
            // the start and skipping the records already emitted
            throw new IllegalStateException("line files restore by skipping records");
        }

        @Override
        public boolean isSplittable() {
            return false;
        }

        @Override
        public TypeInformation<Event> getProducedType() {
            return EventTypeInfo.INSTANCE;
        }
    }

    private static final class LineReader implements StreamFormat.Reader<Event> {
        private final String path;
        private final FSDataInputStream stream;
        private final LineFileFormat settings;
        private final LineSplitter splitter;
        private final ArrayDeque<Event> ready = new ArrayDeque<>();
        private final byte[] chunk = new byte[64 * 1024];
        private long line;
        private boolean eof;
        private boolean completed;

        LineReader(String path, FSDataInputStream stream, LineFileFormat settings) {
            this.path = path;
            this.stream = stream;
            this.settings = settings;
            this.splitter =
                    new LineSplitter(
                            settings.delimiter, Charset.forName(settings.decoder.charset()));
        }

        @Override
        public Event read() throws IOException {
            while (ready.isEmpty()) {
                if (eof) {
                    if (!completed) {
                        completed = true;
                        settings.completedAction.completed(path);
                    }
                    return null;
                }
                int n = stream.read(chunk, 0, chunk.length);
                if (n < 0) {
                    eof = true;
                    // read mode emits a last line that has no delimiter after it
                    splitter.finish(this::onLine);
                } else {
                    ReadProgress.add(n);
                    splitter.feed(chunk, 0, n, this::onLine);
                }
            }
            return ready.poll();
        }

        private void onLine(String text, long endOffset) {
            long position = line++;
            settings.decoder.decode(
                    text,
                    e -> {
                        settings.decorator.decorate(e, path);
                        e.setOrigin(path, position);
                        ready.add(e);
                    });
        }

        @Override
        public void close() throws IOException {
            stream.close();
        }
    }
}
