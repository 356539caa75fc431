package io.logaggregate.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.logaggregate.config.ConfigException;
import io.logaggregate.config.ConfigParser;
import io.logaggregate.config.ast.PluginStatement;
import io.logaggregate.event.Event;
import io.logaggregate.filter.Filter;
import io.logaggregate.filter.FilterContext;
import io.logaggregate.filter.FilterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The examples of logstash-filter-date's {@code date_spec.rb}: each {@code date { }} block of the
 * spec on the spec's events; where the spec stops Logstash's clock ({@code Time.now}) the filter
 * gets a fixed clock.
 */
class DateSpecTest {

    /**
     * The date filter of {@code block} ({@code date { ... }}), reading "now" from {@code clock}.
     */
    static Filter date(String block, Clock clock) {
        var config = ConfigParser.parse("spec.conf", "filter { " + block + " }", Map.of());
        var def = ((PluginStatement) config.filters().get(0)).plugin();
        Filter f = FilterRegistry.create(def, new FilterContext(Path.of("."), clock));
        try {
            f.open();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return f;
    }

    static Filter date(String block) {
        return date(block, Clock.systemUTC());
    }

    static Clock at(String instant) {
        return Clock.fixed(Instant.parse(instant), ZoneOffset.UTC);
    }

    static Event run(Filter f, Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        Event e = Event.fromMap(m, Instant.parse("2000-01-01T00:00:00Z"));
        f.filter(e, x -> {});
        return e;
    }

    static final Instant UNCHANGED = Instant.parse("2000-01-01T00:00:00Z");

    @Test
    void anInvalidMatchIsAConfigurationError() {
        assertThatThrownBy(() -> date("date { match => [\"mydate\"] }"))
                .isInstanceOf(ConfigException.class);
    }

    @Test
    void iso8601() {
        Filter f =
                date(
                        "date { match => [ \"mydate\", \"ISO8601\" ] locale => \"en\" timezone => \"UTC\" }");
        String[][] times = {
            {"2001-01-01T00:00:00-0800", "2001-01-01T08:00:00.000Z"},
            {"1974-03-02T04:09:09-0800", "1974-03-02T12:09:09.000Z"},
            {"2010-05-03T08:18:18+00:00", "2010-05-03T08:18:18.000Z"},
            {"2004-07-04T12:27:27-00:00", "2004-07-04T12:27:27.000Z"},
            {"2001-09-05T16:36:36+0000", "2001-09-05T16:36:36.000Z"},
            {"2001-11-06T20:45:45-0000", "2001-11-06T20:45:45.000Z"},
            {"2001-12-07T23:54:54Z", "2001-12-07T23:54:54.000Z"},
            {"2010-05-03T08:18:18.123+00:00", "2010-05-03T08:18:18.123Z"},
            {"2004-07-04T12:27:27.123-04:00", "2004-07-04T16:27:27.123Z"},
            {"2001-09-05T16:36:36.123+0700", "2001-09-05T09:36:36.123Z"},
            {"2001-11-06T20:45:45.123-0000", "2001-11-06T20:45:45.123Z"},
            {"2001-12-07T23:54:54.123Z", "2001-12-07T23:54:54.123Z"},
            {"2001-12-07T23:54:54,123Z", "2001-12-07T23:54:54.123Z"},
            {"2001-11-06 20:45:45.123-0000", "2001-11-06T20:45:45.123Z"},
            {"2001-12-07 23:54:54.123Z", "2001-12-07T23:54:54.123Z"},
            {"2001-12-07 23:54:54,123Z", "2001-12-07T23:54:54.123Z"},
            {"2001-11-06 20:45:45.123", "2001-11-06T20:45:45.123Z"},
            {"2001-11-06 20:45:45,123", "2001-11-06T20:45:45.123Z"},
        };
        for (String[] t : times) {
            Event e = run(f, "mydate", t[0]);
            assertThat(e.get("mydate")).isEqualTo(t[0]);
            assertThat(e.timestamp()).as(t[0]).isEqualTo(Instant.parse(t[1]));
        }
    }

    @Test
    void javaSimpleDateFormatSyntax() {
        Filter f =
                date(
                        "date { match => [ \"mydate\", \"MMM dd HH:mm:ss Z\" ] locale => \"en\" }",
                        at("2026-06-15T12:00:00Z"));
        assertThat(run(f, "mydate", "Nov 24 01:29:01 -0800").timestamp())
                .isEqualTo(Instant.parse("2026-11-24T09:29:01.000Z"));
    }

    @Test
    void unix() {
        Filter f = date("date { match => [ \"mydate\", \"UNIX\" ] locale => \"en\" }");
        Object[][] times = {
            {"0", "1970-01-01T00:00:00.000Z"}, {"1000000000", "2001-09-09T01:46:40.000Z"},
            {"1478207457", "2016-11-03T21:10:57.000Z"}, {0L, "1970-01-01T00:00:00.000Z"},
            {1000000000L, "2001-09-09T01:46:40.000Z"}, {1478207457L, "2016-11-03T21:10:57.000Z"},
        };
        for (Object[] t : times) {
            assertThat(run(f, "mydate", t[0]).timestamp())
                    .as(String.valueOf(t[0]))
                    .isEqualTo(Instant.parse((String) t[1]));
        }
        Event bad = run(f, "mydate", "%{bad_value}");
        assertThat(bad.get("mydate")).isEqualTo("%{bad_value}");
        assertThat(bad.timestamp()).isNotEqualTo(Instant.EPOCH);
        assertThat(bad.tags()).contains("_dateparsefailure");
    }

    @Test
    void unixWithMicroseconds() {
        Filter f = date("date { match => [ \"mydate\", \"UNIX\" ] locale => \"en\" }");
        Instant expected = Instant.parse("2012-10-16T19:15:44.123Z");
        assertThat(run(f, "mydate", "1350414944.123456").timestamp()).isEqualTo(expected);
        Event fl = run(f, "mydate", 1350414944.123456);
        assertThat(fl.get("mydate")).isEqualTo(1350414944.123456);
        assertThat(fl.timestamp()).isEqualTo(expected);
        Event json = SpecPipeline.json("{ \"mydate\": 1350414944.123456 }");
        f.filter(json, x -> {});
        assertThat(json.timestamp()).isEqualTo(expected);
    }

    @Test
    void unixMs() {
        Filter f = date("date { match => [ \"mydate\", \"UNIX_MS\" ] locale => \"en\" }");
        Object[][] times = {
            {"0", "1970-01-01T00:00:00.000Z"}, {"456", "1970-01-01T00:00:00.456Z"},
            {"1000000000123", "2001-09-09T01:46:40.123Z"}, {0L, "1970-01-01T00:00:00.000Z"},
            {456L, "1970-01-01T00:00:00.456Z"}, {1000000000123L, "2001-09-09T01:46:40.123Z"},
        };
        for (Object[] t : times) {
            assertThat(run(f, "mydate", t[0]).timestamp())
                    .as(String.valueOf(t[0]))
                    .isEqualTo(Instant.parse((String) t[1]));
        }
    }

    @Test
    void unixAndUnixMs() {
        Filter f = date("date { match => [ \"mydate\", \"UNIX\", \"UNIX_MS\" ] locale => \"en\" }");
        Object[][] times = {
            {"0", "1970-01-01T00:00:00.000Z"},
            {"1000000000", "2001-09-09T01:46:40.000Z"},
            {"1000000000123", "2001-09-09T01:46:40.123Z"},
            {"1478207457", "2016-11-03T21:10:57.000Z"},
            {"1478207457.456", "2016-11-03T21:10:57.456Z"},
            {0L, "1970-01-01T00:00:00.000Z"},
            {1000000000L, "2001-09-09T01:46:40.000Z"},
            {1000000000123L, "2001-09-09T01:46:40.123Z"},
            {1478207457L, "2016-11-03T21:10:57.000Z"},
            {1478207457.456, "2016-11-03T21:10:57.456Z"},
        };
        for (Object[] t : times) {
            assertThat(run(f, "mydate", t[0]).timestamp())
                    .as(String.valueOf(t[0]))
                    .isEqualTo(Instant.parse((String) t[1]));
        }
    }

    @Test
    void failedParsesDoNotFail() {
        Filter f =
                date(
                        "date { match => [ \"mydate\", \"MMM  d HH:mm:ss\", \"MMM dd HH:mm:ss\" ] locale => \"en\" }");
        assertThat(run(f, "mydate", "this will not parse").tags())
                .containsExactly("_dateparsefailure");
        assertThat(run(f).tags()).isEmpty();
    }

    @Test
    void tai64n() {
        Filter f = date("date { match => [ \"t\", TAI64N ] locale => \"en\" }");
        Instant expected = Instant.parse("2012-12-22T01:00:46.767Z");
        assertThat(run(f, "t", "4000000050d506482dbdf024").timestamp()).isEqualTo(expected);
        assertThat(run(f, "t", "@4000000050d506482dbdf024").timestamp()).isEqualTo(expected);
    }

    @Test
    void deepNestedField() {
        Filter f = date("date { match => [ \"[data][deep]\", \"ISO8601\" ] locale => \"en\" }");
        assertThat(run(f, "data", Map.of("deep", "2013-01-01T00:00:00.000Z")).timestamp())
                .isEqualTo(Instant.parse("2013-01-01T00:00:00.000Z"));
    }

    @Test
    void failingToParseDoesNotThrow() {
        Filter f = date("date { match => [ \"thedate\", \"yyyy/MM/dd\" ] locale => \"en\" }");
        Event e = run(f, "thedate", "2013/Apr/21");
        assertThat(e.timestamp()).isEqualTo(UNCHANGED);
        assertThat(e.tags()).containsExactly("_dateparsefailure");
    }

    @Test
    void tagOnFailure() {
        Filter f =
                date(
                        "date { match => [ \"thedate\", \"yyyy/MM/dd\" ] locale => \"en\" tag_on_failure => \"date_failed\" }");
        assertThat(run(f, "thedate", "2013/Apr/21").tags()).containsExactly("date_failed");
    }

    @Nested
    class Timezones {
        @Test
        void timezoneSetting() {
            Filter f =
                    date(
                            "date { match => [\"mydate\", \"yyyy MMM dd HH:mm:ss\"] locale => \"en\" timezone => \"America/Los_Angeles\" }");
            assertThat(run(f, "mydate", "2013 Nov 24 01:29:01").timestamp())
                    .isEqualTo(Instant.parse("2013-11-24T09:29:01.000Z"));
            assertThat(run(f, "mydate", "2013 Jun 24 01:29:01").timestamp())
                    .isEqualTo(Instant.parse("2013-06-24T08:29:01.000Z"));
        }

        @Test
        void timezoneFromTheEvent() {
            Filter f =
                    date(
                            "date { match => [\"mydate\", \"yyyy MMM dd HH:mm:ss\"] locale => \"en\" timezone => \"%{mytz}\" }");
            assertThat(
                            run(f, "mydate", "2013 Nov 24 01:29:01", "mytz", "America/Los_Angeles")
                                    .timestamp())
                    .isEqualTo(Instant.parse("2013-11-24T09:29:01.000Z"));
            assertThat(
                            run(f, "mydate", "2013 Jun 24 01:29:01", "mytz", "America/Los_Angeles")
                                    .timestamp())
                    .isEqualTo(Instant.parse("2013-06-24T08:29:01.000Z"));
        }

        @Test
        void iso8601WithTimezoneFromTheEvent() {
            Filter f =
                    date(
                            "date { match => [\"mydate\", \"ISO8601\"] locale => \"en\" timezone => \"%{mytz}\" }");
            assertThat(
                            run(f, "mydate", "2007-12-09T01:00:00", "mytz", "America/Caracas")
                                    .timestamp())
                    .isEqualTo(Instant.parse("2007-12-09T05:00:00.000Z"));
            assertThat(
                            run(f, "mydate", "2007-12-09T10:00:00", "mytz", "America/Caracas")
                                    .timestamp())
                    .isEqualTo(Instant.parse("2007-12-09T14:30:00.000Z"));
            assertThat(
                            run(f, "mydate", "2016-05-01T08:18:18.123", "mytz", "America/Caracas")
                                    .timestamp())
                    .isEqualTo(Instant.parse("2016-05-01T12:18:18.123Z"));
        }

        @Test
        void nextYearsDstSwitchoverInCetDoesNotFail() {
            Filter f =
                    date(
                            "date { match => [ \"message\", \"yyyy MMM dd HH:mm:ss\" ] locale => \"en\" timezone => \"CET\" }",
                            at("2016-03-29T23:59:50Z"));
            Event e = run(f, "message", "2016 Mar 26 02:00:37");
            assertThat(e.tags()).isEmpty();
            assertThat(e.timestamp()).isEqualTo(Instant.parse("2016-03-26T01:00:37.000Z"));
        }

        /** Issue 11 cause 6: 02:00:01 does not exist on 2016-03-27 in CET. */
        @Test
        void aTimeInTheDstGapIsAParseFailure() {
            Filter f =
                    date(
                            "date { match => [ \"message\", \"MMM dd HH:mm:ss\" ] locale => \"en\" timezone => \"CET\" }",
                            at("2016-03-29T23:59:50Z"));
            Event before = run(f, "message", "Mar 27 01:59:59");
            assertThat(before.tags()).isEmpty();
            assertThat(before.timestamp()).isEqualTo(Instant.parse("2016-03-27T00:59:59.000Z"));
            Event gap = run(f, "message", "Mar 27 02:00:01");
            assertThat(gap.tags()).containsExactly("_dateparsefailure");
            assertThat(gap.timestamp()).isEqualTo(UNCHANGED);
            Event after = run(f, "message", "Mar 27 03:00:01");
            assertThat(after.tags()).isEmpty();
            assertThat(after.timestamp()).isEqualTo(Instant.parse("2016-03-27T01:00:01.000Z"));
        }

        @Test
        void aTimeInTheDstGapIsAFailureForIso8601Too() {
            Filter f =
                    date(
                            "date { match => [\"mydate\", \"ISO8601\"] timezone => \"Europe/Paris\" }");
            assertThat(run(f, "mydate", "2016-03-27T02:30:00").tags())
                    .containsExactly("_dateparsefailure");
            // with an offset in the text the local time is not looked up in the zone
            assertThat(run(f, "mydate", "2016-03-27T02:30:00+01:00").timestamp())
                    .isEqualTo(Instant.parse("2016-03-27T01:30:00Z"));
        }
    }

    @Nested
    class DefaultYear {
        final String syslog =
                "date { match => [ \"message\", \"MMM dd HH:mm:ss\" ] locale => \"en\" timezone => \"%s\" }";

        @Test
        void thisYear() {
            Filter f =
                    date(
                            "date { match => [ \"message\", \"EEE MMM dd HH:mm:ss\" ] locale => \"en\" timezone => \"%{mytz}\" }",
                            at("2026-06-15T12:00:00Z"));
            assertThat(
                            run(f, "message", "Sun Jun 02 20:38:03", "mytz", "UTC")
                                    .timestamp()
                                    .atZone(ZoneOffset.UTC)
                                    .getYear())
                    .isEqualTo(2026);
            Filter g =
                    date(
                            "date { match => [ \"message\", \"EEE MMM dd HH:mm:ss\" ] locale => \"en\" }",
                            at("2026-06-15T12:00:00Z"));
            assertThat(
                            run(g, "message", "Sun Jun 02 20:38:03")
                                    .timestamp()
                                    .atZone(ZoneOffset.UTC)
                                    .getYear())
                    .isEqualTo(2026);
        }

        @Test
        void lastYearForDecemberEventsInJanuary() {
            for (String tz : List.of("%{mytz}", "UTC")) {
                Filter f = date(syslog.formatted(tz), at("2014-01-01T00:30:50Z"));
                assertThat(
                                run(f, "message", "Dec 31 23:59:00", "mytz", "UTC")
                                        .timestamp()
                                        .atZone(ZoneOffset.UTC)
                                        .getYear())
                        .isEqualTo(2013);
            }
        }

        @Test
        void nextYearForJanuaryEventsInDecember() {
            for (String tz : List.of("%{mytz}", "UTC")) {
                Filter f = date(syslog.formatted(tz), at("2013-12-31T23:59:50Z"));
                assertThat(
                                run(f, "message", "Jan 01 01:00:00", "mytz", "UTC")
                                        .timestamp()
                                        .atZone(ZoneOffset.UTC)
                                        .getYear())
                        .isEqualTo(2014);
            }
        }
    }

    @Nested
    class Locales {
        @Test
        void frenchInEveryForm() {
            for (String locale : List.of("fr", "fr-FR", "fr_FR")) {
                Filter f =
                        date(
                                "date { match => [ \"message\", \"dd MMMM yyyy\" ] locale => \""
                                        + locale
                                        + "\" timezone => \"UTC\" }");
                assertThat(run(f, "message", "14 juillet 1789").timestamp())
                        .as(locale)
                        .isEqualTo(Instant.parse("1789-07-14T00:00:00.000Z"));
            }
        }

        @Test
        void httpDates() {
            Filter f =
                    date(
                            "date { match => [ \"timestamp\", \"dd/MMM/yyyy:HH:mm:ss Z\" ] locale => \"en\" }");
            assertThat(run(f, "timestamp", "25/Mar/2013:20:33:56 +0000").timestamp())
                    .isEqualTo(Instant.parse("2013-03-25T20:33:56.000Z"));
        }

        @Test
        void englishWithoutALocale() {
            Filter f =
                    date("date { match => [ \"message\", \"dd MMMM yyyy\" ] timezone => \"UTC\" }");
            assertThat(run(f, "message", "01 September 2014").timestamp())
                    .isEqualTo(Instant.parse("2014-09-01T00:00:00.000Z"));
        }
    }

    @Test
    void cancelledEventsAreLeftAlone() {
        SpecPipeline p =
                SpecPipeline.of("date { match => [ \"message\", \"yyyy\" ] timezone => \"UTC\" }");
        Event cancelled = SpecPipeline.json("{\"message\":\"1999\"}");
        cancelled.cancel();
        assertThat(p.run(cancelled)).isEmpty();
        assertThat(p.sampleJson("{\"message\":\"2001\"}").timestamp())
                .isEqualTo(Instant.parse("2001-01-01T00:00:00Z"));
    }
}
