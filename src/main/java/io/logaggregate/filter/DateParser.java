package io.logaggregate.filter;

import io.logaggregate.event.JodaPatterns;
import java.io.Serializable;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.time.temporal.TemporalQueries;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One format of the date filter's {@code match}: {@code ISO8601}, {@code UNIX}, {@code UNIX_MS},
 * {@code TAI64N} or a Joda-Time pattern, with the behaviour of logstash-filter-date's Java parsers.
 * Built on the client; {@link #parse} compiles lazily on the TaskManager.
 */
abstract class DateParser implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Parses a field value; throws (any RuntimeException) when it cannot. */
    abstract Instant parse(Object value, ZoneId zone);

    /** Whether the result depends on the clock (a pattern without a year), not only the value. */
    boolean readsClock() {
        return false;
    }

    static DateParser of(String format, Locale locale, Clock clock) {
        return switch (format) {
            case "ISO8601" -> new Iso8601();
            case "UNIX" -> new Unix();
            case "UNIX_MS" -> new UnixMillis();
            case "TAI64N" -> new Tai64n();
            default -> new Joda(format, locale, clock);
        };
    }

    static String text(Object value) {
        if (value instanceof String s) {
            return s;
        }
        throw new IllegalArgumentException(
                "Cannot parse date for value of type "
                        + (value == null ? "null" : value.getClass().getName()));
    }

    /** Logstash timestamps have millisecond precision. */
    static Instant millis(Instant i) {
        return Instant.ofEpochMilli(i.toEpochMilli());
    }

    // ---------------------------------------------------------------- ISO8601

    /**
     * The local time in {@code zone}, which must exist there: a time skipped by a daylight-saving
     * change (02:30 on the night clocks jump from 02:00 to 03:00) is an error, as Joda's "Illegal
     * instant due to time zone offset transition" is in Logstash; the event is tagged {@code
     * _dateparsefailure} rather than moved an hour.
     */
    static ZonedDateTime existing(LocalDateTime local, ZoneId zone) {
        if (zone.getRules().getValidOffsets(local).isEmpty()) {
            throw new IllegalArgumentException(
                    "Cannot parse: "
                            + local
                            + " does not exist in "
                            + zone
                            + " (offset transition)");
        }
        return ZonedDateTime.of(local, zone);
    }

    /**
     * Joda's {@code ISODateTimeFormat.dateTimeParser()} (date, optional {@code T} time, optional
     * offset) plus {@code yyyy-MM-dd HH:mm:ss.SSS[Z]} with a dot or a comma, as Logstash's
     * CasualISO8601Parser.
     */
    static final class Iso8601 extends DateParser {
        private static final long serialVersionUID = 1L;
        private static final String OFFSET = "(Z|[+-]\\d{2}(?::?\\d{2})?)";
        private static final Pattern T_FORM =
                Pattern.compile(
                        "([+-]?\\d{4,})-(\\d{1,2})-(\\d{1,2})"
                                + "(?:T(\\d{1,2})(?::(\\d{1,2})(?::(\\d{1,2})(?:[.,](\\d{1,9}))?)?)?"
                                + OFFSET
                                + "?)?");
        private static final Pattern SPACE_FORM =
                Pattern.compile(
                        "(\\d{4})-(\\d{1,2})-(\\d{1,2})"
                                + " (\\d{1,2}):(\\d{1,2}):(\\d{1,2})[.,](\\d{1,9})"
                                + OFFSET
                                + "?");

        @Override
        Instant parse(Object value, ZoneId zone) {
            String s = text(value);
            Matcher m = T_FORM.matcher(s);
            if (!m.matches()) {
                m = SPACE_FORM.matcher(s);
                if (!m.matches()) {
                    throw new IllegalArgumentException("Invalid ISO8601 timestamp: " + s);
                }
            }
            LocalDate date =
                    LocalDate.of(
                            Integer.parseInt(m.group(1)),
                            Integer.parseInt(m.group(2)),
                            Integer.parseInt(m.group(3)));
            LocalTime time = LocalTime.MIDNIGHT;
            if (m.group(4) != null) {
                String frac = m.group(7) == null ? "" : m.group(7);
                int nanos =
                        frac.isEmpty() ? 0 : Integer.parseInt((frac + "000000000").substring(0, 9));
                time =
                        LocalTime.of(
                                Integer.parseInt(m.group(4)),
                                m.group(5) == null ? 0 : Integer.parseInt(m.group(5)),
                                m.group(6) == null ? 0 : Integer.parseInt(m.group(6)),
                                nanos);
            }
            ZoneId z = m.group(8) == null ? zone : offset(m.group(8));
            return millis(existing(LocalDateTime.of(date, time), z).toInstant());
        }

        private static ZoneOffset offset(String s) {
            if (s.equals("Z")) {
                return ZoneOffset.UTC;
            }
            String t = s.replace(":", "");
            int h = Integer.parseInt(t.substring(1, 3));
            int min = t.length() > 3 ? Integer.parseInt(t.substring(3)) : 0;
            int sign = t.charAt(0) == '-' ? -1 : 1;
            return ZoneOffset.ofHoursMinutes(sign * h, sign * min);
        }
    }

    // ---------------------------------------------------------------- epoch formats

    /** Seconds since the epoch: a number, or digits with up to 3 decimals read. */
    static final class Unix extends DateParser {
        private static final long serialVersionUID = 1L;
        private static final long MAX_SECONDS = Integer.MAX_VALUE;

        @Override
        Instant parse(Object value, ZoneId zone) {
            if (value instanceof Long l) {
                return Instant.ofEpochMilli(toMillis(l));
            }
            if (value instanceof Double d) {
                if (d.longValue() > MAX_SECONDS) {
                    throw new IllegalArgumentException("larger than UNIX epoch maximum seconds");
                }
                return Instant.ofEpochMilli((long) (d * 1000));
            }
            String s = text(value);
            int dot = s.indexOf('.');
            if (dot < 0) {
                return Instant.ofEpochMilli(toMillis(Long.parseLong(s)));
            }
            long millis = toMillis(Long.parseLong(s.substring(0, dot)));
            int digits = Math.min(3, s.length() - dot - 1);
            if (digits == 0) {
                return Instant.ofEpochMilli(millis);
            }
            long sub = Long.parseLong(s.substring(dot + 1, dot + 1 + digits));
            // Logstash adds the fraction even to negative seconds; we keep its result
            return Instant.ofEpochMilli(millis + sub * (digits == 1 ? 100 : digits == 2 ? 10 : 1));
        }

        private static long toMillis(long seconds) {
            if (seconds > MAX_SECONDS) {
                throw new IllegalArgumentException("larger than UNIX epoch maximum seconds");
            }
            return seconds * 1000;
        }
    }

    /** Milliseconds since the epoch. */
    static final class UnixMillis extends DateParser {
        private static final long serialVersionUID = 1L;

        @Override
        Instant parse(Object value, ZoneId zone) {
            if (value instanceof Long l) {
                return Instant.ofEpochMilli(l);
            }
            if (value instanceof Double d) {
                return Instant.ofEpochMilli(d.longValue());
            }
            return Instant.ofEpochMilli(Long.parseLong(text(value)));
        }
    }

    /** TAI64N labels ({@code @4000000037c219bf2ef02e94}), less the 10 s TAI offset. */
    static final class Tai64n extends DateParser {
        private static final long serialVersionUID = 1L;

        @Override
        Instant parse(Object value, ZoneId zone) {
            String s = text(value);
            int off = s.startsWith("@") ? 1 : 0;
            long seconds = Long.parseLong(s.substring(off, 16 + off), 16) & ((1L << 62) - 1);
            int nanos = Integer.parseInt(s.substring(16 + off, 24 + off), 16);
            seconds -= 10;
            return Instant.ofEpochMilli(seconds * 1000 + nanos / 1_000_000);
        }
    }

    // ---------------------------------------------------------------- Joda patterns

    /**
     * A Joda-Time pattern, run with java.time: numbers parse with Joda's leniency (1 or 2 digits
     * for {@code dd}, any fraction length), text case-insensitively, {@code Z} accepts {@code
     * +0100}, {@code +01:00} and {@code Z}. Without a year in the pattern the year is guessed as
     * Logstash does: this year, or last year for a December event read in January, or next year for
     * a January event read in December.
     */
    static final class Joda extends DateParser {
        private static final long serialVersionUID = 1L;

        private final String pattern;
        private final Locale locale;
        private final Clock clock;
        private final boolean hasYear;
        private transient DateTimeFormatter formatter;

        Joda(String pattern, Locale locale, Clock clock) {
            this.pattern = pattern;
            this.locale = locale;
            this.clock = clock;
            this.hasYear = pattern.contains("y") || pattern.contains("Y");
            formatter(); // reports a bad pattern (IllegalArgumentException) at start
        }

        private DateTimeFormatter formatter() {
            DateTimeFormatter f = formatter;
            if (f == null) {
                f = build(JodaPatterns.toJavaTime(pattern), locale);
                formatter = f;
            }
            return f;
        }

        /** Appends the pattern leniently, but offsets strictly as "either +01:00 or +0100". */
        private static DateTimeFormatter build(String javaPattern, Locale locale) {
            DateTimeFormatterBuilder b =
                    new DateTimeFormatterBuilder().parseCaseInsensitive().parseLenient();
            StringBuilder segment = new StringBuilder();
            int i = 0;
            while (i < javaPattern.length()) {
                char c = javaPattern.charAt(i);
                if (c == '\'') {
                    int end = javaPattern.indexOf('\'', i + 1);
                    end = end < 0 ? javaPattern.length() - 1 : end;
                    segment.append(javaPattern, i, end + 1);
                    i = end + 1;
                    continue;
                }
                if (c == 'x') {
                    int run = 0;
                    while (i + run < javaPattern.length() && javaPattern.charAt(i + run) == 'x') {
                        run++;
                    }
                    if (segment.length() > 0) {
                        b.appendPattern(segment.toString());
                        segment.setLength(0);
                    }
                    b.parseStrict().appendPattern("[XXX][XX]").parseLenient();
                    i += run;
                    continue;
                }
                segment.append(c);
                i++;
            }
            if (segment.length() > 0) {
                b.appendPattern(segment.toString());
            }
            return b.toFormatter(locale).withResolverStyle(ResolverStyle.STRICT);
        }

        @Override
        boolean readsClock() {
            return !hasYear;
        }

        @Override
        Instant parse(Object value, ZoneId zone) {
            String s = text(value);
            TemporalAccessor t = formatter().parse(s);
            ZonedDateTime now = ZonedDateTime.now(clock);
            int year = hasYear ? -1 : now.getYear();
            LocalDate date = date(t, year);
            LocalTime time = time(t);
            ZoneId parsedZone = t.query(TemporalQueries.zone());
            LocalDateTime local = LocalDateTime.of(date, time);
            if (!hasYear) {
                int month = local.getMonthValue();
                int eventYear = now.getYear();
                if (month == 12 && now.getMonthValue() == 1) {
                    eventYear--;
                } else if (month == 1 && now.getMonthValue() == 12) {
                    eventYear++;
                }
                local = local.withYear(eventYear);
            }
            return millis(existing(local, parsedZone != null ? parsedZone : zone).toInstant());
        }

        private static LocalDate date(TemporalAccessor t, int defaultYear) {
            LocalDate d = t.query(TemporalQueries.localDate());
            if (d != null) {
                return d;
            }
            int year;
            if (t.isSupported(ChronoField.YEAR)) {
                year = t.get(ChronoField.YEAR);
            } else if (t.isSupported(ChronoField.YEAR_OF_ERA)) {
                // Joda's "YYYY" (year of era) without an era: the common era
                year = t.get(ChronoField.YEAR_OF_ERA);
            } else if (defaultYear != -1) {
                year = defaultYear;
            } else {
                year = 1970;
            }
            int month =
                    t.isSupported(ChronoField.MONTH_OF_YEAR) ? t.get(ChronoField.MONTH_OF_YEAR) : 1;
            int day = t.isSupported(ChronoField.DAY_OF_MONTH) ? t.get(ChronoField.DAY_OF_MONTH) : 1;
            return LocalDate.of(year, month, day);
        }

        private static LocalTime time(TemporalAccessor t) {
            LocalTime lt = t.query(TemporalQueries.localTime());
            if (lt != null) {
                return lt;
            }
            if (!t.isSupported(ChronoField.HOUR_OF_DAY)) {
                return LocalTime.MIDNIGHT;
            }
            return LocalTime.of(
                    t.get(ChronoField.HOUR_OF_DAY),
                    t.isSupported(ChronoField.MINUTE_OF_HOUR)
                            ? t.get(ChronoField.MINUTE_OF_HOUR)
                            : 0,
                    t.isSupported(ChronoField.SECOND_OF_MINUTE)
                            ? t.get(ChronoField.SECOND_OF_MINUTE)
                            : 0,
                    t.isSupported(ChronoField.NANO_OF_SECOND)
                            ? t.get(ChronoField.NANO_OF_SECOND)
                            : 0);
        }
    }
}
