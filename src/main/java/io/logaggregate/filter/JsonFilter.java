package io.logaggregate.filter;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectReader;
import io.logaggregate.config.PluginSettings;
import io.logaggregate.config.PluginSpec;
import io.logaggregate.event.Event;
import io.logaggregate.event.FieldRef;
import io.logaggregate.event.Json;
import io.logaggregate.event.Timestamps;
import io.logaggregate.event.Values;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logstash's json filter: parses the JSON text of {@code source} into the event (an object's keys
 * become fields, each key read as a field reference) or, with {@code target}, into that field (any
 * JSON value).
 *
 * <p>As in logstash-filter-json: a missing source does nothing; text that is no JSON, or JSON that
 * is no object without a {@code target}, tags {@code tag_on_failure} ({@code _jsonparsefailure})
 * unless {@code skip_on_invalid_json}; an {@code @timestamp} key sets the event's time, and one
 * that does not parse gives the current time, {@code _@timestamp} and {@code
 * _timestampparsefailure}. The common options apply on success.
 */
public final class JsonFilter implements Filter {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(JsonFilter.class);

    /** Trailing garbage after the value is a parse failure. */
    private static final ObjectReader READER =
            Json.mapper()
                    .readerFor(Object.class)
                    .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    static final PluginSpec SPEC =
            PluginSpec.filter("json")
                    .requiredString("source", "the field holding JSON text")
                    .string(
                            "target",
                            null,
                            "put the parsed value in this field; by default an object's keys"
                                    + " become fields of the event")
                    .array(
                            "tag_on_failure",
                            List.of("_jsonparsefailure"),
                            "tags when the text is no JSON (or no object without target)")
                    .bool(
                            "skip_on_invalid_json",
                            false,
                            "leave invalid JSON alone: no tag, no warning")
                    .oneOf(
                            "ecs_compatibility",
                            "disabled",
                            "as in Logstash, only whether a missing target is warned about",
                            "disabled",
                            "v1",
                            "v8");

    private final String source;
    private final String target;
    private final List<String> tagOnFailure;
    private final boolean skipOnInvalidJson;
    private final CommonOptions common;

    private JsonFilter(PluginSettings s) {
        this.source = s.getString("source");
        this.target = s.getString("target");
        for (String name : new String[] {"source", "target"}) {
            String v = s.getString(name);
            if (v != null) {
                try {
                    FieldRef.parse(v);
                } catch (IllegalArgumentException e) {
                    throw s.error(name, "Invalid field reference for `" + name + "`: `" + v + "`");
                }
            }
        }
        if (target == null && !"disabled".equals(s.getString("ecs_compatibility"))) {
            LOG.info(
                    "json filter at {}: ECS compatibility is enabled but `target` option was not"
                            + " specified. This may cause fields to be set at the top-level of the"
                            + " event where they are likely to clash with the Elastic Common"
                            + " Schema.",
                    s.plugin().location());
        }
        this.tagOnFailure = s.getList("tag_on_failure");
        this.skipOnInvalidJson = s.getBool("skip_on_invalid_json");
        this.common = CommonOptions.from(s);
    }

    public static JsonFilter create(PluginSettings settings, FilterContext ctx) {
        return new JsonFilter(settings);
    }

    @Override
    @SuppressWarnings("unchecked")
    public void filter(Event event, Consumer<Event> emit) {
        Object text = event.get(source);
        if (text == null || Boolean.FALSE.equals(text)) {
            return;
        }
        try {
            Object parsed;
            try {
                parsed = parse(text);
            } catch (Exception e) {
                if (!skipOnInvalidJson) {
                    LOG.warn(
                            "Error parsing json: source {}, raw {}: {}",
                            source,
                            text,
                            e.getMessage());
                    tagFailure(event);
                }
                return;
            }
            if (target != null) {
                event.set(target, parsed);
            } else {
                if (!(parsed instanceof Map)) {
                    LOG.warn(
                            "Parsed JSON object/hash requires a target configuration option:"
                                    + " source {}, raw {}",
                            source,
                            text);
                    tagFailure(event);
                    return;
                }
                Map<String, Object> fields = new LinkedHashMap<>((Map<String, Object>) parsed);
                boolean hasTimestamp = fields.containsKey(Event.TIMESTAMP);
                Object ts = fields.remove(Event.TIMESTAMP);
                for (Map.Entry<String, Object> f : fields.entrySet()) {
                    event.set(f.getKey(), f.getValue());
                }
                if (hasTimestamp && ts != null) {
                    Instant t = Timestamps.of(ts);
                    if (t != null) {
                        event.setTimestamp(t);
                    } else {
                        event.setTimestamp(Instant.now());
                        LOG.warn(
                                "Unrecognized @timestamp value, setting current time to"
                                        + " @timestamp, original in _@timestamp field: {}",
                                ts);
                        event.tag("_timestampparsefailure");
                        event.set("_@timestamp", Values.toText(ts));
                    }
                }
            }
            common.apply(event);
        } catch (RuntimeException ex) {
            // e.g. a key that is no field reference
            LOG.warn("Exception caught in json filter: source {}: {}", source, ex.toString());
            tagFailure(event);
        }
    }

    /** LogStash::Json.load: blank text is nil; anything but a string is no JSON text. */
    private static Object parse(Object text) throws Exception {
        if (!(text instanceof String s)) {
            throw new IllegalArgumentException("not a string: " + text);
        }
        if (s.isBlank()) {
            return null;
        }
        return Values.normalize(READER.readValue(s));
    }

    private void tagFailure(Event event) {
        for (String t : tagOnFailure) {
            event.tag(t);
        }
    }
}
