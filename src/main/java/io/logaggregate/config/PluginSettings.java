package io.logaggregate.config;

import io.logaggregate.config.ast.PluginDef;
import io.logaggregate.config.ast.Setting;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Typed, validated access to a plugin block's settings, with Logstash's error wording. A plugin
 * factory declares the names it knows; anything else is {@code Unknown setting 'x' for <plugin>}.
 * Repeated settings merge as in Logstash: arrays concatenate, hashes merge, a scalar takes the last
 * value.
 */
public final class PluginSettings {
    /** Options every filter has (LogStash::Filters::Base). */
    public static final Set<String> COMMON_FILTER = PluginSpec.common("filter").names();

    /** Options every input has (LogStash::Inputs::Base). */
    public static final Set<String> COMMON_INPUT = PluginSpec.common("input").names();

    /** Options every output has (LogStash::Outputs::Base). */
    public static final Set<String> COMMON_OUTPUT = PluginSpec.common("output").names();

    private final PluginDef def;

    /** The declaration, when the plugin has one; null for the older name-list form. */
    private final PluginSpec spec;

    private final Map<String, Object> values = new LinkedHashMap<>();
    private final Map<String, Setting> firstSetting = new LinkedHashMap<>();

    /**
     * @param known the plugin's own setting names; the section's common ones are added
     */
    public PluginSettings(PluginDef def, Collection<String> known) {
        this(def, known, null);
    }

    /**
     * Reads a block against its declaration: unknown names, missing required settings and words
     * outside an allowed list are errors here; getters fall back to the declared defaults.
     */
    public PluginSettings(PluginDef def, PluginSpec spec) {
        this(def, spec.names(), spec);
        for (PluginSpec.Option o : spec.options()) {
            if (o.required() && !values.containsKey(o.name())) {
                throw missing(o.name());
            }
            if (!o.allowed().isEmpty() && values.containsKey(o.name())) {
                oneOf(o.name(), null, o.allowed().toArray(new String[0]));
            }
        }
    }

    private PluginSettings(PluginDef def, Collection<String> known, PluginSpec spec) {
        this.def = def;
        this.spec = spec;
        Set<String> all = new LinkedHashSet<>(known);
        all.addAll(PluginSpec.common(def.section()).names());
        for (Setting s : def.settings()) {
            if (!all.contains(s.name())) {
                throw new ConfigException(
                        "Unknown setting '" + s.name() + "' for " + def.name(), s.location());
            }
            firstSetting.putIfAbsent(s.name(), s);
            values.merge(s.name(), s.value(), PluginSettings::mergeRepeated);
        }
    }

    @SuppressWarnings("unchecked")
    private static Object mergeRepeated(Object a, Object b) {
        if (a instanceof List<?> la && b instanceof List<?> lb) {
            List<Object> out = new ArrayList<>(la);
            out.addAll(lb);
            return out;
        }
        if (a instanceof Map<?, ?> ma && b instanceof Map<?, ?> mb) {
            Map<String, Object> out = new LinkedHashMap<>((Map<String, Object>) ma);
            out.putAll((Map<String, Object>) mb);
            return out;
        }
        return b;
    }

    public PluginDef plugin() {
        return def;
    }

    /** The declaration this block was read against, or null. */
    public PluginSpec spec() {
        return spec;
    }

    /**
     * Every declared setting with the value in force: the one written in the block, else the
     * declared default (absent from the map when there is neither). For {@code check}.
     */
    public Map<String, Object> effective() {
        Map<String, Object> out = new LinkedHashMap<>();
        if (spec == null) {
            out.putAll(values);
            return out;
        }
        for (PluginSpec.Option o : spec.options()) {
            Object v = values.containsKey(o.name()) ? values.get(o.name()) : o.dflt();
            if (v != null) {
                out.put(o.name(), v);
            }
        }
        for (Map.Entry<String, Object> e : values.entrySet()) {
            out.putIfAbsent(e.getKey(), e.getValue());
        }
        return out;
    }

    /** A setting's value in force, for {@code check}: written in the block or the default. */
    public record Value(PluginSpec.Option option, Object value, boolean given) {}

    /**
     * The plugin's own declared settings in declaration order, each with the value written in the
     * block, else its default (null when it has neither); then the section's common options that
     * were written. For {@code check}.
     */
    public List<Value> inForce() {
        if (spec == null) {
            throw new IllegalStateException(def.name() + ": read without a declaration");
        }
        List<Value> out = new ArrayList<>();
        for (PluginSpec.Option o : spec.options()) {
            boolean given = values.containsKey(o.name());
            out.add(new Value(o, given ? values.get(o.name()) : o.dflt(), given));
        }
        for (PluginSpec.Option o : PluginSpec.common(def.section()).options()) {
            if (spec.option(o.name()) == null && values.containsKey(o.name())) {
                out.add(new Value(o, values.get(o.name()), true));
            }
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private <T> T declaredDefault(String name, Class<T> type) {
        if (spec == null) {
            throw new IllegalStateException(
                    def.name() + ": '" + name + "' read by default without a declaration");
        }
        PluginSpec.Option o = spec.declared(name);
        if (o == null) {
            throw new IllegalStateException(def.name() + ": setting '" + name + "' not declared");
        }
        Object d = o.dflt();
        if (d == null) {
            return null;
        }
        if (type == Long.class && d instanceof Number n) {
            return (T) Long.valueOf(n.longValue());
        }
        if (type == Double.class && d instanceof Number n) {
            return (T) Double.valueOf(n.doubleValue());
        }
        return type.cast(d);
    }

    // ------------------------------------------- getters that fall back to the declared default

    /** The string written, else the declared default (may be null). */
    public String getString(String name) {
        String s = string(name);
        return s != null ? s : declaredDefault(name, String.class);
    }

    public long getLong(String name) {
        Number n = number(name);
        if (n != null) {
            return n.longValue();
        }
        Long d = declaredDefault(name, Long.class);
        if (d == null) {
            throw missing(name);
        }
        return d;
    }

    public double getDouble(String name) {
        Number n = number(name);
        if (n != null) {
            return n.doubleValue();
        }
        Double d = declaredDefault(name, Double.class);
        if (d == null) {
            throw missing(name);
        }
        return d;
    }

    public boolean getBool(String name) {
        Boolean b = bool(name);
        if (b != null) {
            return b;
        }
        Boolean d = declaredDefault(name, Boolean.class);
        if (d == null) {
            throw missing(name);
        }
        return d;
    }

    /** The array written, else the declared default, else empty. */
    public List<String> getList(String name) {
        if (has(name)) {
            return stringList(name);
        }
        List<String> out = new ArrayList<>();
        List<?> d = declaredDefault(name, List.class);
        if (d != null) {
            for (Object o : d) {
                out.add(String.valueOf(o));
            }
        }
        return out;
    }

    /** The hash written, else empty. */
    public Map<String, Object> getHash(String name) {
        if (spec != null && spec.declared(name) == null) {
            throw new IllegalStateException(def.name() + ": setting '" + name + "' not declared");
        }
        return hash(name);
    }

    /** The codec written ({@code codec => json} or {@code json { ... }}), else the declared one. */
    public PluginDef getCodec(String name) {
        return codec(name, declaredDefault(name, String.class));
    }

    public String pluginName() {
        return def.name();
    }

    public boolean has(String name) {
        return values.containsKey(name);
    }

    public Object raw(String name) {
        return values.get(name);
    }

    /** The value written, else the declared default (null when neither): raw, not converted. */
    public Object get(String name) {
        if (values.containsKey(name)) {
            return values.get(name);
        }
        PluginSpec.Option o = spec == null ? null : spec.declared(name);
        if (o == null) {
            throw new IllegalStateException(def.name() + ": setting '" + name + "' not declared");
        }
        return o.dflt();
    }

    /** Where the setting was written, or the plugin block when it was not. */
    public SourceLocation locationOf(String name) {
        Setting s = firstSetting.get(name);
        return s != null ? s.location() : def.location();
    }

    public ConfigException error(String name, String message) {
        return new ConfigException(message, locationOf(name));
    }

    /** Logstash's "Invalid setting" message for a value of the wrong kind. */
    public ConfigException invalid(String name, String why) {
        Object v = values.get(name);
        return new ConfigException(
                "Invalid setting for "
                        + def.name()
                        + " "
                        + def.section()
                        + " plugin: "
                        + name
                        + " => "
                        + show(v)
                        + ": "
                        + why,
                locationOf(name));
    }

    public ConfigException missing(String name) {
        return new ConfigException(
                "Missing a required setting for the "
                        + def.name()
                        + " "
                        + def.section()
                        + " plugin: "
                        + def.section()
                        + " { "
                        + def.name()
                        + " { "
                        + name
                        + " => # SETTING MISSING ... } }",
                def.location());
    }

    private static String show(Object v) {
        if (v instanceof String s) {
            return "\"" + s + "\"";
        }
        return String.valueOf(v);
    }

    // ---------------------------------------------------------------- typed getters

    /** A string (quoted or bareword; a number is accepted as its text); null if absent. */
    public String string(String name) {
        Object v = values.get(name);
        if (v == null) {
            return null;
        }
        if (v instanceof List<?> l && l.size() == 1 && !(l.get(0) instanceof List)) {
            v = l.get(0);
        }
        if (v instanceof String s) {
            return s;
        }
        if (v instanceof Number n) {
            return n.toString();
        }
        throw invalid(name, "Expected string, got " + show(v));
    }

    public String string(String name, String dflt) {
        String s = string(name);
        return s == null ? dflt : s;
    }

    public String requiredString(String name) {
        String s = string(name);
        if (s == null) {
            throw missing(name);
        }
        return s;
    }

    /** One of the allowed words (Logstash's {@code :validate => [...]}). */
    public String oneOf(String name, String dflt, String... allowed) {
        String s = string(name);
        if (s == null) {
            return dflt;
        }
        for (String a : allowed) {
            if (a.equals(s)) {
                return s;
            }
        }
        throw invalid(
                name,
                "Expected one of "
                        + List.of(allowed)
                                .toString()
                                .replace(", ", "\", \"")
                                .replace("[", "[\"")
                                .replace("]", "\"]")
                        + ", got [\""
                        + s
                        + "\"]");
    }

    /** A number (Long or Double); a numeric string is accepted, as Logstash does. */
    public Number number(String name) {
        Object v = values.get(name);
        if (v == null) {
            return null;
        }
        if (v instanceof List<?> l && l.size() == 1) {
            v = l.get(0);
        }
        if (v instanceof Number n) {
            return n;
        }
        if (v instanceof String s) {
            try {
                return Long.parseLong(s.trim());
            } catch (NumberFormatException e) {
                try {
                    return Double.parseDouble(s.trim());
                } catch (NumberFormatException e2) {
                    // fall through
                }
            }
        }
        throw invalid(name, "This setting must be a number. Expected number, got " + show(v));
    }

    public long longValue(String name, long dflt) {
        Number n = number(name);
        return n == null ? dflt : n.longValue();
    }

    public double doubleValue(String name, double dflt) {
        Number n = number(name);
        return n == null ? dflt : n.doubleValue();
    }

    public Boolean bool(String name) {
        Object v = values.get(name);
        if (v == null) {
            return null;
        }
        if (v instanceof List<?> l && l.size() == 1) {
            v = l.get(0);
        }
        if (v instanceof Boolean b) {
            return b;
        }
        if (v instanceof String s) {
            if (s.equals("true")) {
                return true;
            }
            if (s.equals("false")) {
                return false;
            }
        }
        throw invalid(name, "Expected boolean 'true' or 'false', got " + show(v));
    }

    public boolean bool(String name, boolean dflt) {
        Boolean b = bool(name);
        return b == null ? dflt : b;
    }

    /** An array of strings; a single string is a one-element array. Empty if absent. */
    public List<String> stringList(String name) {
        Object v = values.get(name);
        List<String> out = new ArrayList<>();
        if (v == null) {
            return out;
        }
        if (v instanceof List<?> l) {
            for (Object o : l) {
                if (o instanceof String || o instanceof Number || o instanceof Boolean) {
                    out.add(o.toString());
                } else {
                    throw invalid(name, "Expected an array of strings, got " + show(v));
                }
            }
            return out;
        }
        if (v instanceof String || v instanceof Number || v instanceof Boolean) {
            out.add(v.toString());
            return out;
        }
        throw invalid(name, "Expected an array of strings, got " + show(v));
    }

    /**
     * A hash. As in Logstash an array of even length is read as key/value pairs ({@code match =>
     * ["message", "p"]}); a key given twice collects its values into a list.
     */
    @SuppressWarnings("unchecked")
    public Map<String, Object> hash(String name) {
        Object v = values.get(name);
        Map<String, Object> out = new LinkedHashMap<>();
        if (v == null) {
            return out;
        }
        if (v instanceof Map<?, ?> m) {
            out.putAll((Map<String, Object>) m);
            return out;
        }
        if (v instanceof List<?> l && l.size() % 2 == 0) {
            for (int i = 0; i < l.size(); i += 2) {
                Object k = l.get(i);
                if (!(k instanceof String)) {
                    throw invalid(name, "Expected a hash, got " + show(v));
                }
                Object val = l.get(i + 1);
                out.merge(
                        (String) k,
                        val,
                        (a, b) -> {
                            List<Object> merged = new ArrayList<>();
                            if (a instanceof List<?> la) {
                                merged.addAll(la);
                            } else {
                                merged.add(a);
                            }
                            merged.add(b);
                            return merged;
                        });
            }
            return out;
        }
        throw invalid(name, "Expected a hash, got " + show(v));
    }

    /**
     * A hash whose values are single strings (numbers and booleans as their text), in the written
     * order, e.g. mutate's {@code rename} or prune's {@code whitelist_values}.
     */
    public LinkedHashMap<String, String> stringHash(String name) {
        LinkedHashMap<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : getHash(name).entrySet()) {
            Object v = e.getValue();
            if (v instanceof List<?> l && l.size() == 1) {
                v = l.get(0);
            }
            if (!(v instanceof String || v instanceof Number || v instanceof Boolean)) {
                throw invalid(name, "Expected a hash of strings, got " + e.getKey() + " => " + v);
            }
            out.put(e.getKey(), v.toString());
        }
        return out;
    }

    /** A codec setting: its name and settings ({@code codec => json} or {@code json { ... }}). */
    public PluginDef codec(String name, String dflt) {
        Object v = values.get(name);
        if (v == null) {
            return new PluginDef("codec", dflt, List.of(), def.location());
        }
        if (v instanceof PluginDef p) {
            return p;
        }
        if (v instanceof String s) {
            return new PluginDef("codec", s, List.of(), locationOf(name));
        }
        throw invalid(name, "Expected a codec, got " + show(v));
    }
}
