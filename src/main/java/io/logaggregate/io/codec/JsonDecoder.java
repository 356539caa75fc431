package io.logaggregate.io.codec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectReader;
import io.logaggregate.event.Event;
import io.logaggregate.event.Json;
import io.logaggregate.event.Values;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * {@code json} / {@code json_lines} decoding, as Logstash's {@code Event.from_json}: an object is
 * one event, an array of objects one event each, blank text no event. Anything else becomes an
 * event carrying the raw text in {@code message} and the tag {@code _jsonparsefailure}, so bad
 * input never stops the pipeline.
 */
final class JsonDecoder implements Decoder {
    private static final long serialVersionUID = 1L;
    static final String FAILURE_TAG = "_jsonparsefailure";

    /** Trailing garbage after the value is a parse failure, as in Logstash. */
    private static final ObjectReader READER =
            Json.mapper()
                    .readerFor(Object.class)
                    .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private final String charset;

    /** The codec's {@code target}: put the decoded object under this field; null = top level. */
    private final String target;

    JsonDecoder(String charset, String target) {
        this.charset = charset;
        this.target = target;
    }

    @Override
    public String charset() {
        return charset;
    }

    @Override
    public void decode(String text, Consumer<Event> out) {
        if (text.isBlank()) {
            return;
        }
        List<Map<String, Object>> objects;
        try {
            objects = parse(text);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            Event failed = new Event();
            failed.set("message", text);
            failed.tag(FAILURE_TAG);
            out.accept(failed);
            return;
        }
        for (Map<String, Object> object : objects) {
            if (target == null) {
                out.accept(Event.fromMap(object, Instant.now()));
            } else {
                Event e = new Event();
                e.set(target, object);
                out.accept(e);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> parse(String text) throws JsonProcessingException {
        Object v = Values.normalize(READER.readValue(text));
        List<Map<String, Object>> objects = new ArrayList<>();
        if (v instanceof Map<?, ?> m) {
            objects.add((Map<String, Object>) m);
        } else if (v instanceof List<?> l) {
            for (Object o : l) {
                if (!(o instanceof Map)) {
                    throw new IllegalArgumentException("array element is not an object");
                }
                objects.add((Map<String, Object>) o);
            }
        } else {
            throw new IllegalArgumentException("not a JSON object");
        }
        return objects;
    }
}
