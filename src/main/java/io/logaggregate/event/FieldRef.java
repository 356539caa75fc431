package io.logaggregate.event;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A parsed Logstash field reference: {@code message}, {@code [a][b]}, {@code [@metadata][x]}. A
 * plain name (even one with dots, like {@code beat.version}) is one top-level field, as in
 * Logstash.
 */
public final class FieldRef {
    private static final Map<String, FieldRef> CACHE = new ConcurrentHashMap<>();

    private final String text;
    private final List<String> path;
    private final boolean metadata;

    /** The field's name when it is one top-level field of the data, else null. */
    private final String topLevel;

    private FieldRef(String text, List<String> path, boolean metadata) {
        this.text = text;
        this.path = path;
        this.metadata = metadata;
        this.topLevel = !metadata && path.size() == 1 ? path.get(0) : null;
    }

    public static FieldRef parse(String ref) {
        FieldRef cached = CACHE.get(ref);
        if (cached != null) {
            return cached;
        }
        FieldRef parsed = doParse(ref);
        if (CACHE.size() < 100_000) {
            CACHE.put(ref, parsed);
        }
        return parsed;
    }

    private static FieldRef doParse(String ref) {
        List<String> parts = new ArrayList<>();
        String s = ref.trim();
        if (s.startsWith("[") && s.endsWith("]")) {
            int i = 0;
            while (i < s.length()) {
                if (s.charAt(i) != '[') {
                    throw new IllegalArgumentException("Invalid field reference: " + ref);
                }
                int close = s.indexOf(']', i);
                if (close < 0) {
                    throw new IllegalArgumentException("Invalid field reference: " + ref);
                }
                String part = s.substring(i + 1, close);
                if (part.isEmpty() || part.contains("[")) {
                    throw new IllegalArgumentException("Invalid field reference: " + ref);
                }
                parts.add(part);
                i = close + 1;
            }
        } else {
            if (s.contains("[") || s.contains("]")) {
                throw new IllegalArgumentException("Invalid field reference: " + ref);
            }
            parts.add(s);
        }
        boolean meta = parts.get(0).equals("@metadata");
        List<String> path = meta ? List.copyOf(parts.subList(1, parts.size())) : List.copyOf(parts);
        return new FieldRef(ref, path, meta);
    }

    /** Path below the root (the event's data, or its metadata). Empty for {@code [@metadata]}. */
    public List<String> path() {
        return path;
    }

    public boolean isMetadata() {
        return metadata;
    }

    /**
     * The name of a top-level data field ({@code message}, {@code [message]}), else null (a nested
     * or metadata reference): the event reads and writes it in one map access.
     */
    public String topLevelName() {
        return topLevel;
    }

    /** True for a top-level field, e.g. {@code @timestamp}. */
    public boolean isTopLevel(String name) {
        return !metadata && path.size() == 1 && path.get(0).equals(name);
    }

    @Override
    public String toString() {
        return text;
    }
}
