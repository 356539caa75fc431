package io.logaggregate.filter;

import io.logaggregate.config.PluginSettings;
import io.logaggregate.event.Event;
import io.logaggregate.event.FieldRef;
import io.logaggregate.event.Sprintf;
import io.logaggregate.event.Values;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The options every Logstash filter has: {@code add_field}, {@code remove_field}, {@code add_tag},
 * {@code remove_tag}. {@link #apply} is Logstash's {@code filter_matched}: a filter calls it only
 * when it did its job (grok matched, date parsed, ...), in Logstash's order: add fields, remove
 * fields, add tags, remove tags. Everything is {@code %{}}-interpolated per event.
 */
public final class CommonOptions implements Serializable {
    private static final long serialVersionUID = 1L;

    private static final CommonOptions NONE =
            new CommonOptions(new LinkedHashMap<>(), List.of(), List.of(), List.of());

    private final LinkedHashMap<String, List<String>> addField;
    private final List<String> addTag;
    private final List<String> removeField;
    private final List<String> removeTag;

    /**
     * remove_field's references without {@code %{}}, parsed once (apply runs for every event); null
     * where a name is interpolated per event or is no field reference.
     */
    private transient FieldRef[] removeRefs;

    public CommonOptions(
            LinkedHashMap<String, List<String>> addField,
            List<String> addTag,
            List<String> removeField,
            List<String> removeTag) {
        this.addField = addField;
        this.addTag = List.copyOf(addTag);
        this.removeField = List.copyOf(removeField);
        this.removeTag = List.copyOf(removeTag);
    }

    public static CommonOptions none() {
        return NONE;
    }

    /** Reads the four options from a filter's settings. */
    public static CommonOptions from(PluginSettings settings) {
        LinkedHashMap<String, List<String>> addField = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : settings.hash("add_field").entrySet()) {
            List<String> values = new ArrayList<>();
            if (e.getValue() instanceof List<?> l) {
                for (Object o : l) {
                    values.add(text(settings, o));
                }
            } else {
                values.add(text(settings, e.getValue()));
            }
            addField.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).addAll(values);
        }
        return new CommonOptions(
                addField,
                settings.stringList("add_tag"),
                settings.stringList("remove_field"),
                settings.stringList("remove_tag"));
    }

    private static String text(PluginSettings settings, Object o) {
        if (o instanceof String || o instanceof Number || o instanceof Boolean) {
            return o.toString();
        }
        throw settings.invalid("add_field", "Expected a hash of strings, got " + o);
    }

    public boolean isEmpty() {
        return addField.isEmpty()
                && addTag.isEmpty()
                && removeField.isEmpty()
                && removeTag.isEmpty();
    }

    /** Logstash's {@code filter_matched}. Never throws: a field that cannot be set is skipped. */
    public void apply(Event event) {
        apply(event, false);
    }

    /**
     * {@code filter_matched} for a filter that rescues its errors (mutate): a field name that is no
     * field reference, or a value that cannot be set, throws {@link IllegalArgumentException} so
     * that the filter can tag the event with its {@code tag_on_failure}.
     */
    public void applyOrThrow(Event event) {
        apply(event, true);
    }

    private void apply(Event event, boolean strict) {
        addFields(event, strict);
        FieldRef[] refs = removeRefs();
        for (int i = 0; i < refs.length; i++) {
            try {
                FieldRef ref = refs[i];
                event.remove(ref != null ? ref : FieldRef.parse(event.sprintf(removeField.get(i))));
            } catch (IllegalArgumentException badRef) {
                // an interpolated name that is no field reference names nothing to remove
                if (strict) {
                    throw badRef;
                }
            }
        }
        // Logstash appends added tags even when present (Decorators.add_tags)
        for (String t : addTag) {
            event.appendTag(event.sprintf(t));
        }
        removeTags(event);
    }

    private FieldRef[] removeRefs() {
        FieldRef[] refs = removeRefs;
        if (refs == null) {
            refs = new FieldRef[removeField.size()];
            for (int i = 0; i < refs.length; i++) {
                String f = removeField.get(i);
                try {
                    refs[i] = Sprintf.isDynamic(f) ? null : FieldRef.parse(f);
                } catch (IllegalArgumentException badRef) {
                    refs[i] = null; // fails per event, as before
                }
            }
            removeRefs = refs;
        }
        return refs;
    }

    private void addFields(Event event, boolean strict) {
        for (Map.Entry<String, List<String>> e : addField.entrySet()) {
            FieldRef ref;
            try {
                ref = FieldRef.parse(event.sprintf(e.getKey()));
            } catch (IllegalArgumentException badRef) {
                if (strict) {
                    throw badRef;
                }
                continue;
            }
            for (String template : e.getValue()) {
                String v = event.sprintf(template);
                try {
                    if (event.includes(ref)) {
                        // an existing field becomes an array with the new value appended
                        List<Object> a = toArray(event.get(ref));
                        a.add(v);
                        event.set(ref, a);
                    } else {
                        event.set(ref, v);
                    }
                } catch (IllegalArgumentException cannotSet) {
                    // e.g. a non-timestamp for @timestamp: Logstash would fail the worker
                    if (strict) {
                        throw cannotSet;
                    }
                }
            }
        }
    }

    private void removeTags(Event event) {
        if (removeTag.isEmpty() || event.get(FieldRef.parse(Event.TAGS)) == null) {
            return;
        }
        for (String t : removeTag) {
            event.removeTag(event.sprintf(t));
        }
        // Logstash writes tags back as an array even if it held one string
        Object tags = event.get(Event.TAGS);
        if (!(tags instanceof List)) {
            List<Object> l = new ArrayList<>();
            if (tags != null) {
                l.add(tags);
            }
            event.set(Event.TAGS, l);
        }
    }

    /** Ruby's {@code Array(x)}: nil is empty, an array itself (copied), a hash its pairs. */
    @SuppressWarnings("unchecked")
    static List<Object> toArray(Object v) {
        List<Object> out = new ArrayList<>();
        if (v == null) {
            return out;
        }
        if (v instanceof List<?> l) {
            out.addAll((List<Object>) Values.deepCopy(l));
        } else if (v instanceof Map<?, ?> m) {
            for (Map.Entry<?, ?> e : m.entrySet()) {
                List<Object> pair = new ArrayList<>();
                pair.add(e.getKey());
                pair.add(Values.deepCopy(e.getValue()));
                out.add(pair);
            }
        } else {
            out.add(v);
        }
        return out;
    }
}
