package io.logaggregate.io.file;

import io.logaggregate.event.Event;
import io.logaggregate.event.flink.EventTypeInfo;
import io.logaggregate.io.InputDecorator;
import io.logaggregate.io.ReadProgress;
import io.logaggregate.io.codec.Decoder;
import io.logaggregate.io.lines.ByteRangeLines;
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
 * Read mode's file format: each split is a whole file (decompressed by Flink when its name ends in
 * {@code .gz}, {@code .bz2}, {@code .xz} ...) or, in batch mode, a byte range of a large plain file
 * ({@link GlobFileEnumerator}); its lines ({@link ByteRangeLines}) are decoded by the codec and
 * decorated like Logstash's file input does. Each event's origin is its file and the byte offset
 * its line starts at, the order batch mode restores whatever the split.
 *
 * <p>A {@link StreamFormat} is not told which file it reads, but events must carry their path, so
 * this {@link BulkFormat} builds a {@link StreamFormatAdapter} around a per-split {@link
 * StreamFormat}. Checkpoints store "records emitted so far" (Flink's way for formats that report no
 * offset): a restored reader re-reads its split and skips them.
 *
 * <p>{@code file_completed_action} runs here when the split is the whole file; for a file read in
 * several ranges, {@link ReadSplitEnumerator} runs it once all of them are read.
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
        // a file is one split unless it was cut in ranges: then it is read to its end (as it was
        // before ranges existed), even if it grew since it was listed
        boolean wholeFile = split.offset() == 0 && split.length() >= split.fileSize();
        return new OneFileFormat(
                GlobPaths.shown(split.path()),
                split.offset(),
                wholeFile ? Long.MAX_VALUE : split.offset() + split.length(),
                this);
    }

    /** True when files may be cut in byte ranges: see {@link ByteRangeLines#splittable}. */
    @Override
    public boolean isSplittable() {
        return ByteRangeLines.splittable(delimiter, Charset.forName(decoder.charset()));
    }

    @Override
    public TypeInformation<Event> getProducedType() {
        return EventTypeInfo.INSTANCE;
    }

    /** The lines of one file as events. */
    private static final class OneFileFormat implements StreamFormat<Event> {
        private static final long serialVersionUID = 1L;

        private final String path;
        private final long start;
        private final long end;
        private final LineFileFormat settings;

        /** {@code end}: {@link Long#MAX_VALUE} when the split is the whole file. */
        OneFileFormat(String path, long start, long end, LineFileFormat settings) {
            this.path = path;
            this.start = start;
            this.end = end;
            this.settings = settings;
        }

        @Override
        public StreamFormat.Reader<Event> createReader(
                Configuration config, FSDataInputStream stream, long fileLen, long splitEnd)
                throws IOException {
            return new LineReader(path, stream, start, end, settings);
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
        private final ByteRangeLines lines;
        private final boolean wholeFile;
        private final ArrayDeque<Event> ready = new ArrayDeque<>();
        private final byte[] chunk = new byte[64 * 1024];
        private long position;
        private boolean completed;

        /** {@code end}: {@link Long#MAX_VALUE} when the split is the whole file. */
        LineReader(
                String path,
                FSDataInputStream stream,
                long start,
                long end,
                LineFileFormat settings)
                throws IOException {
            this.path = path;
            this.stream = stream;
            this.settings = settings;
            this.wholeFile = end == Long.MAX_VALUE;
            this.lines =
                    new ByteRangeLines(
                            settings.delimiter,
                            Charset.forName(settings.decoder.charset()),
                            start,
                            end);
            this.position = lines.readFrom();
            if (position != start) {
                stream.seek(position); // the adapter opened the stream at the split's start
            }
        }

        /**
         * One line decoded per turn, pulled from the range: the decoding is compiled into this
         * method (once), not into the byte scan over a whole chunk ({@link
         * io.logaggregate.io.lines.LineSplitter}).
         */
        @Override
        public Event read() throws IOException {
            while (true) {
                Event event = ready.poll();
                if (event != null) {
                    return event;
                }
                String text = lines.next();
                if (text != null) {
                    decode(text, lines.lineStart());
                    continue;
                }
                if (lines.done()) {
                    if (wholeFile && !completed) {
                        completed = true;
                        settings.completedAction.completed(path);
                    }
                    return null;
                }
                int n = stream.read(chunk, 0, chunk.length);
                if (n < 0) {
                    // read mode emits a last line that has no delimiter after it
                    text = lines.rest();
                    if (text != null) {
                        decode(text, lines.lineStart());
                    }
                } else {
                    ReadProgress.add(lines.bytesInRange(position, n));
                    position += n;
                    lines.append(chunk, 0, n);
                }
            }
        }

        private void decode(String text, long startOffset) {
            settings.decoder.decode(
                    text,
                    e -> {
                        settings.decorator.decorate(e, path);
                        e.setOrigin(path, startOffset);
                        ready.add(e);
                    });
        }

        @Override
        public void close() throws IOException {
            stream.close();
        }
    }
}
