package io.logaggregate.io.lines;

import java.nio.charset.Charset;
import java.util.Arrays;

/**
 * Splits a byte stream into lines at a delimiter (any byte sequence, default {@code "\n"}),
 * decoding each line in the input's charset and stripping one trailing {@code "\r"} so CRLF files
 * read like LF files. Bytes after the last delimiter are kept until more arrive, so a line written
 * in two parts is only emitted once it is complete.
 *
 * <p>It tracks the absolute position of the bytes fed, so each line reports the offset just past
 * its delimiter: the place a reader restarts from after a checkpoint.
 */
public final class LineSplitter {
    /** Receives complete lines. */
    @FunctionalInterface
    public interface LineConsumer {
        void line(String text, long endOffset);
    }

    private final byte[] delimiter;
    private final Charset charset;
    private byte[] buf = new byte[8192];
    private int len;

    /** Absolute offset of buf[0]. */
    private long bufStart;

    public LineSplitter(String delimiter, Charset charset) {
        if (delimiter.isEmpty()) {
            throw new IllegalArgumentException("empty delimiter");
        }
        this.delimiter = delimiter.getBytes(charset);
        this.charset = charset;
    }

    /** Forgets any partial line; the next byte fed is at {@code offset}. */
    public void reset(long offset) {
        len = 0;
        bufStart = offset;
    }

    /** The offset just past the last complete line (where the partial line starts). */
    public long committedOffset() {
        return bufStart;
    }

    public boolean hasPartial() {
        return len > 0;
    }

    public void feed(byte[] bytes, int off, int count, LineConsumer out) {
        if (count <= 0) {
            return;
        }
        int scanFrom = Math.max(0, len - (delimiter.length - 1));
        ensureCapacity(len + count);
        System.arraycopy(bytes, off, buf, len, count);
        len += count;
        int lineStart = 0;
        int i = scanFrom;
        int last = len - delimiter.length;
        while (i <= last) {
            if (matchesAt(i)) {
                int end = i + delimiter.length;
                out.line(decode(lineStart, i), bufStart + end);
                lineStart = end;
                i = end;
            } else {
                i++;
            }
        }
        if (lineStart > 0) {
            System.arraycopy(buf, lineStart, buf, 0, len - lineStart);
            len -= lineStart;
            bufStart += lineStart;
        }
    }

    /** Emits the partial line, if any, as a last line (end of a file read once, end of stdin). */
    public void finish(LineConsumer out) {
        if (len > 0) {
            String text = decode(0, len);
            bufStart += len;
            len = 0;
            out.line(text, bufStart);
        }
    }

    private boolean matchesAt(int i) {
        for (int k = 0; k < delimiter.length; k++) {
            if (buf[i + k] != delimiter[k]) {
                return false;
            }
        }
        return true;
    }

    private String decode(int from, int to) {
        if (to > from && buf[to - 1] == '\r') {
            to--;
        }
        return new String(buf, from, to - from, charset);
    }

    private void ensureCapacity(int needed) {
        if (needed > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(needed, buf.length * 2));
        }
    }
}
