package io.logaggregate.filter;

import static io.logaggregate.filter.FilterTestSupport.T0;
import static io.logaggregate.filter.FilterTestSupport.event;
import static io.logaggregate.filter.FilterTestSupport.expected;
import static io.logaggregate.filter.FilterTestSupport.filter;
import static io.logaggregate.filter.FilterTestSupport.list;
import static io.logaggregate.filter.FilterTestSupport.map;
import static io.logaggregate.filter.FilterTestSupport.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.logaggregate.config.ConfigException;
import io.logaggregate.event.Event;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GrokFilterTest {
    private static final String DOC_PATTERN =
            "%{LOGLEVEL:loglevel} - %{NOTSPACE:taskid} - %{NOTSPACE:logger} - %{WORD:label}( -"
                    + " %{INT:duration:int})?";

    @Test
    void docExampleGivesDurationAsLong() {
        Filter grok = filter("grok", "match", list("message", DOC_PATTERN));
        Event e = run(grok, event("message", "INFO - 12345 - SQL - sqlQuery1 - 12"));
        assertThat(e.toJson())
                .isEqualTo(
                        "{\"@timestamp\":\"2026-01-31T00:02:00.000Z\",\"@version\":\"1\",\"message\":\"INFO"
                                + " - 12345 - SQL - sqlQuery1 - 12\",\"loglevel\":\"INFO\","
                                + "\"taskid\":\"12345\",\"logger\":\"SQL\",\"label\":\"sqlQuery1\",\"duration\":12}");
        assertThat(e.get("duration")).isInstanceOf(Long.class).isEqualTo(12L);
    }

    @Test
    void optionalGroupThatDidNotMatchIsLeftOut() {
        Filter grok = filter("grok", "match", list("message", DOC_PATTERN));
        Event e = run(grok, event("message", "INFO - 12345 - TASK_START - start"));
        assertThat(e.toMap())
                .isEqualTo(
                        expected(
                                "message", "INFO - 12345 - TASK_START - start",
                                "loglevel", "INFO",
                                "taskid", "12345",
                                "logger", "TASK_START",
                                "label", "start"));
    }

    @Test
    void hashFormWithSeveralPatternsStopsAtFirstMatch() {
        Filter grok =
                filter(
                        "grok",
                        "match",
                        map("message", list("^A %{WORD:a}", "%{WORD:first} %{WORD:second}")));
        assertThat(run(grok, event("message", "B c")).toMap())
                .isEqualTo(expected("message", "B c", "first", "B", "second", "c"));
        assertThat(run(grok, event("message", "A x")).toMap())
                .isEqualTo(expected("message", "A x", "a", "x"));
    }

    @Test
    void breakOnMatchFalseAppliesEveryPatternAndMakesArrays() {
        Filter grok =
                filter(
                        "grok",
                        "match",
                        map("message", list("%{WORD:w}", "%{WORD:w} %{WORD:x}")),
                        "break_on_match",
                        false);
        assertThat(run(grok, event("message", "hello world")).toMap())
                .isEqualTo(
                        expected(
                                "message",
                                "hello world",
                                "w",
                                list("hello", "hello"),
                                "x",
                                "world"));
    }

    @Test
    void failureAddsTagOnFailureOnlyOnce() {
        Filter grok = filter("grok", "match", list("message", "^%{INT:n}$"));
        Event e = event("message", "abc");
        run(grok, e);
        run(grok, e);
        assertThat(e.toMap())
                .isEqualTo(expected("message", "abc", "tags", list("_grokparsefailure")));

        Filter custom =
                filter(
                        "grok",
                        "match",
                        list("message", "^%{INT:n}$"),
                        "tag_on_failure",
                        list("a", "b"));
        assertThat(run(custom, event("message", "abc")).tags()).containsExactly("a", "b");
    }

    @Test
    void successAppliesCommonOptionsFailureDoesNot() {
        Filter grok =
                filter(
                        "grok",
                        "match",
                        list("message", "%{INT:n:int}"),
                        "add_tag",
                        list("parsed_%{n}"),
                        "add_field",
                        map("copy", "%{message}!"),
                        "remove_field",
                        list("message"));
        assertThat(run(grok, event("message", "n=7")).toMap())
                .isEqualTo(expected("n", 7L, "copy", "n=7!", "tags", list("parsed_7")));
        assertThat(run(grok, event("message", "none")).toMap())
                .isEqualTo(expected("message", "none", "tags", list("_grokparsefailure")));
    }

    @Test
    void existingStringFieldBecomesArrayUnlessOverwritten() {
        Filter keep = filter("grok", "match", list("message", "%{WORD:message}"));
        assertThat(run(keep, event("message", "hello there")).get("message"))
                .isEqualTo(list("hello there", "hello"));

        Filter overwrite =
                filter(
                        "grok",
                        "match",
                        list("message", "%{WORD} %{GREEDYDATA:message}"),
                        "overwrite",
                        list("message"));
        assertThat(run(overwrite, event("message", "hello there")).toMap())
                .isEqualTo(expected("message", "there"));

        // an existing number is neither replaced nor turned into an array
        Filter num = filter("grok", "match", list("message", "%{INT:n}"));
        assertThat(run(num, event("message", "5", "n", 1L)).get("n")).isEqualTo(1L);
    }

    @Test
    void intAndFloatConversions() {
        Filter grok =
                filter(
                        "grok",
                        "match",
                        list("message", "%{NUMBER:f:float} %{NUMBER:i:int} %{NUMBER:s}"));
        Event e = run(grok, event("message", "3.25 -42 1.5"));
        assertThat(e.get("f")).isEqualTo(3.25);
        assertThat(e.get("i")).isEqualTo(-42L);
        assertThat(e.get("s")).isEqualTo("1.5");

        // Ruby's to_i truncates "3.9"
        Filter trunc = filter("grok", "match", list("message", "%{NUMBER:i:int}"));
        assertThat(run(trunc, event("message", "3.9")).get("i")).isEqualTo(3L);
    }

    @Test
    void onigurumaGroupNamesWithUnderscoresAndNestedTargets() {
        Filter grok =
                filter(
                        "grok",
                        "match",
                        list(
                                "message",
                                "client=(?<client_hostname>[^\\[]+)\\[%{IP:[client][ip]}\\]"
                                        + " (?<[client][port]>\\d+)"));
        assertThat(run(grok, event("message", "client=example.com[127.0.0.1] 25")).toMap())
                .isEqualTo(
                        expected(
                                "message", "client=example.com[127.0.0.1] 25",
                                "client_hostname", "example.com",
                                "client", map("ip", "127.0.0.1", "port", "25")));
    }

    @Test
    void patternDefinitionsAndSameNameTwice() {
        Filter grok =
                filter(
                        "grok",
                        "match",
                        list("message", "%{PAIR:a} %{PAIR:b}"),
                        "pattern_definitions",
                        map("PAIR", "(?<k>\\w+)=(?<v>\\w+)"));
        assertThat(run(grok, event("message", "x=1 y=2")).toMap())
                .isEqualTo(
                        expected(
                                "message", "x=1 y=2",
                                "a", "x=1",
                                "k", list("x", "y"),
                                "v", list("1", "2"),
                                "b", "y=2"));
    }

    @Test
    void namedCapturesOnlyFalseKeepsPatternNames() {
        Filter grok =
                filter(
                        "grok",
                        "match",
                        list("message", "%{INT} %{WORD:w}"),
                        "named_captures_only",
                        false);
        assertThat(run(grok, event("message", "5 x")).toMap())
                .isEqualTo(expected("message", "5 x", "INT", "5", "w", "x"));
    }

    @Test
    void keepEmptyCaptures() {
        Filter drop = filter("grok", "match", list("message", "a=(?<a>\\w*);b=(?<b>x)?"));
        assertThat(run(drop, event("message", "a=;b=")).toMap())
                .isEqualTo(expected("message", "a=;b="));

        Filter keep =
                filter(
                        "grok",
                        "match",
                        list("message", "a=(?<a>\\w*);b=(?<b>x)?"),
                        "keep_empty_captures",
                        true);
        Event e = run(keep, event("message", "a=;b="));
        assertThat(e.get("a")).isEqualTo("");
        assertThat(e.includes("b")).isTrue();
        assertThat(e.get("b")).isNull();
    }

    @Test
    void arrayFieldIsMatchedElementByElement() {
        Filter grok = filter("grok", "match", list("message", "^%{INT:n}$"));
        assertThat(run(grok, event("message", list("1", "x", "3"))).get("n"))
                .isEqualTo(list("1", "3"));
        // Logstash adds to strings and arrays only: a first :int capture stays alone
        Filter ints = filter("grok", "match", list("message", "^%{INT:n:int}$"));
        assertThat(run(ints, event("message", list("1", "x", "3"))).get("n")).isEqualTo(1L);
    }

    @Test
    void missingFieldIsMatchedAsEmptyText() {
        Filter empty = filter("grok", "match", list("message", "^$"), "add_tag", list("empty"));
        assertThat(run(empty, event("other", "x")).tags()).containsExactly("empty");
        Filter word = filter("grok", "match", list("message", "%{WORD:w}"));
        assertThat(run(word, event("other", "x")).tags()).containsExactly("_grokparsefailure");
    }

    @Test
    void targetNestsCaptures() {
        Filter grok = filter("grok", "match", list("message", "%{WORD:w}"), "target", "parsed");
        assertThat(run(grok, event("message", "hi")).toMap())
                .isEqualTo(expected("message", "hi", "parsed", map("w", "hi")));
    }

    @Test
    void patternsDirRelativeToPipelineFolder(@TempDir Path dir) throws Exception {
        Path patterns = Files.createDirectories(dir.resolve("my-patterns"));
        Files.writeString(
                patterns.resolve("extra"),
                "# comment\nQUEUE_ID [0-9A-F]{10,11}\n  TASK %{QUEUE_ID}\n\nNOPATTERN\n");
        FilterContext ctx = new FilterContext(dir, FilterTestSupport.CLOCK);
        Filter grok =
                FilterRegistry.create(
                        FilterTestSupport.def(
                                "grok",
                                "patterns_dir",
                                list("my-patterns"),
                                "match",
                                list("message", "%{TASK:id}: ")),
                        ctx);
        grok.open();
        assertThat(run(grok, event("message", "BEF25A72965: message-id=<x>")).get("id"))
                .isEqualTo("BEF25A72965");
    }

    @Test
    void articlePostfixPatternsOnSampleLog() throws Exception {
        Path repo = Path.of("").toAbsolutePath();
        Filter grok =
                FilterRegistry.create(
                        FilterTestSupport.def(
                                "grok",
                                "patterns_dir",
                                list("conf/patterns"),
                                "match",
                                map(
                                        "message",
                                        list(
                                                "%{SYSLOGTIMESTAMP:timestamp} %{IPORHOHST:hostname}"
                                                        + " (?<program>postfix/smtpd)\\[\\d+\\]:"
                                                        + " %{POSTFIX_MSG_ID:taskid}:"
                                                        + " client=(?<client_hostname>[^\\]]+)\\[%{IP:client_ip}\\]",
                                                "%{SYSLOGTIMESTAMP:timestamp} %{IPORHOHST:hostname}"
                                                        + " (?<program>postfix/qmgr)\\[\\d+\\]:"
                                                        + " %{POSTFIX_MSG_ID:taskid}:"
                                                        + " from=<(?<from_mail>[^>]+)>,"
                                                        + " size=%{INT:size}, nrcpt=%{INT:nrcpt}",
                                                "%{SYSLOGTIMESTAMP:timestamp} %{IPORHOHST:hostname}"
                                                        + " (?<program>postfix/smtp)\\[\\d+\\]:"
                                                        + " %{POSTFIX_MSG_ID:taskid}:"
                                                        + " to=<(?<to_mail>[^>]+)>,.*"
                                                        + " relay=%{NOTSPACE:relay},.*"
                                                        + " status=%{NOTSPACE:status}.*",
                                                "%{SYSLOGTIMESTAMP:timestamp} %{IPORHOHST:hostname}"
                                                        + " (?<program>postfix/qmgr)\\[\\d+\\]:"
                                                        + " %{POSTFIX_MSG_ID:taskid}: removed"))),
                        new FilterContext(repo, FilterTestSupport.CLOCK));
        grok.open();
        List<String> lines =
                Files.readAllLines(
                        Path.of("src/test/resources/postfix/youyo-postfix-log-parser-test.log"));

        Event client = run(grok, event("message", lines.get(1)));
        assertThat(client.toJson())
                .isEqualTo(
                        "{\"@timestamp\":\"2026-01-31T00:02:00.000Z\",\"@version\":\"1\",\"message\":\""
                                + lines.get(1)
                                + "\",\"timestamp\":\"Oct 10"
                                + " 15:59:28\",\"hostname\":\"mail\",\"program\":\"postfix/smtpd\","
                                + "\"taskid\":\"C6E0DDB74006\",\"client_hostname\":\"example.com\",\"client_ip\":\"127.0.0.1\"}");

        assertThat(run(grok, event("message", lines.get(3))).toMap())
                .isEqualTo(
                        expected(
                                "message", lines.get(3),
                                "timestamp", "Oct 10 15:59:28",
                                "hostname", "mail",
                                "program", "postfix/qmgr",
                                "taskid", "C6E0DDB74006",
                                "from_mail", "test@example.com",
                                "size", "309891",
                                "nrcpt", "1"));

        assertThat(run(grok, event("message", lines.get(10))).toMap())
                .isEqualTo(
                        expected(
                                "message", lines.get(10),
                                "timestamp", "Oct 10 15:59:30",
                                "hostname", "mail",
                                "program", "postfix/smtp",
                                "taskid", "3D74ADB7400B",
                                "to_mail", "test@example.to",
                                "relay", "example.to[192.168.0.20]:25",
                                "status", "sent"));

        assertThat(run(grok, event("message", lines.get(12))).toMap())
                .isEqualTo(
                        expected(
                                "message", lines.get(12),
                                "timestamp", "Oct 10 15:59:30",
                                "hostname", "mail",
                                "program", "postfix/qmgr",
                                "taskid", "3D74ADB7400B"));

        // connect / cleanup lines are none of the four
        assertThat(run(grok, event("message", lines.get(0))).tags())
                .containsExactly("_grokparsefailure");
        assertThat(run(grok, event("message", lines.get(2))).tags())
                .containsExactly("_grokparsefailure");

        int parsed = 0;
        for (String line : lines) {
            if (run(grok, event("message", line)).tags().isEmpty()) {
                parsed++;
            }
        }
        // 3 mails: 3 client=, 3 from=, 4 to= (one mail has two recipients), 3 removed
        assertThat(parsed).isEqualTo(13);
    }

    @Test
    void confPatternsOwnHelpers() throws Exception {
        Filter grok =
                FilterRegistry.create(
                        FilterTestSupport.def(
                                "grok",
                                "patterns_dir",
                                list("conf/patterns"),
                                "match",
                                list(
                                        "message",
                                        "^%{POSTFIX_SYSLOG_PREFIX} %{POSTFIX_QUEUEID:queue_id}: ")),
                        FilterTestSupport.CTX);
        grok.open();
        String line =
                "Oct 10 15:59:29 mail postfix/cleanup[1695]: 3D74ADB7400B:"
                        + " message-id=<f9@example.info>";
        assertThat(run(grok, event("message", line)).toMap())
                .isEqualTo(
                        expected(
                                "message", line,
                                "timestamp", "Oct 10 15:59:29",
                                "hostname", "mail",
                                "program", "postfix/cleanup",
                                "pid", "1695",
                                "queue_id", "3D74ADB7400B"));
        // a long queue id and an IP as host
        String longId = "Oct  1 08:00:00 10.0.0.1 postfix/qmgr[7]: 4Wk0sz6Yz5z9vY1: removed";
        Event e = run(grok, event("message", longId));
        assertThat(e.get("queue_id")).isEqualTo("4Wk0sz6Yz5z9vY1");
        assertThat(e.get("hostname")).isEqualTo("10.0.0.1");
        assertThat(e.get("timestamp")).isEqualTo("Oct  1 08:00:00");
    }

    @Test
    void survivesSerialization() throws Exception {
        Filter grok =
                FilterRegistry.create(
                        FilterTestSupport.def("grok", "match", list("message", DOC_PATTERN)),
                        FilterTestSupport.CTX);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(grok);
        }
        Filter copy;
        try (ObjectInputStream in =
                new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            copy = (Filter) in.readObject();
        }
        copy.open();
        assertThat(run(copy, event("message", "INFO - 1 - SQL - q - 5")).get("duration"))
                .isEqualTo(5L);
    }

    @Test
    void configurationErrors() {
        assertThatThrownBy(() -> filter("grok", "match", list("message", "%{NOPE:x}")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("pattern %{NOPE:x} not defined");
        assertThatThrownBy(() -> filter("grok", "match", list("message", "(unclosed")))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("Invalid grok pattern \"(unclosed\"");
        assertThatThrownBy(() -> filter("grok", "matchx", list("message", "x")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("Unknown setting 'matchx' for grok");
        // the article's lost-field form: patterns read as field/pattern pairs
        assertThatThrownBy(() -> filter("grok", "match", list("%{WORD:a}", "%{WORD:b}")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("field/pattern pairs");
        assertThatThrownBy(
                        () ->
                                filter(
                                        "grok",
                                        "patterns_dir",
                                        list("/nonexistent/dir"),
                                        "match",
                                        list("message", "%{MISSING:x}")))
                .isInstanceOf(ConfigException.class)
                .hasMessage(
                        "pattern %{MISSING:x} not defined (no pattern files found in patterns_dir"
                                + " /nonexistent/dir)");
    }

    @Test
    void timeoutTagsInsteadOfHanging() {
        Filter grok = filter("grok", "match", list("message", "^(a+)+\\1b"), "timeout_millis", 50);
        // exponential backtracking: would run for hours without the deadline
        Event e = run(grok, event("message", "a".repeat(60) + "!b"));
        assertThat(e.tags()).containsExactly("_groktimeout");
        assertThat(e.timestamp()).isEqualTo(T0);
        // a line without the "b" every match needs is not given to the regex at all: it fails at
        // once, instead of running into the timeout
        e = run(grok, event("message", "a".repeat(60) + "!"));
        assertThat(e.tags()).containsExactly("_grokparsefailure");
    }

    @Test
    void timeoutPerEventAndReusedMatchers() {
        Filter grok =
                filter(
                        "grok",
                        "match",
                        map("message", list("^(a+)+\\1b", "^(?<x>a+)!")),
                        "timeout_millis",
                        50,
                        "timeout_scope",
                        "event");
        Event e = run(grok, event("message", "a".repeat(60) + "!b"));
        assertThat(e.tags()).containsExactly("_groktimeout");
        // the next events match normally with the same (reset) matchers
        for (int i = 1; i < 4; i++) {
            e = run(grok, event("message", "a".repeat(i) + "!"));
            assertThat(e.tags()).isEmpty();
            assertThat(e.get("x")).isEqualTo("a".repeat(i));
        }
    }
}
