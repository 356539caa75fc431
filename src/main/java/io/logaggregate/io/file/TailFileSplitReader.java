package io.logaggregate.io.file;

import io.logaggregate.io.lines.LineRecord;
import io.logaggregate.io.lines.LineSplit;
import io.logaggregate.io.lines.LineSplitter;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.flink.connector.base.source.reader.RecordsBySplits;
import org.apache.flink.connector.base.source.reader.RecordsWithSplitIds;
import org.apache.flink.connector.base.source.reader.splitreader.SplitReader;
import org.apache.flink.connector.base.source.reader.splitreader.SplitsAddition;
import org.apache.flink.connector.base.source.reader.splitreader.SplitsChange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the files of one subtask: each fetch reads what was appended since the last one (up to a
 * limit per file, so one busy file cannot starve the others) and returns the complete lines; a
 * partial last line waits for the rest. When no file grew, it sleeps {@code stat_interval} (or
 * until woken for new splits).
 *
 * <p>A file is reopened for every read rather than kept open: nothing leaks when files are rotated
 * or deleted, and the file's identity (inode) is checked each time. A file that shrank (truncated)
 * or was replaced under the same name is read again from its start.
 */
final class TailFileSplitReader implements SplitReader<LineRecord, LineSplit> {
    private static final Logger LOG = LoggerFactory.getLogger(TailFileSplitReader.class);
    private static final int MAX_BYTES_PER_FETCH = 1 << 20;

    private final String delimiter;
    private final Charset charset;
    private final long statMillis;
    private final Map<String, FollowedFile> files = new LinkedHashMap<>();
    private final byte[] chunk = new byte[64 * 1024];
    private final Object sleepLock = new Object();
    private boolean wakeUp;

    TailFileSplitReader(String delimiter, Charset charset, long statMillis) {
        this.delimiter = delimiter;
        this.charset = charset;
        this.statMillis = statMillis;
    }

    @Override
    public RecordsWithSplitIds<LineRecord> fetch() throws IOException {
        RecordsBySplits.Builder<LineRecord> out = new RecordsBySplits.Builder<>();
        boolean progressed = false;
        for (FollowedFile f : files.values()) {
            progressed |= f.poll(out);
        }
        if (!progressed) {
            synchronized (sleepLock) {
                if (!wakeUp) {
                    try {
                        sleepLock.wait(Math.max(statMillis, 1));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                wakeUp = false;
            }
        }
        return out.build();
    }

    @Override
    public void handleSplitsChanges(SplitsChange<LineSplit> change) {
        if (change instanceof SplitsAddition<LineSplit> addition) {
            for (LineSplit s : addition.splits()) {
                files.put(s.splitId(), new FollowedFile(s));
            }
        }
    }

    @Override
    public void wakeUp() {
        synchronized (sleepLock) {
            wakeUp = true;
            sleepLock.notifyAll();
        }
    }

    @Override
    public void close() {}

    private final class FollowedFile {
        private final String path;
        private final LineSplitter splitter;
        private long readPos;
        private long nextLine;
        private String fileKey;

        FollowedFile(LineSplit split) {
            this.path = split.splitId();
            this.splitter = new LineSplitter(delimiter, charset);
            this.splitter.reset(split.offset());
            this.readPos = split.offset();
            this.nextLine = split.line();
            this.fileKey = split.fileKey();
        }

        /** Reads what was appended; true if any byte was read. */
        boolean poll(RecordsBySplits.Builder<LineRecord> out) throws IOException {
            Path p = Path.of(path);
            BasicFileAttributes attrs;
            try {
                attrs = Files.readAttributes(p, BasicFileAttributes.class);
            } catch (NoSuchFileException gone) {
                return false; // deleted or being rotated: wait for it to come back
            }
            String key = attrs.fileKey() == null ? null : attrs.fileKey().toString();
            boolean replaced = fileKey != null && key != null && !fileKey.equals(key);
            if (replaced || attrs.size() < readPos) {
                LOG.info(
                        "file input: {} was {}, reading it from the start",
                        path,
                        replaced ? "replaced" : "truncated");
                readPos = 0;
                nextLine = 0;
                splitter.reset(0);
            }
            fileKey = key;
            if (attrs.size() <= readPos) {
                return false;
            }
            String k = key;
            try (FileChannel ch = FileChannel.open(p, StandardOpenOption.READ)) {
                ch.position(readPos);
                int total = 0;
                while (total < MAX_BYTES_PER_FETCH) {
                    int n = ch.read(ByteBuffer.wrap(chunk));
                    if (n <= 0) {
                        break;
                    }
                    splitter.feed(
                            chunk,
                            0,
                            n,
                            (text, end) -> out.add(path, new LineRecord(text, end, nextLine++, k)));
                    readPos += n;
                    total += n;
                }
            } catch (NoSuchFileException gone) {
                return false;
            }
            return true;
        }
    }
}
