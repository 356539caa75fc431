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
 *
 * <p>Two ways to use it: {@link #feed} hands every complete line to a consumer; {@link #append}
 * then {@link #next} until null pulls them one at a time. A reader that turns each line into events
 * pulls: then the loop over the bytes of a chunk (tens of thousands of iterations per call) does
 * not call the decoding, and the JIT compiles that loop on its own, small, instead of compiling the
 * whole decoder and event construction into it, several times over (an on-stack replacement, the
 * method, a recompile after a deoptimization: measured on the postfix benchmark, about 1.3 s of C2
 * time per run).
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

    /** Where the bytes not yet returned as a line start in buf. */
    private int pos;

    /** Where the search for the next delimiter resumes in buf (no delimiter between pos and it). */
    private int scan;

    /** Absolute offset of buf[0]. */
    private long bufStart;

    /** Absolute offset just past the delimiter of the line {@link #next} returned last. */
    private long lineEnd;

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
        pos = 0;
        scan = 0;
        bufStart = offset;
        lineEnd = offset;
    }

    /** The offset just past the last complete line (where the partial line starts). */
    public long committedOffset() {
        return bufStart + pos;
    }

    /** True when bytes are held that {@link #next} did not return as a line. */
    public boolean hasPartial() {
        return len > pos;
    }

    /** Adds bytes after those fed so far; {@link #next} returns the lines they complete. */
    public void append(byte[] bytes, int off, int count) {
        if (count <= 0) {
            return;
        }
        if (pos > 0) { // drop the lines already returned
            System.arraycopy(buf, pos, buf, 0, len - pos);
            len -= pos;
            scan -= pos;
            bufStart += pos;
            pos = 0;
        }
        if (len + count > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(len + count, buf.length * 2));
        }
        System.arraycopy(bytes, off, buf, len, count);
        len += count;
    }

    /**
     * The next complete line of the bytes appended, or null when they hold no further delimiter;
     * {@link #lineEnd()} is then its end offset.
     */
    public String next() {
        int at = indexOfDelimiter();
        if (at < 0) {
            return null;
        }
        String text = decode(pos, at);
        pos = at + delimiter.length;
        scan = pos;
        lineEnd = bufStart + pos;
        return text;
    }

    /** The offset just past the delimiter of the line {@link #next} or {@link #rest} returned. */
    public long lineEnd() {
        return lineEnd;
    }

    /**
     * The partial line, if any, as a last line (end of a file read once, end of stdin), or null;
     * {@link #lineEnd()} is then its end offset.
     */
    public String rest() {
        if (len <= pos) {
            return null;
        }
        String text = decode(pos, len);
        bufStart += len;
        len = 0;
        pos = 0;
        scan = 0;
        lineEnd = bufStart;
        return text;
    }

    /** Appends the bytes and hands every line they complete to {@code out}. */
    public void feed(byte[] bytes, int off, int count, LineConsumer out) {
        append(bytes, off, count);
        String text;
        while ((text = next()) != null) {
            out.line(text, lineEnd);
        }
    }

    /** Emits the partial line, if any, as a last line (end of a file read once, end of stdin). */
    public void finish(LineConsumer out) {
        String text = rest();
        if (text != null) {
            out.line(text, lineEnd);
        }
    }

    /** Where the next delimiter starts in buf, or -1; remembers how far the search got. */
    private int indexOfDelimiter() {
        byte first = delimiter[0];
        // "i < limit", not "i <= len - delimiter.length": with the inclusive bound C2 guarded the
        // loop with a limit check that failed, deoptimizing and recompiling the reader (seen in
        // JFR's jdk.Deoptimization, reason loop_limit_check)
        int limit = len - delimiter.length + 1;
        for (int i = scan; i < limit; i++) {
            if (buf[i] == first && matchesAt(i)) {
                return i;
            }
        }
        // a delimiter may start in the last delimiter.length - 1 bytes: look there again later
        scan = Math.max(pos, limit);
        return -1;
    }

    private boolean matchesAt(int i) {
        for (int k = 1; k < delimiter.length; k++) {
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
}
