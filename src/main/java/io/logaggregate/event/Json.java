package io.logaggregate.event;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** JSON in Logstash's shape: timestamps as ISO8601 UTC with milliseconds. */
public final class Json {
    private static final ObjectMapper MAPPER = newMapper();

    private Json() {}

    private static ObjectMapper newMapper() {
        ObjectMapper mapper = new ObjectMapper();
        SimpleModule module = new SimpleModule();
        module.addSerializer(
                Instant.class,
                new StdSerializer<>(Instant.class) {
                    @Override
                    public void serialize(Instant value, JsonGenerator gen, SerializerProvider p)
                            throws IOException {
                        gen.writeString(Timestamps.format(value));
                    }
                });
        mapper.registerModule(module);
        // integers come as Integer, Long or (beyond 64 bits) BigInteger; Values.normalize makes
        // them Long unless they need more bits (USE_LONG_FOR_INTS would reject those)
        return mapper;
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Parses a JSON object; throws {@link JsonProcessingException} on bad input. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> readObject(String text) throws JsonProcessingException {
        Object v = MAPPER.readValue(text, Object.class);
        if (!(v instanceof Map)) {
            throw new com.fasterxml.jackson.core.JsonParseException(
                    null,
                    "expected a JSON object, got "
                            + (v == null ? "null" : v.getClass().getSimpleName()));
        }
        return (Map<String, Object>) Values.normalize(new LinkedHashMap<>((Map<String, Object>) v));
    }
}
