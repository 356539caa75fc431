package io.logaggregate.filter;

import io.logaggregate.config.ConfigException;
import io.logaggregate.config.PluginSettings;
import io.logaggregate.config.PluginSpec;
import io.logaggregate.event.Event;
import io.logaggregate.event.FieldRef;
import io.logaggregate.event.Sprintf;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Logstash's date filter: {@code match => [field, format...]}; the first format that parses sets
 * {@code target} (default {@code @timestamp}) and the common options apply; if none does the event
 * gets {@code tag_on_failure}; a missing or null field is left alone.
 *
 * <p>Without {@code timezone}, text without an offset is read in the JVM's default zone, as
 * Logstash does. Year-less formats take the year from the {@link FilterContext#clock()}.
 */
public final class DateFilter implements Filter, FailureCounting {
    /** Events it failed on, on this instance ({@link FailureCounting}). */
    private transient long failures;

    @Override
    public String failureMetric() {
        return "date_failures";
    }

    @Override
    public long failures() {
        return failures;
    }

    private static final long serialVersionUID = 1L;

    static final PluginSpec SPEC =
            PluginSpec.filter("date")
                    .array(
                            "match",
                            null,
                            "[field, format, ...]: Joda, ISO8601, UNIX, UNIX_MS, TAI64N")
                    .string("target", Event.TIMESTAMP, "the field to store the parsed time in")
                    .string("timezone", null, "zone of times without offset; default the JVM's")
                    .string("locale", null, "language of month and day names; default the JVM's")
                    .array("tag_on_failure", List.of("_dateparsefailure"), "tags when none parse");

    private final String source;
    private final String target;
    private final String timezone;
    private final List<DateParser> parsers;
    private final List<String> tagOnFailure;
    private final CommonOptions common;

    private transient FieldRef sourceRef;
    private transient FieldRef targetRef;
    private transient ZoneId zone;

    /** Whether a format takes the year from the clock: cached results then expire by month. */
    private final boolean readsClock;

    private final Clock clock;

    /** Recent results of text values (one per instance: a filter runs in one thread). */
    private transient DateCache cache;

    private DateFilter(PluginSettings s, Clock clock) {
        List<String> match = s.getList("match");
        if (match.size() < 2) {
            throw s.error(
                    s.has("match") ? "match" : "",
                    "The match setting should contains first a field name and at least one date"
                            + " format, current value is "
                            + match);
        }
        this.source = match.get(0);
        this.target = s.getString("target");
        checkRef(s, "match", source);
        checkRef(s, "target", target);
        this.timezone = s.getString("timezone");
        if (timezone != null && !Sprintf.isDynamic(timezone)) {
            try {
                zoneOf(timezone);
            } catch (DateTimeException e) {
                throw s.error(
                        "timezone", "The datetime zone id '" + timezone + "' is not recognised");
            }
        }
        String localeTag = s.getString("locale");
        Locale locale =
                localeTag == null
                        ? Locale.getDefault()
                        : Locale.forLanguageTag(localeTag.replace('_', '-'));
        this.parsers = new ArrayList<>();
        for (String format : match.subList(1, match.size())) {
            try {
                parsers.add(DateParser.of(format, locale, clock));
                // as Logstash: month and day names also in English when the default locale is not
                if (localeTag == null
                        && !"en".equals(Locale.getDefault().getLanguage())
                        && (format.contains("MMM") || format.contains("E"))) {
                    parsers.add(DateParser.of(format, Locale.US, clock));
                }
            } catch (IllegalArgumentException e) {
                throw s.error("match", "Invalid date format '" + format + "': " + e.getMessage());
            }
        }
        this.tagOnFailure = s.getList("tag_on_failure");
        this.common = CommonOptions.from(s);
        this.clock = clock;
        this.readsClock = parsers.stream().anyMatch(DateParser::readsClock);
    }

    public static DateFilter create(PluginSettings settings, FilterContext ctx) {
        return new DateFilter(settings, ctx.clock());
    }

    private static void checkRef(PluginSettings s, String setting, String ref) {
        try {
            FieldRef.parse(ref);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(
                    "Invalid field reference '" + ref + "'", s.locationOf(setting));
        }
    }

    private static ZoneId zoneOf(String id) {
        return ZoneId.of(id, ZoneId.SHORT_IDS);
    }

    @Override
    public void open() {
        sourceRef = FieldRef.parse(source);
        targetRef = FieldRef.parse(target);
        zone =
                timezone == null
                        ? ZoneId.systemDefault()
                        : Sprintf.isDynamic(timezone) ? null : zoneOf(timezone);
        cache = new DateCache(readsClock ? clock : null);
    }

    @Override
    public void filter(Event event, Consumer<Event> emit) {
        if (sourceRef == null) {
            open();
        }
        Object input = event.get(sourceRef);
        if (input == null) {
            return;
        }
        Instant parsed = parse(event, input);
        if (parsed == null) {
            failures++;
            for (String t : tagOnFailure) {
                event.tag(t);
            }
            return;
        }
        if (targetRef.isTopLevel(Event.TIMESTAMP)) {
            event.setTimestamp(parsed);
        } else {
            event.set(targetRef, parsed);
        }
        common.apply(event);
    }

    private Instant parse(Event event, Object input) {
        ZoneId z = zone;
        if (z == null) {
            try {
                z = zoneOf(event.sprintf(timezone));
            } catch (DateTimeException e) {
                return null;
            }
        }
        if (input instanceof String text) {
            Instant known = cache.get(text, z);
            if (known == null) {
                known = parse(input, z);
                cache.put(text, z, known == null ? DateCache.FAILED : known);
            }
            return known == DateCache.FAILED ? null : known;
        }
        return parse(input, z);
    }

    private Instant parse(Object input, ZoneId z) {
        for (DateParser p : parsers) {
            try {
                return p.parse(input, z);
            } catch (RuntimeException e) {
                // not this format: try the next one
            }
        }
        return null;
    }
}
