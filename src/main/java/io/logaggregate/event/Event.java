package io.logaggregate.event;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Logstash event: nested fields, {@code @timestamp} (an {@link Instant}), {@code @version},
 * {@code tags}, and {@code @metadata} (kept apart, never written out).
 *
 * <p>Values are always normalized ({@link Values}). Besides its fields an event carries where it
 * came from ({@link #split()}, {@link #position()}) so that batch mode can restore input order.
 */
public final class Event {
    public static final String TIMESTAMP = "@timestamp";
    public static final String VERSION = "@version";
    public static final String TAGS = "tags";
    public static final String METADATA = "@metadata";

    private final Map<String, Object> data;
    private final Map<String, Object> metadata;
    private boolean cancelled;
    private String split = "";
    private long position;

    /** A new event stamped now, like {@code LogStash::Event.new}. */
    public Event() {
        this(new LinkedHashMap<>(), new LinkedHashMap<>());
        data.put(TIMESTAMP, Instant.now());
        data.put(VERSION, "1");
    }

    private Event(Map<String, Object> data, Map<String, Object> metadata) {
        this.data = data;
        this.metadata = metadata;
    }

    /**
     * Builds an event from a map, as {@code LogStash::Event.new(hash)} does: {@code @timestamp}
     * is taken from the map when it parses (Instant or ISO8601 text), else the event is tagged
     * {@code _timestampparsefailure} and keeps the bad value in {@code _@timestamp}; {@code
     * @metadata} becomes metadata. A missing {@code @timestamp} becomes {@code defaultTimestamp}.
     */
    @SuppressWarnings("unchecked")
    public static Event fromMap(Map<String, ?> map, Instant defaultTimestamp) {
        Event e = new Event(new LinkedHashMap<>(), new LinkedHashMap<>());
        Object ts = null;
        boolean hasTs = false;
        for (Map.Entry<String, ?> entry : map.entrySet()) {
            String k = entry.getKey();
            Object v = Values.normalize(entry.getValue());
            if (k.equals(TIMESTAMP)) {
                hasTs = true;
                ts = v;
            } else if (k.equals(METADATA) && v instanceof Map) {
                e.metadata.putAll((Map<String, Object>) v);
            } else {
                e.data.put(k, v);
            }
        }
        Instant timestamp = defaultTimestamp;
        if (hasTs) {
            Instant parsed = Timestamps.of(ts);
            if (parsed != null) {
                timestamp = parsed;
            } else {
                e.data.put("_@timestamp", ts);
                e.tag("_timestampparsefailure");
            }
        }
        Map<String, Object> ordered = new LinkedHashMap<>();
        ordered.put(TIMESTAMP, timestamp);
        ordered.put(VERSION, e.data.getOrDefault(VERSION, "1"));
        ordered.putAll(e.data);
        e.data.clear();
        e.data.putAll(ordered);
        return e;
    }

    /** Rebuilds an event from serialized parts, without any defaults. */
    public static Event restore(Map<String, Object> data, Map<String, Object> metadata) {
        return new Event(data, metadata);
    }

    // ---------------------------------------------------------------- fields

    public Object get(String ref) {
        return get(FieldRef.parse(ref));
    }

    @SuppressWarnings("unchecked")
    public Object get(FieldRef ref) {
        String top = ref.topLevelName();
        if (top != null) {
            return data.get(top);
        }
        Object cur = ref.isMetadata() ? metadata : data;
        for (String p : ref.path()) {
            if (cur instanceof Map<?, ?> m) {
                cur = ((Map<String, Object>) m).get(p);
            } else if (cur instanceof List<?> l) {
                cur = listElement(l, p);
            } else {
                return null;
            }
            if (cur == null) {
                return null;
            }
        }
        return cur;
    }

    public boolean includes(String ref) {
        return includes(FieldRef.parse(ref));
    }

    @SuppressWarnings("unchecked")
    public boolean includes(FieldRef ref) {
        String top = ref.topLevelName();
        if (top != null) {
            return data.containsKey(top);
        }
        Object cur = ref.isMetadata() ? metadata : data;
        List<String> path = ref.path();
        for (int i = 0; i < path.size(); i++) {
            String p = path.get(i);
            if (cur instanceof Map<?, ?> m) {
                if (!m.containsKey(p)) {
                    return false;
                }
                cur = ((Map<String, Object>) m).get(p);
            } else if (cur instanceof List<?> l) {
                Object el = listElement(l, p);
                if (el == null) {
                    return false;
                }
                cur = el;
            } else {
                return false;
            }
        }
        return true;
    }

    /**
     * Sets the field unless it holds a value, and returns the value it holds (null: it was set), as
     * {@code get} then {@code set} would; a top-level field is read and written in one map access
     * (grok does this for every capture of every line).
     */
    public Object setIfAbsent(FieldRef ref, Object value) {
        String top = ref.topLevelName();
        if (top != null && !top.equals(TIMESTAMP)) {
            return data.putIfAbsent(top, Values.normalize(value));
        }
        Object v = get(ref);
        if (v == null) {
            set(ref, value);
        }
        return v;
    }

    public void set(String ref, Object value) {
        set(FieldRef.parse(ref), value);
    }

    @SuppressWarnings("unchecked")
    public void set(FieldRef ref, Object value) {
        Object v = Values.normalize(value);
        String top = ref.topLevelName();
        if (top != null && !top.equals(TIMESTAMP)) {
            data.put(top, v); // a plain top-level field: no path to walk
            return;
        }
        if (ref.isTopLevel(TIMESTAMP)) {
            if (v instanceof String s) {
                Instant parsed = Timestamps.parseIso(s);
                if (parsed == null) {
                    throw new IllegalArgumentException(
                            "Could not set field '@timestamp': not a valid timestamp: " + s);
                }
                v = parsed;
            } else if (!(v instanceof Instant)) {
                throw new IllegalArgumentException(
                        "Could not set field '@timestamp': a timestamp is needed, got " + v);
            }
        }
        if (ref.isMetadata() && ref.path().isEmpty()) {
            metadata.clear();
            if (v instanceof Map<?, ?> m) {
                metadata.putAll((Map<String, Object>) m);
            }
            return;
        }
        Object cur = ref.isMetadata() ? metadata : data;
        List<String> path = ref.path();
        for (int i = 0; i < path.size() - 1; i++) {
            String key = path.get(i);
            Object next = cur instanceof Map<?, ?> m ? m.get(key) : listElement((List<?>) cur, key);
            if (!(next instanceof Map || next instanceof List)) {
                // a missing (or scalar) step becomes a hash, as Logstash's Accessors do; an
                // existing array is walked into by index, never replaced
                next = new LinkedHashMap<String, Object>();
                if (!setChild(cur, key, next)) {
                    return; // a non-numeric key into an array: Logstash sets nothing
                }
            }
            cur = next;
        }
        setChild(cur, path.get(path.size() - 1), v);
    }

    /**
     * Sets {@code key} of a hash, or element {@code key} of an array (Logstash's Accessors): an
     * index past the end grows the array with nils, a negative one counts from the end. Returns
     * false when nothing could be set (a non-numeric key, a negative index before the start).
     */
    @SuppressWarnings("unchecked")
    private static boolean setChild(Object target, String key, Object value) {
        if (target instanceof Map<?, ?> m) {
            ((Map<String, Object>) m).put(key, value);
            return true;
        }
        List<Object> list = (List<Object>) target;
        int index;
        try {
            index = Integer.parseInt(key);
        } catch (NumberFormatException e) {
            return false;
        }
        int size = list.size();
        if (index >= size) {
            while (list.size() < index) {
                list.add(null);
            }
            list.add(value);
        } else {
            int at = index < 0 ? size + index : index;
            if (at < 0) {
                return false;
            }
            list.set(at, value);
        }
        return true;
    }

    public Object remove(String ref) {
        return remove(FieldRef.parse(ref));
    }

    @SuppressWarnings("unchecked")
    public Object remove(FieldRef ref) {
        String top = ref.topLevelName();
        if (top != null) {
            return data.remove(top);
        }
        if (ref.isMetadata() && ref.path().isEmpty()) {
            Map<String, Object> old = new LinkedHashMap<>(metadata);
            metadata.clear();
            return old;
        }
        Object cur = ref.isMetadata() ? metadata : data;
        List<String> path = ref.path();
        for (int i = 0; i < path.size() - 1; i++) {
            if (cur instanceof Map<?, ?> m) {
                cur = m.get(path.get(i));
            } else if (cur instanceof List<?> l) {
                cur = listElement(l, path.get(i));
            } else {
                return null;
            }
        }
        String last = path.get(path.size() - 1);
        if (cur instanceof Map<?, ?> m) {
            return ((Map<String, Object>) m).remove(last);
        }
        if (cur instanceof List<?> l) {
            // an array element is removed, the later ones move up (Logstash's Accessors.del)
            try {
                int idx = Integer.parseInt(last);
                int at = idx < 0 ? l.size() + idx : idx;
                return at >= 0 && at < l.size() ? l.remove(at) : null;
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    /**
     * Merges another event's fields into this one, as Logstash's {@code Event#append}: a field this
     * event lacks is copied; two hashes merge; otherwise the values are collected into an array
     * without duplicates ({@code "a"} and {@code "b"} give {@code ["a", "b"]}, {@code "a"} and
     * {@code "a"} stay {@code "a"}). This event keeps its own {@code @timestamp} and {@code
     * @version}.
     */
    public void append(Event other) {
        Map<String, Object> add = new LinkedHashMap<>(other.toMap());
        add.remove(TIMESTAMP);
        add.remove(VERSION);
        merge(data, add);
    }

    @SuppressWarnings("unchecked")
    private static void merge(Map<String, Object> target, Map<String, Object> add) {
        for (Map.Entry<String, Object> e : add.entrySet()) {
            Object value = e.getValue();
            Object current = target.get(e.getKey());
            if (current == null) {
                target.put(e.getKey(), value);
            } else if (current instanceof Map && value instanceof Map) {
                merge((Map<String, Object>) current, (Map<String, Object>) value);
            } else if (value instanceof List<?> values) {
                if (current instanceof List<?> l) {
                    // both arrays: their union, in order, without duplicates
                    java.util.LinkedHashSet<Object> union = new java.util.LinkedHashSet<>(l);
                    union.addAll(values);
                    ((List<Object>) l).clear();
                    ((List<Object>) l).addAll(union);
                } else {
                    List<Object> merged = new ArrayList<>();
                    merged.add(current);
                    for (Object v : values) {
                        if (!current.equals(v)) {
                            merged.add(v);
                        }
                    }
                    target.put(e.getKey(), merged);
                }
            } else if (current instanceof List<?> l) {
                if (!l.contains(value)) {
                    ((List<Object>) l).add(value);
                }
            } else if (!current.equals(value)) {
                List<Object> pair = new ArrayList<>();
                pair.add(current);
                pair.add(value);
                target.put(e.getKey(), pair);
            }
        }
    }

    private static Object listElement(List<?> l, String p) {
        try {
            int idx = Integer.parseInt(p);
            if (idx < 0) {
                idx += l.size();
            }
            return idx >= 0 && idx < l.size() ? l.get(idx) : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    // ---------------------------------------------------------------- well-known fields

    public Instant timestamp() {
        Object ts = data.get(TIMESTAMP);
        return ts instanceof Instant i ? i : null;
    }

    public void setTimestamp(Instant ts) {
        data.put(TIMESTAMP, ts);
    }

    /** The tags, or an empty list (a copy; use {@link #tag}/{@link #removeTag} to change them). */
    public List<String> tags() {
        Object t = data.get(TAGS);
        List<String> out = new ArrayList<>();
        if (t instanceof List<?> l) {
            for (Object o : l) {
                out.add(String.valueOf(o));
            }
        } else if (t != null) {
            out.add(String.valueOf(t));
        }
        return out;
    }

    /** Adds a tag unless present ({@code Event#tag} in Logstash). */
    public void tag(String tag) {
        List<Object> tags = tagList();
        if (!tags.contains(tag)) {
            tags.add(tag);
        }
    }

    /** Appends a tag even if present ({@code Decorators.add_tags} in Logstash). */
    public void appendTag(String tag) {
        tagList().add(tag);
    }

    public void removeTag(String tag) {
        Object t = data.get(TAGS);
        if (t instanceof List<?> l) {
            l.removeIf(tag::equals);
        } else if (tag.equals(t)) {
            data.remove(TAGS);
        }
    }

    @SuppressWarnings("unchecked")
    private List<Object> tagList() {
        Object t = data.get(TAGS);
        if (t instanceof List<?> l) {
            return (List<Object>) l;
        }
        List<Object> tags = new ArrayList<>();
        if (t != null) {
            tags.add(t);
        }
        data.put(TAGS, tags);
        return tags;
    }

    public void cancel() {
        cancelled = true;
    }

    public void uncancel() {
        cancelled = false;
    }

    public boolean isCancelled() {
        return cancelled;
    }

    public String sprintf(String template) {
        return Sprintf.format(template, this);
    }

    // ---------------------------------------------------------------- origin (for batch order)

    public String split() {
        return split;
    }

    public long position() {
        return position;
    }

    public void setOrigin(String split, long position) {
        this.split = split == null ? "" : split;
        this.position = position;
    }

    // ---------------------------------------------------------------- whole-event views

    /** The live top-level data map (without metadata). */
    public Map<String, Object> data() {
        return data;
    }

    /** The live metadata map. */
    public Map<String, Object> metadata() {
        return metadata;
    }

    /** A deep copy of the data as a map (what {@code event.to_hash} returns). */
    @SuppressWarnings("unchecked")
    public Map<String, Object> toMap() {
        return (Map<String, Object>) Values.deepCopy(data);
    }

    public Event copy() {
        @SuppressWarnings("unchecked")
        Event e =
                new Event(
                        (Map<String, Object>) Values.deepCopy(data),
                        (Map<String, Object>) Values.deepCopy(metadata));
        e.cancelled = cancelled;
        e.split = split;
        e.position = position;
        return e;
    }

    /** One line of JSON, Logstash's shape (metadata left out). */
    public String toJson() {
        return Json.write(data);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Event e
                && data.equals(e.data)
                && metadata.equals(e.metadata)
                && cancelled == e.cancelled;
    }

    @Override
    public int hashCode() {
        return data.hashCode();
    }

    @Override
    public String toString() {
        return toJson();
    }
}
