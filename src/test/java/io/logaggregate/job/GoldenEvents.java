package io.logaggregate.job;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Compares a job's JSON-lines output with a jobs/ folder's {@code expected.jsonl}, as multisets
 * (parallel runs emit in any order). What depends on the machine is left out on both sides: {@code
 * host} and {@code path} (and their ECS forms). {@code @timestamp} is compared only where the
 * expected event has one (processing-time stamps differ per run).
 */
public final class GoldenEvents {
    private static final ObjectMapper MAPPER =
            new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

    private GoldenEvents() {}

    /** The canonical, sorted lines of the actual output, normalized against the expected. */
    public static List<String> canonical(List<String> lines, boolean keepTimestamp)
            throws IOException {
        List<String> out = new ArrayList<>();
        for (String line : lines) {
            if (line.isBlank()) {
                continue;
            }
            out.add(canonicalLine(line, keepTimestamp));
        }
        out.sort(String::compareTo);
        return out;
    }

    static String canonicalLine(String line, boolean keepTimestamp) throws IOException {
        JsonNode node = MAPPER.readTree(line);
        if (node instanceof ObjectNode o) {
            o.remove("host");
            o.remove("path");
            if (o.get("log") instanceof ObjectNode log) {
                log.remove("file");
                if (log.isEmpty()) {
                    o.remove("log");
                }
            }
            if (!keepTimestamp) {
                o.remove("@timestamp");
            }
        }
        Object plain = MAPPER.treeToValue(node, Object.class);
        return MAPPER.writeValueAsString(plain);
    }

    /** True when every expected line carries {@code @timestamp}. */
    public static boolean expectsTimestamps(List<String> expected) throws IOException {
        for (String line : expected) {
            if (!line.isBlank() && !MAPPER.readTree(line).has("@timestamp")) {
                return false;
            }
        }
        return true;
    }
}
