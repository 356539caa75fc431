package io.logaggregate.filter;

import static io.logaggregate.filter.FilterTestSupport.event;
import static io.logaggregate.filter.FilterTestSupport.list;
import static io.logaggregate.filter.FilterTestSupport.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.logaggregate.event.Event;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * The date filter remembers recent results (syslog timestamps repeat for a second): every event
 * gets what parsing alone gives, including year guesses when the clock crosses a month or a New
 * Year, failures, dynamic time zones and table collisions.
 */
class DateCacheTest {
    /** A clock the test moves. */
    private static final class MovableClock extends Clock {
        private Instant now;
        private final ZoneId zone;

        MovableClock(String now, ZoneId zone) {
            this.now = Instant.parse(now);
            this.zone = zone;
        }

        void set(String instant) {
            now = Instant.parse(instant);
        }

        @Override
        public ZoneId getZone() {
            return zone;
        }

        @Override
        public Clock withZone(ZoneId z) {
            return new MovableClock(now.toString(), z);
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private static Filter date(Clock clock, Object... settings) throws Exception {
        Filter f =
                FilterRegistry.create(
                        FilterTestSupport.def("date", settings),
                        new FilterContext(Path.of("."), clock));
        f.open();
        return f;
    }

    /** What the formats give without any cache: the parsers themselves, in order. */
    private static Instant uncached(Clock clock, String text, ZoneId zone, String... formats) {
        for (String format : formats) {
            try {
                return DateParser.of(format, Locale.getDefault(), clock).parse(text, zone);
            } catch (RuntimeException e) {
                // next format
            }
        }
        return null;
    }

    private static Instant viaFilter(Filter f, String text) {
        Event e = run(f, event("t", text));
        return e.tags().contains("_dateparsefailure") ? null : e.timestamp();
    }

    @Test
    void yearGuessFollowsTheClockAcrossMonthsAndNewYear() throws Exception {
        ZoneId paris = ZoneId.of("Europe/Paris");
        MovableClock clock = new MovableClock("2026-11-30T22:59:59Z", paris); // Nov 30, 23:59:59
        String[] formats = {"MMM  d HH:mm:ss", "MMM dd HH:mm:ss"};
        Filter f = date(clock, "match", list("t", formats[0], formats[1]), "timezone", "UTC");
        List<String> texts =
                List.of("Jan  5 10:00:00", "Dec 31 23:59:59", "Jun 15 12:00:00", "Nov 30 23:59:59");
        List<String> instants =
                List.of(
                        "2026-11-30T22:59:59Z", // November, Paris
                        "2026-11-30T23:00:00Z", // December in Paris, still November in UTC
                        "2026-12-31T22:59:59Z",
                        "2026-12-31T23:00:00Z", // New Year in Paris
                        "2027-01-31T23:00:00Z"); // February
        List<Instant> got = new ArrayList<>();
        List<Instant> want = new ArrayList<>();
        for (String now : instants) {
            clock.set(now);
            for (int twice = 0; twice < 2; twice++) {
                for (String t : texts) {
                    got.add(viaFilter(f, t));
                    want.add(uncached(clock, t, ZoneOffset.UTC, formats));
                }
            }
        }
        assertThat(got).containsExactlyElementsOf(want);
        // the guesses did change with the clock: a stale cache would have shown
        assertThat(got.get(0)).isEqualTo(Instant.parse("2026-01-05T10:00:00Z"));
        assertThat(got.get(8)).isEqualTo(Instant.parse("2027-01-05T10:00:00Z"));
        assertThat(got.get(8 * 3 + 1)).isEqualTo(Instant.parse("2026-12-31T23:59:59Z"));
        assertThat(got.get(8 * 3 + 2)).isEqualTo(Instant.parse("2027-06-15T12:00:00Z"));
    }

    @Test
    void failuresAreTaggedEveryTime() throws Exception {
        Filter f = date(Clock.systemUTC(), "match", list("t", "yyyy-MM-dd HH:mm:ss"));
        for (int i = 0; i < 3; i++) {
            Event e = run(f, event("t", "not a date"));
            assertThat(e.tags()).containsExactly("_dateparsefailure");
        }
        assertThat(((FailureCounting) f).failures()).isEqualTo(3);
        assertThat(viaFilter(f, "2026-03-01 10:00:00")).isNotNull();
    }

    @Test
    void dynamicZoneIsPartOfTheKey() throws Exception {
        Filter f =
                date(
                        Clock.systemUTC(),
                        "match",
                        list("t", "yyyy-MM-dd HH:mm"),
                        "timezone",
                        "%{tz}");
        for (String tz : List.of("UTC", "Asia/Tokyo", "UTC", "America/New_York")) {
            Event e = run(f, event("t", "2026-03-01 10:00", "tz", tz));
            assertThat(e.timestamp())
                    .isEqualTo(
                            uncached(
                                    Clock.systemUTC(),
                                    "2026-03-01 10:00",
                                    ZoneId.of(tz),
                                    "yyyy-MM-dd HH:mm"));
        }
    }

    @Test
    void manyDistinctValuesCollideAndStayRight() throws Exception {
        Filter f = date(Clock.systemUTC(), "match", list("t", "UNIX", "ISO8601"));
        for (int round = 0; round < 2; round++) {
            for (int i = 0; i < 1000; i++) {
                String t = Integer.toString(1_700_000_000 + i * 37);
                assertThat(viaFilter(f, t))
                        .isEqualTo(Instant.ofEpochSecond(1_700_000_000L + i * 37));
            }
        }
        // numbers are not cached (only text is), and still parse
        assertThat(run(f, event("t", 1_700_000_000L)).timestamp())
                .isEqualTo(Instant.ofEpochSecond(1_700_000_000L));
    }
}
