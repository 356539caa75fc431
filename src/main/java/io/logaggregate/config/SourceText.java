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

    SourceText(String file, String text) {
        this.file = file;
        this.text = text;
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

    SourceLocation location(int pos) {
        int line = lineIndex(pos);
        return new SourceLocation(file, line + 1, pos - lineStarts[line] + 1);
    }

    /** "line L, column C (byte B)", the way treetop (and so Logstash) words a position. */
    String describe(int pos) {
        SourceLocation loc = location(pos);
        return "line " + loc.line() + ", column " + loc.column() + " (byte " + (pos + 1) + ")";
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
