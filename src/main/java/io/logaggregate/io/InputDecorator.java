package io.logaggregate.io;

import io.logaggregate.config.PluginSettings;
import io.logaggregate.event.Event;
import io.logaggregate.event.FieldRef;
import java.io.Serializable;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What every Logstash input adds to the events it makes: the origin fields of the plugin ({@code
 * host}, and {@code path} for files), then the common options {@code type}, {@code add_field} and
 * {@code tags} (LogStash::Inputs::Base#decorate).
 *
 * <p><b>ECS:</b> the default is {@code ecs_compatibility => disabled}, Logstash's legacy field
 * names ({@code host}, {@code path}) that existing pipelines written for Logstash 7 expect. With
 * {@code v1} or {@code v8} the file input writes {@code [host][name]} and {@code
 * [log][file][path]}, stdin {@code [host][hostname]}, as Logstash 8 does. (Logstash 8 itself
 * defaults to v8 when the pipeline setting is unset; we keep the legacy names because the filters
 * in the pipelines we run match on them.)
 */
public final class InputDecorator implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Which plugin's origin fields to set. */
    public enum Kind {
        FILE,
        STDIN,
        GENERATOR,
        NONE
    }

    // the fields it sets, parsed once (it decorates every event)
    private static final FieldRef METADATA_HOST = FieldRef.parse("[@metadata][host]");
    private static final FieldRef METADATA_PATH = FieldRef.parse("[@metadata][path]");
    private static final FieldRef HOST = FieldRef.parse("host");
    private static final FieldRef HOST_NAME = FieldRef.parse("[host][name]");
    private static final FieldRef HOST_HOSTNAME = FieldRef.parse("[host][hostname]");
    private static final FieldRef PATH = FieldRef.parse("path");
    private static final FieldRef LOG_FILE_PATH = FieldRef.parse("[log][file][path]");
    private static final FieldRef TYPE = FieldRef.parse("type");

    private final Kind kind;
    private final boolean ecs;
    private final String type;
    private final Map<String, Object> addField;
    private final List<String> tags;

    /** Resolved once per JVM: a slow resolver must not cost every task its start-up time. */
    private static volatile String hostname;

    public InputDecorator(Kind kind, PluginSettings s) {
        this.kind = kind;
        // every input declares ecs_compatibility, with its allowed words and default
        this.ecs = !s.getString("ecs_compatibility").equals("disabled");
        this.type = s.string("type");
        this.addField = new LinkedHashMap<>(s.hash("add_field"));
        this.tags = new ArrayList<>(s.stringList("tags"));
    }

    /**
     * Adds the origin and common fields. {@code path} is the file the event was read from (ignored
     * for stdin). Fields the codec already set are kept, as in Logstash.
     */
    public void decorate(Event e, String path) {
        switch (kind) {
            case FILE -> {
                e.set(METADATA_HOST, hostname());
                e.set(METADATA_PATH, path);
                setIfAbsent(e, ecs ? HOST_NAME : HOST, hostname());
                setIfAbsent(e, ecs ? LOG_FILE_PATH : PATH, path);
            }
            case STDIN -> setIfAbsent(e, ecs ? HOST_HOSTNAME : HOST, hostname());
            case GENERATOR -> setIfAbsent(e, ecs ? HOST_NAME : HOST, hostname());
            case NONE -> {}
        }
        if (type != null && !e.includes(TYPE)) {
            e.set(TYPE, type);
        }
        for (Map.Entry<String, Object> f : addField.entrySet()) {
            addField(e, e.sprintf(f.getKey()), f.getValue());
        }
        for (String t : tags) {
            e.appendTag(e.sprintf(t));
        }
    }

    /** Logstash's Decorators.add_fields: a second value for a field turns it into an array. */
    private static void addField(Event e, String field, Object value) {
        Object v;
        if (value instanceof List<?> l) {
            List<Object> out = new ArrayList<>();
            for (Object o : l) {
                out.add(o instanceof String str ? e.sprintf(str) : o);
            }
            v = out;
        } else {
            v = value instanceof String str ? e.sprintf(str) : value;
        }
        if (!e.includes(field)) {
            e.set(field, v);
            return;
        }
        Object old = e.get(field);
        List<Object> merged = new ArrayList<>();
        if (old instanceof List<?> ol) {
            merged.addAll(ol);
        } else {
            merged.add(old);
        }
        if (v instanceof List<?> vl) {
            merged.addAll(vl);
        } else {
            merged.add(v);
        }
        e.set(field, merged);
    }

    private static void setIfAbsent(Event e, FieldRef field, Object value) {
        if (!e.includes(field)) {
            e.set(field, value);
        }
    }

    private static String hostname() {
        String h = hostname;
        if (h == null) {
            h = localHostname();
            hostname = h;
        }
        return h;
    }

    /**
     * The name of the machine the input runs on (a task manager), as Logstash's Socket.gethostname.
     */
    static String localHostname() {
        String env = System.getenv("HOSTNAME");
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            return env != null && !env.isEmpty() ? env : "localhost";
        }
    }
}
