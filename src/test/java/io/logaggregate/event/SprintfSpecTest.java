package io.logaggregate.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The examples of Logstash's {@code StringInterpolationTest.java} and of the {@code #sprintf}
 * context of {@code legacy_ruby_event_spec.rb}, on our {@link Sprintf}.
 */
class SprintfSpecTest {

    /** StringInterpolationTest's event: bar, awesome, j.k1, at 2015-10-01T00:00:00Z. */
    static Event interpolationEvent() {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("bar", "foo");
        data.put("awesome", "logstash");
        data.put("j", Map.of("k1", "v"));
        data.put("@timestamp", Instant.parse("2015-10-01T00:00:00Z"));
        return Event.fromMap(data, Instant.EPOCH);
    }

    @Nested
    class StringInterpolationTest {
        final Event event = interpolationEvent();

        @AfterEach
        void resetClock() {
            Sprintf.setClock(Clock.systemUTC());
        }

        @Test
        void completelyStaticTemplate() {
            assertThat(event.sprintf("/full/path/awesome")).isEqualTo("/full/path/awesome");
        }

        @Test
        void oneLevelField() {
            assertThat(event.sprintf("/full/%{bar}/awesome")).isEqualTo("/full/foo/awesome");
        }

        @Test
        void multipleLevelField() {
            assertThat(event.sprintf("/full/%{bar}/%{awesome}")).isEqualTo("/full/foo/logstash");
        }

        @Test
        void missingKey() {
            assertThat(event.sprintf("/full/%{do-not-exist}")).isEqualTo("/full/%{do-not-exist}");
        }

        @Test
        void dateFormatter() {
            assertThat(event.sprintf("/full/%{+YYYY}")).isEqualTo("/full/2015");
        }

        @Test
        void mixDateAndFields() {
            assertThat(event.sprintf("/full/%{+YYYY}/weeee/%{bar}"))
                    .isEqualTo("/full/2015/weeee/foo");
        }

        @Test
        void mixDateAndFieldsJavaSyntax() {
            assertThat(event.sprintf("/full/%{{YYYY-DDD}}/weeee/%{bar}"))
                    .isEqualTo("/full/2015-274/weeee/foo");
        }

        @Test
        void unclosedTag() {
            assertThat(event.sprintf("/full/%{+YYY/web")).isEqualTo("/full/%{+YYY/web");
        }

        @Test
        void stringIsOneDateTag() {
            assertThat(event.sprintf("%{+YYYY}")).isEqualTo("2015");
        }

        @Test
        void stringIsJavaDateTag() {
            assertThat(event.sprintf("%{{YYYY-'W'ww}}")).isEqualTo("2015-W40");
        }

        @Test
        void fieldRef() {
            assertThat(event.sprintf("%{[j][k1]}")).isEqualTo("v");
        }

        @Test
        void epochSecondsIsJodaSyntaxWhenLonger() {
            // "+%ss" is not the epoch form: Joda prints the literal % and two-digit seconds
            assertThat(event.sprintf("%{+%ss}")).isEqualTo("%00");
        }

        @Test
        void epoch() {
            assertThat(event.sprintf("%{+%s}")).isEqualTo("1443657600");
        }

        @Test
        void valueIsArray() {
            event.set("message", new ArrayList<>(List.of("Hello", "world")));
            assertThat(event.sprintf("%{message}")).isEqualTo("Hello,world");
        }

        @Test
        void valueIsHash() {
            assertThat(event.sprintf("%{j}")).isEqualTo("{\"k1\":\"v\"}");
        }

        @Test
        void timeNow() {
            Instant before = Instant.now();
            Instant result = Instant.parse(event.sprintf("%{{TIME_NOW}}"));
            Instant after = Instant.now();
            assertThat(result).isBetween(before, after);
        }

        @Test
        void timeNowReadsTheClock() {
            Sprintf.setClock(
                    Clock.fixed(Instant.parse("2025-01-16T16:57:12.488955Z"), ZoneOffset.UTC));
            assertThat(event.sprintf("now=%{{TIME_NOW}}"))
                    .isEqualTo("now=2025-01-16T16:57:12.488955Z");
        }

        /**
         * Logstash throws IllegalArgumentException for {@code %{{BAD_TIME_NOW}}} (and stops the
         * pipeline); here the reference stays as it is and a warning is logged.
         */
        @Test
        void badTimeNowLeavesTheTextInsteadOfFailing() {
            assertThat(event.sprintf("x-%{{BAD_TIME_NOW}}-%{bar}"))
                    .isEqualTo("x-%{{BAD_TIME_NOW}}-foo");
        }

        /** The format of issue 9: Joda reads "YYY b %{bar" as the pattern, and 'b' is illegal. */
        @Test
        void jodaPatternSpanningAReferenceIsLeftAsItIs() {
            assertThat(event.sprintf("%{+YYY b %{bar}")).isEqualTo("%{+YYY b %{bar}");
            assertThat(event.sprintf("a-%{+YYY b %{bar}-%{awesome}"))
                    .isEqualTo("a-%{+YYY b %{bar}-logstash");
        }

        @Test
        void javaPatternNeedsItsSecondBraceRightAfterTheFirst() {
            // "%{{YYYY}" has no "}}": it is a field reference named "{YYYY", which is missing
            assertThat(event.sprintf("%{{YYYY}-x")).isEqualTo("%{{YYYY}-x");
        }
    }

    /** legacy_ruby_event_spec.rb's event_hash, with its #sprintf examples. */
    @Nested
    class EventSprintf {
        final Event subject = legacyEvent();

        static Event legacyEvent() {
            Map<String, Object> j = new LinkedHashMap<>();
            j.put("k1", "v");
            j.put("k2", List.of("w", "x"));
            j.put("k3", Map.of("4", "m"));
            j.put("k4", List.of(Map.of("nested", "cool")));
            j.put("5", 7L);
            Map<String, Object> h = new LinkedHashMap<>();
            h.put("@timestamp", "2013-01-01T00:00:00.000Z");
            h.put("type", "sprintf");
            h.put("message", "hello world");
            h.put("tags", List.of("tag1"));
            h.put("source", "/home/foo");
            h.put("a", "b");
            h.put("c", Map.of("d", "f", "e", Map.of("f", "g")));
            h.put("f", Map.of("g", Map.of("h", "i")));
            h.put("j", j);
            h.put("nilfield", null);
            h.put(
                    "@metadata",
                    Map.of("fancy", "pants", "have-to-go", Map.of("deeper", "inception")));
            return Event.fromMap(h, Instant.EPOCH);
        }

        @Test
        void unixTimestamp() {
            assertThat(subject.sprintf("%{+%s}")).isEqualTo("1356998400");
        }

        @Test
        void noFieldRef() {
            assertThat(subject.sprintf("bonjour")).isEqualTo("bonjour");
        }

        @Test
        void epochWithoutTimestampIsEmpty() {
            Event subj = subject.copy();
            subj.remove("[@timestamp]");
            assertThat(subj.sprintf("hello-%{+%s}")).isEqualTo("hello-");
        }

        @Test
        void timeFormats() {
            assertThat(subject.sprintf("%{+YYYY}")).isEqualTo("2013");
            assertThat(subject.sprintf("%{+MM}")).isEqualTo("01");
            assertThat(subject.sprintf("%{+HH}")).isEqualTo("00");
        }

        @Test
        void mixedString() {
            assertThat(subject.sprintf("foo %{+YYYY-MM-dd} %{type}"))
                    .isEqualTo("foo 2013-01-01 sprintf");
        }

        @Test
        void formatWithoutTimestampIsEmpty() {
            Event subj = subject.copy();
            subj.remove("[@timestamp]");
            assertThat(subj.sprintf("logstash-%{+YYYY}")).isEqualTo("logstash-");
            assertThat(subj.sprintf("logstash-%{{yyyy}}")).isEqualTo("logstash-");
        }

        @Test
        void fields() {
            assertThat(subject.sprintf("%{type}")).isEqualTo("sprintf");
            assertThat(subject.sprintf("%{message}")).isEqualTo("hello world");
        }

        @Test
        void deepFields() {
            assertThat(subject.sprintf("%{[j][k1]}")).isEqualTo("v");
            assertThat(subject.sprintf("%{[j][k2][0]}")).isEqualTo("w");
        }

        @Test
        void metadata() {
            assertThat(subject.sprintf("super-%{[@metadata][fancy]}")).isEqualTo("super-pants");
            assertThat(subject.sprintf("%{[@metadata][have-to-go][deeper]}"))
                    .isEqualTo("inception");
        }

        @Test
        void hashAsJson() {
            assertThat(subject.sprintf("%{[j][k3]}")).isEqualTo("{\"4\":\"m\"}");
        }

        @Test
        void doesNotStripLastCharacter() {
            assertThat(subject.sprintf("%{type}%{message}|")).isEqualTo("sprintfhello world|");
        }

        @Test
        void nilArrayValues() {
            subject.set("foo", new ArrayList<>(Arrays.asList(null, "baz")));
            assertThat(subject.get("[foo][0]")).isNull();
            assertThat(subject.get("[foo][1]")).isEqualTo("baz");
            assertThat(subject.sprintf("%{[foo]}")).isEqualTo(",baz");

            subject.set("foo", new ArrayList<>(Arrays.asList("bar", null, "baz")));
            assertThat(subject.sprintf("%{[foo]}")).isEqualTo("bar,,baz");

            subject.set("foo", new ArrayList<>(Arrays.asList("bar", null)));
            assertThat(subject.sprintf("%{[foo]}")).isEqualTo("bar,");
        }

        @Test
        void deepArraysWithNil() {
            subject.set("[foo]", List.of(Arrays.asList(12L, null), 56L));
            assertThat(subject.sprintf("%{[foo]}")).isEqualTo("12,,56");
        }

        @Test
        void unknownReferenceStays() {
            assertThat(subject.sprintf("%{unknown_pattern}")).isEqualTo("%{unknown_pattern}");
        }

        @Test
        void acceptableTimestampFormatsParseBack() {
            for (String format :
                    List.of(
                            "YYYY-MM-dd'T'HH:mm:ss.SSSZ",
                            "YYYY-MM-dd'T'HH:mm:ss.SSSSSSZ",
                            "YYYY-MM-dd'T'HH:mm:ss.SSS",
                            "YYYY-MM-dd'T'HH:mm:ss",
                            "YYYY-MM-dd'T'HH:mm:ssZ")) {
                String time = subject.sprintf("%{+" + format + "}");
                assertThat(Timestamps.parseIso(time)).as(format + " -> " + time).isNotNull();
            }
        }
    }
}
