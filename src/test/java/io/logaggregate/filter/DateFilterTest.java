package io.logaggregate.filter;

import static io.logaggregate.filter.FilterTestSupport.event;
import static io.logaggregate.filter.FilterTestSupport.expected;
import static io.logaggregate.filter.FilterTestSupport.filter;
import static io.logaggregate.filter.FilterTestSupport.list;
import static io.logaggregate.filter.FilterTestSupport.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.logaggregate.config.ConfigException;
import io.logaggregate.event.Event;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DateFilterTest {
    private static Instant ts(Filter f, Object value) {
        return run(f, event("t", value)).timestamp();
    }

    private static Filter withClock(String now, Object... settings) throws Exception {
        FilterContext ctx =
                new FilterContext(Path.of("."), Clock.fixed(Instant.parse(now), ZoneOffset.UTC));
        Filter f = FilterRegistry.create(FilterTestSupport.def("date", settings), ctx);
        f.open();
        return f;
    }

    @Test
    void syslogWithoutYearTakesTheClockYear() {
        Filter f =
                filter(
                        "date",
                        "match",
                        list("t", "MMM  d HH:mm:ss", "MMM dd HH:mm:ss"),
                        "timezone",
                        "UTC");
        assertThat(ts(f, "Oct 10 15:59:28")).isEqualTo(Instant.parse("2026-10-10T15:59:28Z"));
        assertThat(ts(f, "Oct  1 15:59:28")).isEqualTo(Instant.parse("2026-10-01T15:59:28Z"));
    }

    @Test
    void yearGuessAtNewYear() throws Exception {
        Filter january =
                withClock(
                        "2027-01-02T00:00:00Z",
                        "match",
                        list("t", "MMM dd HH:mm:ss"),
                        "timezone",
                        "UTC");
        assertThat(ts(january, "Dec 31 23:59:59")).isEqualTo(Instant.parse("2026-12-31T23:59:59Z"));
        Filter december =
                withClock(
                        "2026-12-31T00:00:00Z",
                        "match",
                        list("t", "MMM dd HH:mm:ss"),
                        "timezone",
                        "UTC");
        assertThat(ts(december, "Jan 01 00:00:01"))
                .isEqualTo(Instant.parse("2027-01-01T00:00:01Z"));
    }

    @Test
    void successSetsTimestampAndAppliesCommonOptions() {
        Filter f =
                filter(
                        "date",
                        "match",
                        list("t", "yyyy-MM-dd HH:mm:ss"),
                        "timezone",
                        "Europe/Paris",
                        "add_tag",
                        list("dated"),
                        "remove_field",
                        list("t"));
        Event e = run(f, event("t", "2026-07-01 12:00:00"));
        assertThat(e.toMap())
                .isEqualTo(
                        Map.of(
                                "@timestamp", Instant.parse("2026-07-01T10:00:00Z"),
                                "@version", "1",
                                "tags", list("dated")));
    }

    @Test
    void offsetInTextWinsOverTimezone() {
        Filter f =
                filter(
                        "date",
                        "match",
                        list("t", "dd/MMM/yyyy:HH:mm:ss Z"),
                        "timezone",
                        "Asia/Tokyo");
        assertThat(ts(f, "10/Oct/2000:13:55:36 -0700"))
                .isEqualTo(Instant.parse("2000-10-10T20:55:36Z"));
        assertThat(ts(f, "10/Oct/2000:13:55:36 +01:00"))
                .isEqualTo(Instant.parse("2000-10-10T12:55:36Z"));
    }

    @Test
    void iso8601Forms() {
        Filter f = filter("date", "match", list("t", "ISO8601"), "timezone", "UTC");
        assertThat(ts(f, "2011-04-19T03:44:01.103Z"))
                .isEqualTo(Instant.parse("2011-04-19T03:44:01.103Z"));
        assertThat(ts(f, "2011-04-19T03:44:01+02:00"))
                .isEqualTo(Instant.parse("2011-04-19T01:44:01Z"));
        assertThat(ts(f, "2011-04-19T03:44")).isEqualTo(Instant.parse("2011-04-19T03:44:00Z"));
        assertThat(ts(f, "2011-04-19")).isEqualTo(Instant.parse("2011-04-19T00:00:00Z"));
        assertThat(ts(f, "2011-04-19 03:44:01,123"))
                .isEqualTo(Instant.parse("2011-04-19T03:44:01.123Z"));
        assertThat(ts(f, "2011-04-19 03:44:01.123456-0100"))
                .isEqualTo(Instant.parse("2011-04-19T04:44:01.123Z"));
        // Logstash's ISO8601 does not take a space-separated time without a fraction
        assertThat(run(f, event("t", "2011-04-19 03:44:01")).tags())
                .containsExactly("_dateparsefailure");
    }

    @Test
    void unixFormats() {
        Filter unix = filter("date", "match", list("t", "UNIX"));
        assertThat(ts(unix, "1326149001.132")).isEqualTo(Instant.parse("2012-01-09T22:43:21.132Z"));
        assertThat(ts(unix, "1326149001")).isEqualTo(Instant.parse("2012-01-09T22:43:21Z"));
        assertThat(ts(unix, 1326149001L)).isEqualTo(Instant.parse("2012-01-09T22:43:21Z"));
        assertThat(ts(unix, 1326149001.5)).isEqualTo(Instant.parse("2012-01-09T22:43:21.500Z"));
        assertThat(run(unix, event("t", "99999999999")).tags())
                .containsExactly("_dateparsefailure");

        Filter ms = filter("date", "match", list("t", "UNIX_MS"));
        assertThat(ts(ms, "1366125117000")).isEqualTo(Instant.parse("2013-04-16T15:11:57Z"));
        assertThat(ts(ms, 1366125117123L)).isEqualTo(Instant.parse("2013-04-16T15:11:57.123Z"));

        Filter tai = filter("date", "match", list("t", "TAI64N"));
        assertThat(ts(tai, "@4000000037c219bf2ef02e94"))
                .isEqualTo(Instant.parse("1999-08-24T04:04:05.787Z"));
    }

    @Test
    void targetAndFirstMatchingFormat() {
        Filter f =
                filter(
                        "date",
                        "match",
                        list("t", "UNIX", "yyyy-MM-dd"),
                        "target",
                        "[parsed][at]",
                        "timezone",
                        "UTC");
        Event e = run(f, event("t", "2020-02-29"));
        assertThat(e.get("[parsed][at]")).isEqualTo(Instant.parse("2020-02-29T00:00:00Z"));
        assertThat(e.timestamp()).isEqualTo(FilterTestSupport.T0);
    }

    @Test
    void failureTagsAndMissingFieldIsIgnored() {
        Filter f = filter("date", "match", list("t", "yyyy-MM-dd"), "add_tag", list("ok"));
        assertThat(run(f, event("t", "not a date")).toMap())
                .isEqualTo(expected("t", "not a date", "tags", list("_dateparsefailure")));
        // a day that does not exist is a failure, not a silent Feb 28
        assertThat(run(f, event("t", "2023-02-30")).tags()).containsExactly("_dateparsefailure");
        // a number is no text for a pattern
        assertThat(run(f, event("t", 20230101L)).tags()).containsExactly("_dateparsefailure");
        assertThat(run(f, event("other", "x")).toMap()).isEqualTo(expected("other", "x"));

        Filter custom =
                filter("date", "match", list("t", "yyyy"), "tag_on_failure", list("bad_date"));
        assertThat(run(custom, event("t", "x")).tags()).containsExactly("bad_date");
    }

    @Test
    void localeAndJodaYearOfEra() {
        Filter fr =
                filter(
                        "date",
                        "match",
                        list("t", "dd MMMM YYYY"),
                        "locale",
                        "fr",
                        "timezone",
                        "UTC");
        assertThat(ts(fr, "05 mars 2024")).isEqualTo(Instant.parse("2024-03-05T00:00:00Z"));
    }

    @Test
    void dynamicTimezone() {
        Filter f = filter("date", "match", list("t", "yyyy-MM-dd HH:mm"), "timezone", "%{tz}");
        Event e = run(f, event("t", "2026-01-01 10:00", "tz", "America/New_York"));
        assertThat(e.timestamp()).isEqualTo(Instant.parse("2026-01-01T15:00:00Z"));
        assertThat(run(f, event("t", "2026-01-01 10:00", "tz", "Nowhere/Else")).tags())
                .containsExactly("_dateparsefailure");
    }

    @Test
    void configurationErrors() {
        assertThatThrownBy(() -> filter("date", "match", list("t")))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("The match setting should contains first a field name");
        assertThatThrownBy(
                        () ->
                                filter(
                                        "date",
                                        "match",
                                        list("t", "ISO8601"),
                                        "timezone",
                                        "Mars/Olympus"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("The datetime zone id 'Mars/Olympus' is not recognised");
        assertThatThrownBy(() -> filter("date", "match", list("t", "yyyy-MM-dd bb")))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("Invalid date format 'yyyy-MM-dd bb'");
    }
}
