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

    private boolean aligned;
    private boolean done;
    private Consumer out;

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

    /** The next {@code count} bytes of the file; returns {@link #done()}. */
    public boolean feed(byte[] bytes, int off, int count, Consumer lines) {
        if (!done) {
            this.out = lines;
            splitter.feed(bytes, off, count, this::onLine);
        }
        return done;
    }

    /** The end of the file: a last line without a delimiter is emitted if it is this range's. */
    public void finish(Consumer lines) {
        if (!done) {
            this.out = lines;
            splitter.finish(this::onLine);
            done = true;
        }
    }

    /**
     * How many of the {@code count} bytes at file offset {@code at} are inside the range (for a
     * progress count that adds up to the file size over all ranges).
     */
    public long bytesInRange(long at, int count) {
        return Math.max(0, Math.min(at + count, end) - Math.max(at, start));
    }

    private void onLine(String text, long endOffset) {
        if (done) {
            return;
        }
        if (!aligned) {
            // the bytes from readFrom to here are the tail of a line of the range before
            aligned = true;
            nextStart = endOffset;
            if (nextStart >= end) {
                done = true;
            }
            return;
        }
        long lineStart = nextStart;
        nextStart = endOffset;
        out.line(text, lineStart);
        if (nextStart >= end) {
            done = true;
        }
    }
}
