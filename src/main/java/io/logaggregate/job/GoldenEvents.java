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
 * expected event has one (processing-time stamps differ per run). Used by the {@code test} command
 * and by the golden tests, so both judge a job the same way.
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

    /**
     * What differs between the expected and the actual output, as a diff of their canonical lines:
     * {@code - line} expected but missing, {@code + line} produced but not expected. Empty when
     * they are the same multiset.
     */
    public static List<String> diff(List<String> expected, List<String> actual) throws IOException {
        boolean ts = expectsTimestamps(expected);
        List<String> want = canonical(expected, ts);
        List<String> got = canonical(actual, ts);
        java.util.Map<String, Integer> extra = new java.util.TreeMap<>();
        for (String g : got) {
            extra.merge(g, 1, Integer::sum);
        }
        List<String> out = new ArrayList<>();
        for (String w : want) {
            Integer n = extra.get(w);
            if (n == null) {
                out.add("- " + w);
            } else if (n == 1) {
                extra.remove(w);
            } else {
                extra.put(w, n - 1);
            }
        }
        extra.forEach(
                (line, n) -> {
                    for (int i = 0; i < n; i++) {
                        out.add("+ " + line);
                    }
                });
        return out;
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
