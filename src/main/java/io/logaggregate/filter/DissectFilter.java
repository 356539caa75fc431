package io.logaggregate.filter;

import io.logaggregate.config.PluginSettings;
import io.logaggregate.config.PluginSpec;
import io.logaggregate.event.Event;
import io.logaggregate.event.Values;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logstash's dissect filter: splits a field by the delimiters of a mapping ({@link Dissector}),
 * then converts fields to {@code int} or {@code float}.
 *
 * <p>As in logstash-filter-dissect: each mapping that matches applies the common options; a field
 * that is empty, null or not matched by its mapping tags {@code tag_on_failure}; a field that is
 * missing is only logged. A conversion of a missing field tags {@code
 * _dataconversionnullvalue_<field>_<type>}, of a value that is no number {@code
 * _dataconversionuncoercible_<field>_<type>}.
 */
public final class DissectFilter implements Filter {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(DissectFilter.class);

    static final PluginSpec SPEC =
            PluginSpec.filter("dissect")
                    .hash(
                            "mapping",
                            "field => mapping, e.g. message => \"%{ts} %{+ts} %{host} %{msg}\"")
                    .hash("convert_datatype", "field => int or float, done after the mappings")
                    .array(
                            "tag_on_failure",
                            List.of("_dissectfailure"),
                            "tags when a mapping does not match");

    private final LinkedHashMap<String, String> mapping = new LinkedHashMap<>();
    private final LinkedHashMap<String, String> conversions = new LinkedHashMap<>();
    private final List<String> tagOnFailure;
    private final CommonOptions common;

    private transient List<Dissector> dissectors;

    private DissectFilter(PluginSettings s) {
        s.getHash("mapping").forEach((k, v) -> mapping.put(k, text(s, "mapping", v)));
        for (Map.Entry<String, Object> e : s.getHash("convert_datatype").entrySet()) {
            String type = text(s, "convert_datatype", e.getValue());
            String t = type.toLowerCase(Locale.ROOT);
            if (!t.equals("int") && !t.equals("float")) {
                throw s.error(
                        "convert_datatype",
                        "Dissector datatype conversion, datatype not supported: "
                                + type
                                + " (int or float)");
            }
            conversions.put(e.getKey(), type);
        }
        this.tagOnFailure = s.getList("tag_on_failure");
        this.common = CommonOptions.from(s);
        try {
            open();
        } catch (Dissector.FormatError e) {
            throw s.error("mapping", e.getMessage());
        }
    }

    private static String text(PluginSettings s, String name, Object v) {
        if (v instanceof String || v instanceof Number || v instanceof Boolean) {
            return v.toString();
        }
        throw s.invalid(name, "Expected a hash of strings, got " + v);
    }

    public static DissectFilter create(PluginSettings settings, FilterContext ctx) {
        return new DissectFilter(settings);
    }

    @Override
    public void open() {
        List<Dissector> list = new ArrayList<>();
        for (String m : mapping.values()) {
            list.add(m.isEmpty() ? null : new Dissector(m));
        }
        dissectors = list;
    }

    @Override
    public void filter(Event event, Consumer<Event> emit) {
        try {
            int i = 0;
            for (String field : mapping.keySet()) {
                Dissector d = dissectors.get(i++);
                if (d != null) {
                    dissect(event, field, d);
                }
            }
            convert(event);
        } catch (RuntimeException e) {
            // e.g. a field name that is no field reference
            LOG.error("Dissect threw an exception: {}", e.toString());
            tagFailure(event);
        }
    }

    private void dissect(Event event, String field, Dissector d) {
        if (!event.includes(field)) {
            LOG.warn("Dissector mapping, field not found in event: {}", field);
            return;
        }
        Object value = event.get(field);
        if (value == null) {
            LOG.warn("Dissector mapping, no value found for field: {}", field);
            tagFailure(event);
            return;
        }
        String src = value instanceof String str ? str : Values.toText(value);
        if (src.isEmpty()) {
            LOG.warn("Dissector mapping, field found in event but it was empty: {}", field);
            tagFailure(event);
            return;
        }
        if (d.dissect(src, event)) {
            common.apply(event);
        } else {
            LOG.warn(
                    "Dissector mapping, pattern not found: field {}, pattern {}",
                    field,
                    d.mapping());
            tagFailure(event);
        }
    }

    /** Logstash's Converters: a BigInteger (int, fraction dropped) or a BigDecimal (float). */
    private void convert(Event event) {
        for (Map.Entry<String, String> c : conversions.entrySet()) {
            String field = c.getKey();
            Object value = event.get(field);
            try {
                BigDecimal n = new BigDecimal(String.valueOf(value));
                event.set(field, c.getValue().equalsIgnoreCase("int") ? n.toBigInteger() : n);
            } catch (NumberFormatException e) {
                String why = value == null ? "nullvalue" : "uncoercible";
                LOG.warn(
                        "Dissector datatype conversion failed, field: {}, value: {}", field, value);
                event.tag("_dataconversion" + why + "_" + field + "_" + c.getValue());
            }
        }
    }

    private void tagFailure(Event event) {
        for (String t : tagOnFailure) {
            event.tag(t);
        }
    }
}
