package io.logaggregate.io.lines;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A file read as byte ranges gives the lines of the whole file, each once, with its true offset:
 * checked with a cut at every byte (two ranges) and with ranges of every size, fed in chunks of
 * several sizes.
 */
class ByteRangeLinesTest {

    /** A line and the file offset of its first byte. */
    record Line(String text, long offset) {}

    @Test
    void twoRangesCutAtEveryByteGiveEveryLineOnce() {
        for (String file :
                List.of(
                        "a0\na1\n\na3\n",
                        "\n\nx\n\n",
                        "first\nsecond\nlast without newline",
                        "b0\r\nb1\r\n\r\nb3\r\n", // CRLF
                        "é€\n𝄞 clef\nçà\n€\n€€€", // UTF-8: 2, 3 and 4-byte characters
                        "one line, no newline")) {
            byte[] bytes = file.getBytes(StandardCharsets.UTF_8);
            List<Line> whole = expected(bytes, "\n");
            for (int cut = 1; cut < bytes.length; cut++) {
                for (int chunk : new int[] {1, 3, 64 * 1024}) {
                    List<Line> got = new ArrayList<>();
                    got.addAll(read(bytes, "\n", StandardCharsets.UTF_8, 0, cut, chunk));
                    got.addAll(read(bytes, "\n", StandardCharsets.UTF_8, cut, bytes.length, chunk));
                    assertThat(got)
                            .as("%s cut at byte %d, chunks of %d", show(file), cut, chunk)
                            .containsExactlyElementsOf(whole);
                }
            }
        }
    }

    @Test
    void rangesOfEverySizeGiveEveryLineOnce() {
        String file = "Nov  9 23:55:10 mx1 é\r\n\nline 3\r\nlíne 4 €\n\n\nlast";
        byte[] bytes = file.getBytes(StandardCharsets.UTF_8);
        List<Line> whole = expected(bytes, "\n");
        for (int size = 1; size <= bytes.length; size++) {
            List<Line> got = new ArrayList<>();
            for (int start = 0; start < bytes.length; start += size) {
                int end = Math.min(bytes.length, start + size);
                got.addAll(read(bytes, "\n", StandardCharsets.UTF_8, start, end, 5));
            }
            assertThat(got).as("ranges of %d bytes", size).containsExactlyElementsOf(whole);
        }
    }

    @Test
    void aMultiByteDelimiterIsFoundAcrossTheRangeStart() {
        String file = "a|b\r\nc\r\n\r\nd|e\r\n";
        byte[] bytes = file.getBytes(StandardCharsets.UTF_8);
        List<Line> whole = expected(bytes, "\r\n");
        assertThat(whole)
                .containsExactly(
                        new Line("a|b", 0), new Line("c", 5), new Line("", 8), new Line("d|e", 10));
        for (int size = 1; size <= bytes.length; size++) {
            List<Line> got = new ArrayList<>();
            for (int start = 0; start < bytes.length; start += size) {
                got.addAll(
                        read(
                                bytes,
                                "\r\n",
                                StandardCharsets.UTF_8,
                                start,
                                Math.min(bytes.length, start + size),
                                2));
            }
            assertThat(got).as("ranges of %d bytes", size).containsExactlyElementsOf(whole);
        }
    }

    @Test
    void aLineStartingExactlyAtTheBoundaryBelongsToTheRangeItStartsIn() {
        byte[] bytes = "abc\ndef\nghi\n".getBytes(StandardCharsets.UTF_8);
        assertThat(read(bytes, "\n", StandardCharsets.UTF_8, 0, 4, 100))
                .containsExactly(new Line("abc", 0));
        assertThat(read(bytes, "\n", StandardCharsets.UTF_8, 4, 8, 100))
                .containsExactly(new Line("def", 4));
        // a range that starts inside a line skips it and reads the line crossing its end
        assertThat(read(bytes, "\n", StandardCharsets.UTF_8, 1, 5, 100))
                .containsExactly(new Line("def", 4));
        // a range inside one line has no line of its own
        assertThat(read(bytes, "\n", StandardCharsets.UTF_8, 5, 7, 100)).isEmpty();
    }

    @Test
    void onlyDelimitersAndCharsetsThatCannotBeMisreadFromAnyByteAreSplittable() {
        assertThat(ByteRangeLines.splittable("\n", StandardCharsets.UTF_8)).isTrue();
        assertThat(ByteRangeLines.splittable("\r\n", StandardCharsets.UTF_8)).isTrue();
        assertThat(ByteRangeLines.splittable("|", StandardCharsets.ISO_8859_1)).isTrue();
        assertThat(ByteRangeLines.splittable("\n", Charset.forName("windows-1252"))).isTrue();
        assertThat(ByteRangeLines.splittable("--", StandardCharsets.UTF_8)).isFalse();
        assertThat(ByteRangeLines.splittable("abab", StandardCharsets.UTF_8)).isFalse();
        assertThat(ByteRangeLines.splittable("\n", StandardCharsets.UTF_16LE)).isFalse();
        assertThat(ByteRangeLines.splittable("\n", Charset.forName("Shift_JIS"))).isFalse();
    }

    @Test
    void bytesInRangeAddUpToTheFileSize() {
        ByteRangeLines r = new ByteRangeLines("\n", StandardCharsets.UTF_8, 10, 20);
        assertThat(r.readFrom()).isEqualTo(9);
        assertThat(r.bytesInRange(9, 4)).isEqualTo(3);
        assertThat(r.bytesInRange(13, 100)).isEqualTo(7);
        assertThat(r.bytesInRange(25, 5)).isZero();
    }

    /**
     * The lines of [start, end), read as a reader does: from readFrom, in chunks; both ways, lines
     * pushed to a consumer ({@code feed}) and pulled one at a time ({@code next}, as the file input
     * reads), which must agree.
     */
    private static List<Line> read(
            byte[] file, String delimiter, Charset cs, long start, long end, int chunk) {
        List<Line> pushed = new ArrayList<>();
        ByteRangeLines r = new ByteRangeLines(delimiter, cs, start, end);
        int pos = (int) r.readFrom();
        while (!r.done()) {
            if (pos >= file.length) {
                r.finish((t, o) -> pushed.add(new Line(t, o)));
                break;
            }
            int n = Math.min(chunk, file.length - pos);
            r.feed(file, pos, n, (t, o) -> pushed.add(new Line(t, o)));
            pos += n;
        }

        List<Line> pulled = new ArrayList<>();
        ByteRangeLines p = new ByteRangeLines(delimiter, cs, start, end);
        pos = (int) p.readFrom();
        while (true) {
            String text = p.next();
            if (text != null) {
                pulled.add(new Line(text, p.lineStart()));
            } else if (p.done()) {
                break;
            } else if (pos >= file.length) {
                text = p.rest();
                if (text != null) {
                    pulled.add(new Line(text, p.lineStart()));
                }
            } else {
                int n = Math.min(chunk, file.length - pos);
                p.append(file, pos, n);
                pos += n;
            }
        }
        assertThat(pulled).as("lines pulled").containsExactlyElementsOf(pushed);
        return pushed;
    }

    /** The file's lines, found independently of the classes under test. */
    private static List<Line> expected(byte[] file, String delimiter) {
        byte[] d = delimiter.getBytes(StandardCharsets.UTF_8);
        List<Line> lines = new ArrayList<>();
        int lineStart = 0;
        int i = 0;
        while (i <= file.length - d.length) {
            boolean match = true;
            for (int k = 0; k < d.length && match; k++) {
                match = file[i + k] == d[k];
            }
            if (match) {
                lines.add(new Line(text(file, lineStart, i), lineStart));
                i += d.length;
                lineStart = i;
            } else {
                i++;
            }
        }
        if (lineStart < file.length) {
            lines.add(new Line(text(file, lineStart, file.length), lineStart));
        }
        return lines;
    }

    private static String text(byte[] file, int from, int to) {
        String s = new String(file, from, to - from, StandardCharsets.UTF_8);
        return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
    }

    private static String show(String s) {
        return s.replace("\r", "\\r").replace("\n", "\\n");
    }
}
