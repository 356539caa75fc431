package io.logaggregate.io.lines;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * The lines of one byte range {@code [start, end)} of a file, so that a large file can be read as
 * several ranges in parallel, as Hadoop's {@code LineRecordReader} does: a line belongs to the
 * range its first byte is in. A range that does not start at 0 therefore skips the bytes up to the
 * first line break that ends at or after its start (they belong to the line the range before
 * reads), and every range reads on past its end to finish the line that crosses it. A line that
 * starts exactly at a range boundary is read by the range it starts, and only by it. Each line
 * reports the true file offset of its first byte, so ordering by offset does not depend on the
 * ranges.
 *
 * <p>Feed it the file's bytes from {@link #readFrom()} on. It is correct only where a delimiter
 * found from an arbitrary byte is a real one: see {@link #splittable}.
 */
public final class ByteRangeLines {
    /** Receives the lines of the range. */
    @FunctionalInterface
    public interface Consumer {
        void line(String text, long startOffset);
    }

    private final long start;
    private final long end;
    private final long readFrom;
    private final LineSplitter splitter;

    /** Offset of the line the next one the splitter emits starts at, once a line start is found. */
    private long nextStart;

    /** Offset of the line {@link #next} returned last. */
    private long lineStart;

    private boolean aligned;
    private boolean done;

    /**
     * @param start first byte of the range
     * @param end the byte after the range ({@link Long#MAX_VALUE}: to the end of the file)
     */
    public ByteRangeLines(String delimiter, Charset charset, long start, long end) {
        if (start < 0 || end < start) {
            throw new IllegalArgumentException("bad range [" + start + ", " + end + ")");
        }
        this.start = start;
        this.end = end;
        int delimiterBytes = delimiter.getBytes(charset).length;
        // from one delimiter length before the start, so that a delimiter ending exactly at the
        // start is seen and the line starting there is kept
        this.readFrom = start == 0 ? 0 : Math.max(0, start - delimiterBytes);
        this.splitter = new LineSplitter(delimiter, charset);
        this.splitter.reset(readFrom);
        this.aligned = start == 0;
        this.nextStart = 0;
        this.done = end == start;
    }

    /**
     * True when a file in this charset, cut at this delimiter, can be read in ranges: every byte
     * sequence equal to the delimiter is a delimiter wherever the scan starts. That needs a charset
     * in which the delimiter's bytes never occur inside another character (UTF-8 and the
     * single-byte charsets; not UTF-16, not Shift_JIS) and a delimiter that cannot overlap itself:
     * "\n", "\r\n" and "|" cannot, "--" can ("---" holds it at two places, and which one is cut
     * depends on where the scan starts).
     */
    public static boolean splittable(String delimiter, Charset charset) {
        boolean charsetOk =
                charset.equals(StandardCharsets.UTF_8)
                        || (charset.canEncode() && charset.newEncoder().maxBytesPerChar() == 1f);
        if (!charsetOk) {
            return false;
        }
        byte[] d = delimiter.getBytes(charset);
        for (int k = 1; k < d.length; k++) { // a proper prefix that is also a suffix overlaps
            boolean border = true;
            for (int i = 0; i < d.length - k && border; i++) {
                border = d[i] == d[i + k];
            }
            if (border) {
                return false;
            }
        }
        return d.length > 0;
    }

    /** Where the bytes fed must begin. */
    public long readFrom() {
        return readFrom;
    }

    /** True once the line crossing the end was emitted: the rest of the file is another range's. */
    public boolean done() {
        return done;
    }

    /**
     * The next {@code count} bytes of the file; {@link #next} then returns the lines of the range
     * they complete. Ignored once {@link #done()}.
     */
    public void append(byte[] bytes, int off, int count) {
        if (!done) {
            splitter.append(bytes, off, count);
        }
    }

    /**
     * The next line of the range in the bytes appended, or null when they hold no further one (or
     * the range is {@link #done()}); {@link #lineStart()} is then the offset of its first byte.
     */
    public String next() {
        while (!done) {
            String text = splitter.next();
            if (text == null) {
                return null;
            }
            if (accept(splitter.lineEnd())) {
                return text;
            }
        }
        return null;
    }

    /**
     * The end of the file: the last line, without a delimiter, if there is one and it is this
     * range's, else null. The range is {@link #done()} after it.
     */
    public String rest() {
        String line = null;
        if (!done) {
            String text = splitter.rest();
            if (text != null && accept(splitter.lineEnd())) {
                line = text;
            }
            done = true;
        }
        return line;
    }

    /** Where the line {@link #next} or {@link #rest} returned last starts in the file. */
    public long lineStart() {
        return lineStart;
    }

    /** The next {@code count} bytes of the file; returns {@link #done()}. */
    public boolean feed(byte[] bytes, int off, int count, Consumer lines) {
        append(bytes, off, count);
        String text;
        while ((text = next()) != null) {
            lines.line(text, lineStart);
        }
        return done;
    }

    /** The end of the file: a last line without a delimiter is emitted if it is this range's. */
    public void finish(Consumer lines) {
        String text = rest();
        if (text != null) {
            lines.line(text, lineStart);
        }
    }

    /**
     * How many of the {@code count} bytes at file offset {@code at} are inside the range (for a
     * progress count that adds up to the file size over all ranges).
     */
    public long bytesInRange(long at, int count) {
        return Math.max(0, Math.min(at + count, end) - Math.max(at, start));
    }

    /**
     * Whether the line the splitter returned, ending at {@code endOffset}, is one of the range's
     * (then {@link #lineStart} is set): the first one a range not at 0 sees is the tail of the line
     * of the range before.
     */
    private boolean accept(long endOffset) {
        if (!aligned) {
            // the bytes from readFrom to here are the tail of a line of the range before
            aligned = true;
            nextStart = endOffset;
            done = nextStart >= end;
            return false;
        }
        lineStart = nextStart;
        nextStart = endOffset;
        done = nextStart >= end;
        return true;
    }
}
