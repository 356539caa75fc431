package io.logaggregate.event;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;

/** Logstash's timestamp text form: UTC, milliseconds, {@code 2026-01-31T00:02:00.000Z}. */
public final class Timestamps {
    private static final DateTimeFormatter OUT =
            new DateTimeFormatterBuilder()
                    .appendPattern("uuuu-MM-dd'T'HH:mm:ss")
                    .appendFraction(ChronoField.MILLI_OF_SECOND, 3, 3, true)
                    .appendLiteral('Z')
                    .toFormatter()
                    .withZone(ZoneOffset.UTC);

    /** ISO8601 with an offset written without a colon ({@code +0000}), as Joda accepts it. */
    private static final DateTimeFormatter COMPACT_OFFSET =
            new DateTimeFormatterBuilder()
                    .append(DateTimeFormatter.ISO_LOCAL_DATE_TIME)
                    .appendOffset("+HHmm", "Z")
                    .toFormatter();

    private Timestamps() {}

    public static String format(Instant instant) {
        return OUT.format(instant);
    }

    /** A field value as a timestamp: an Instant, or ISO8601 text; null for anything else. */
    public static Instant of(Object value) {
        if (value instanceof Instant i) {
            return i;
        }
        return value instanceof String s ? parseIso(s) : null;
    }

    /** Parses ISO8601 text as Logstash accepts it for {@code @timestamp}; null if it cannot. */
    public static Instant parseIso(String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            try {
                return java.time.OffsetDateTime.parse(text).toInstant();
            } catch (DateTimeParseException e2) {
                try {
                    return java.time.LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
                } catch (DateTimeParseException e3) {
                    try {
                        return java.time.OffsetDateTime.parse(text, COMPACT_OFFSET).toInstant();
                    } catch (DateTimeParseException e4) {
                        return null;
                    }
                }
            }
        }
    }
}
