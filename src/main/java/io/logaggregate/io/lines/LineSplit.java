package io.logaggregate.io.lines;

import java.util.Objects;
import org.apache.flink.api.connector.source.SourceSplit;

/**
 * A line-oriented stream being followed: a file in tail mode (id = its path) or stdin. {@code
 * offset} is the byte just past the last line emitted, {@code line} the number of the next line
 * (0-based), {@code fileKey} the identity (device/inode) of the file the offset belongs to, so a
 * file replaced under the same name is read from its start. This is what checkpoints store.
 */
public final class LineSplit implements SourceSplit {
    private final String id;
    private final long offset;
    private final long line;
    private final String fileKey;

    public LineSplit(String id, long offset, long line, String fileKey) {
        this.id = id;
        this.offset = offset;
        this.line = line;
        this.fileKey = fileKey;
    }

    @Override
    public String splitId() {
        return id;
    }

    public long offset() {
        return offset;
    }

    public long line() {
        return line;
    }

    /** Null when unknown. */
    public String fileKey() {
        return fileKey;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LineSplit s
                && s.id.equals(id)
                && s.offset == offset
                && s.line == line
                && Objects.equals(s.fileKey, fileKey);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, offset, line, fileKey);
    }

    @Override
    public String toString() {
        return "LineSplit{" + id + " @" + offset + " line " + line + " key " + fileKey + "}";
    }
}
