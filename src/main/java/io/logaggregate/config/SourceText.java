package io.logaggregate.config;

import java.util.ArrayList;
import java.util.List;

/**
 * A pipeline file's text with the bookkeeping an error message needs: character offset to
 * line/column, and the offending line with a caret under the column.
 */
final class SourceText {
    private final String file;
    private final String text;
    private final int[] lineStarts;

    /** The files a text was joined from, in order; one for a single file. */
    private final List<Segment> segments;

    /** A file's part of the text: its name, where it starts, and the line it starts on. */
    record Segment(String file, int start, int firstLine) {}

    SourceText(String file, String text) {
        this(file, text, List.of(new Segment(file, 0, 0)));
    }

    /**
     * A text joined from several files; {@code starts[i]} is where file {@code files[i]} begins.
     * Locations name the file and its own line.
     */
    SourceText(String name, String text, List<String> files, List<Integer> starts) {
        this(name, text, segments(text, files, starts));
    }

    private static List<Segment> segments(String text, List<String> files, List<Integer> starts) {
        List<Segment> out = new ArrayList<>();
        int line = 0;
        int scanned = 0;
        for (int i = 0; i < files.size(); i++) {
            int start = starts.get(i);
            for (int k = scanned; k < start; k++) {
                if (text.charAt(k) == '\n') {
                    line++;
                }
            }
            scanned = start;
            out.add(new Segment(files.get(i), start, line));
        }
        return out;
    }

    private SourceText(String file, String text, List<Segment> segments) {
        this.file = file;
        this.text = text;
        this.segments = List.copyOf(segments);
        List<Integer> starts = new ArrayList<>();
        starts.add(0);
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                starts.add(i + 1);
            }
        }
        lineStarts = starts.stream().mapToInt(Integer::intValue).toArray();
    }

    String file() {
        return file;
    }

    String text() {
        return text;
    }

    /** 0-based index of the line holding offset {@code pos}. */
    private int lineIndex(int pos) {
        int lo = 0;
        int hi = lineStarts.length - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (lineStarts[mid] <= pos) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }

    /** The file holding offset {@code pos}. */
    private Segment segment(int pos) {
        Segment found = segments.get(0);
        for (Segment s : segments) {
            if (s.start() <= pos) {
                found = s;
            }
        }
        return found;
    }

    SourceLocation location(int pos) {
        int line = lineIndex(pos);
        Segment seg = segment(pos);
        return new SourceLocation(
                seg.file(), line - seg.firstLine() + 1, pos - lineStarts[line] + 1);
    }

    /** "line L, column C (byte B)", the way treetop (and so Logstash) words a position. */
    String describe(int pos) {
        SourceLocation loc = location(pos);
        int byteInFile = pos - segment(pos).start();
        return "line "
                + loc.line()
                + ", column "
                + loc.column()
                + " (byte "
                + (byteInFile + 1)
                + ")";
    }

    /**
     * The line holding {@code pos} and a caret line under its column. Tabs before the column are
     * copied into the caret line so the caret lines up in a terminal whatever its tab width.
     */
    String excerpt(int pos) {
        int line = lineIndex(pos);
        int start = lineStarts[line];
        int end = text.indexOf('\n', start);
        if (end < 0) {
            end = text.length();
        }
        if (end > start && text.charAt(end - 1) == '\r') {
            end--;
        }
        StringBuilder caret = new StringBuilder();
        for (int i = start; i < Math.min(pos, end); i++) {
            caret.append(text.charAt(i) == '\t' ? '\t' : ' ');
        }
        caret.append('^');
        return text.substring(start, end) + "\n" + caret;
    }

    ConfigException error(String message, int pos) {
        return new ConfigException(message, location(pos), excerpt(pos));
    }
}
