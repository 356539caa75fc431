package io.logaggregate.filter;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * The date filter's recent results: syslog timestamps repeat for a whole second, so most lines
 * parse text already parsed. A small direct-mapped table keyed by the text and the zone it was read
 * in; a failure is remembered too.
 *
 * <p>A format without a year reads the year from the clock (this year, or the next or previous one
 * around New Year), so its result depends on the current month: when the filter has such a format,
 * the table holds the results of one calendar month of the clock and empties when the clock leaves
 * it. Every result is the one parsing would give at that moment.
 */
final class DateCache {
    /** Entries (a power of two): a few seconds of interleaved syslog timestamps. */
    static final int SIZE = 64;

    /** The remembered "no format parses this". */
    static final Instant FAILED = Instant.MIN;

    private final String[] texts = new String[SIZE];
    private final ZoneId[] zones = new ZoneId[SIZE];
    private final Instant[] results = new Instant[SIZE];

    /** Null when no format reads the clock: results never expire. */
    private final Clock clock;

    private long validFrom = Long.MAX_VALUE;
    private long validUntil = Long.MIN_VALUE;

    DateCache(Clock clockOrNull) {
        this.clock = clockOrNull;
    }

    /** The result for {@code text} read in {@code zone}, {@link #FAILED}, or null if not known. */
    Instant get(String text, ZoneId zone) {
        if (clock != null) {
            long now = clock.millis();
            if (now < validFrom || now >= validUntil) {
                startPeriod(now);
                return null;
            }
        }
        int i = text.hashCode() & (SIZE - 1);
        String t = texts[i];
        if (t != null && t.equals(text) && zones[i].equals(zone)) {
            return results[i];
        }
        return null;
    }

    /** Remembers a result ({@link #FAILED} for none), computed after a {@link #get} miss. */
    void put(String text, ZoneId zone, Instant result) {
        int i = text.hashCode() & (SIZE - 1);
        texts[i] = text;
        zones[i] = zone;
        results[i] = result;
    }

    /** Empties the table and keeps results for the clock's calendar month around {@code now}. */
    private void startPeriod(long now) {
        java.util.Arrays.fill(texts, null);
        ZonedDateTime month =
                ZonedDateTime.ofInstant(Instant.ofEpochMilli(now), clock.getZone())
                        .withDayOfMonth(1)
                        .toLocalDate()
                        .atStartOfDay(clock.getZone());
        validFrom = month.toInstant().toEpochMilli();
        validUntil = month.plusMonths(1).toInstant().toEpochMilli();
    }
}
