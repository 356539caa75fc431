package io.logaggregate.io.lines;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LineSplitterTest {
    private final List<String> lines = new ArrayList<>();
    private final List<Long> ends = new ArrayList<>();

    private void feed(LineSplitter s, String text) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        s.feed(
                b,
                0,
                b.length,
                (t, end) -> {
                    lines.add(t);
                    ends.add(end);
                });
    }

    @Test
    void emitsOnlyCompleteLinesAndStripsCarriageReturn() {
        LineSplitter s = new LineSplitter("\n", StandardCharsets.UTF_8);
        s.reset(100);
        feed(s, "a\r\nbb\nc");
        assertThat(lines).containsExactly("a", "bb");
        assertThat(ends).containsExactly(103L, 106L);
        assertThat(s.committedOffset()).isEqualTo(106);
        feed(s, "cc");
        assertThat(lines).hasSize(2);
        feed(s, "\n\n");
        assertThat(lines).containsExactly("a", "bb", "ccc", "");
        assertThat(ends).containsExactly(103L, 106L, 110L, 111L);
        assertThat(s.hasPartial()).isFalse();
    }

    @Test
    void multiByteDelimiterSplitAcrossFeeds() {
        LineSplitter s = new LineSplitter("||", StandardCharsets.UTF_8);
        feed(s, "one|");
        feed(s, "|two||thr");
        assertThat(lines).containsExactly("one", "two");
        s.finish((t, end) -> lines.add(t));
        assertThat(lines).containsExactly("one", "two", "thr");
    }

    @Test
    void multiByteCharactersSplitAcrossFeedsDecodeWhole() {
        LineSplitter s = new LineSplitter("\n", StandardCharsets.UTF_8);
        byte[] b = "héllo\n".getBytes(StandardCharsets.UTF_8);
        s.feed(b, 0, 2, (t, e) -> lines.add(t));
        s.feed(b, 2, b.length - 2, (t, e) -> lines.add(t));
        assertThat(lines).containsExactly("héllo");
    }

    @Test
    void pulledLinesMatchPushedOnesWithTheirEndOffsets() {
        String text = "a\r\nbb\n\nccc|\r\nlast";
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        for (String delimiter : List.of("\n", "\r\n", "|\r\n")) {
            for (int chunk = 1; chunk <= b.length; chunk++) {
                List<String> pushed = new ArrayList<>();
                LineSplitter push = new LineSplitter(delimiter, StandardCharsets.UTF_8);
                push.reset(7);
                for (int off = 0; off < b.length; off += chunk) {
                    push.feed(
                            b,
                            off,
                            Math.min(chunk, b.length - off),
                            (t, end) -> pushed.add(t + "@" + end));
                }
                push.finish((t, end) -> pushed.add(t + "@" + end));

                List<String> pulled = new ArrayList<>();
                LineSplitter pull = new LineSplitter(delimiter, StandardCharsets.UTF_8);
                pull.reset(7);
                for (int off = 0; off < b.length; off += chunk) {
                    pull.append(b, off, Math.min(chunk, b.length - off));
                    for (String t = pull.next(); t != null; t = pull.next()) {
                        pulled.add(t + "@" + pull.lineEnd());
                        assertThat(pull.committedOffset()).isEqualTo(pull.lineEnd());
                    }
                }
                String last = pull.rest();
                if (last != null) {
                    pulled.add(last + "@" + pull.lineEnd());
                }
                assertThat(pull.rest()).isNull();
                assertThat(pull.hasPartial()).isFalse();
                assertThat(pulled)
                        .as("delimiter %s, chunks of %d", delimiter.replace("\r", "\\r"), chunk)
                        .containsExactlyElementsOf(pushed)
                        .last()
                        .isEqualTo("last@" + (7 + b.length));
            }
        }
    }
}
