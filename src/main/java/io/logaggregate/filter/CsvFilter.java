package io.logaggregate.filter;

import io.logaggregate.config.PluginSettings;
import io.logaggregate.config.PluginSpec;
import io.logaggregate.event.Event;
import io.logaggregate.event.FieldRef;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logstash's csv filter: reads one CSV row from {@code source} ({@link RubyCsv#parseLine}, Ruby's
 * strict rules) into fields named by {@code columns} (else {@code column1}, {@code column2}, ...),
 * under {@code target} when set, converting the columns named in {@code convert}.
 *
 * <p>As in logstash-filter-csv: a row that is no valid CSV (or empty) is tagged {@code
 * _csvparsefailure}; with {@code skip_empty_rows} an empty one is tagged {@code
 * _csvskippedemptyfield} instead; the header row is dropped with {@code skip_header}, or taken as
 * the column names with {@code autodetect_column_names} (per parallel instance: like Logstash,
 * which needs one pipeline worker for it, the header must reach the instance that reads the rows —
 * run such pipelines at parallelism 1).
 */
public final class CsvFilter implements Filter {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(CsvFilter.class);
    private static final Set<String> TYPES =
            Set.of("integer", "float", "date", "date_time", "boolean");

    static final PluginSpec SPEC =
            PluginSpec.filter("csv")
                    .string("source", "message", "the field holding the CSV text")
                    .array("columns", null, "column names (field references allowed)")
                    .string("separator", ",", "the column separator (one or more characters)")
                    .string("quote_char", "\"", "the quote character (\\x00 or a NUL: no quoting)")
                    .string("target", null, "put the columns under this field")
                    .bool(
                            "autogenerate_column_names",
                            true,
                            "name columns without a name column1, column2, ...; false: drop them")
                    .bool("skip_header", false, "drop the event when the row equals columns")
                    .bool("skip_empty_columns", false, "leave out empty columns")
                    .bool("skip_empty_rows", false, "tag an empty row _csvskippedemptyfield")
                    .hash("convert", "column => integer, float, date, date_time or boolean")
                    .bool(
                            "autodetect_column_names",
                            false,
                            "take the first row as column names (and drop it)")
                    .oneOf(
                            "ecs_compatibility",
                            "disabled",
                            "as in Logstash, only whether a missing target is warned about",
                            "disabled",
                            "v1",
                            "v8");

    static final String FAILURE_TAG = "_csvparsefailure";
    static final String EMPTY_ROW_TAG = "_csvskippedemptyfield";

    private final String source;
    private final List<String> configuredColumns;
    private final String separator;
    private final String quote;
    private final String target;
    private final boolean autogenerateColumnNames;
    private final boolean skipHeader;
    private final boolean skipEmptyColumns;
    private final boolean skipEmptyRows;
    private final LinkedHashMap<String, String> convert = new LinkedHashMap<>();
    private final boolean autodetectColumnNames;
    private final String zone;
    private final CommonOptions common;

    /** The column names in use: configured, or detected from the first row. */
    private transient List<String> columns;

    private CsvFilter(PluginSettings s, FilterContext ctx) {
        this.source = s.getString("source");
        try {
            FieldRef.parse(source);
        } catch (IllegalArgumentException e) {
            throw s.error("source", "Invalid field reference for `source`: `" + source + "`");
        }
        this.configuredColumns = s.getList("columns");
        this.separator = s.getString("separator");
        if (separator.isEmpty()) {
            throw s.error("separator", "csv: separator must not be empty");
        }
        String q = s.getString("quote_char");
        if (q.equals("\\x00")) {
            q = "\0";
        }
        if (q.codePointCount(0, q.length()) != 1) {
            throw s.error(
                    "quote_char", "csv: quote_char must be a single character, got '" + q + "'");
        }
        this.quote = q.equals("\0") ? "" : q;
        String t = s.getString("target");
        if (t != null && !t.startsWith("[")) {
            t = "[" + t + "]";
        }
        this.target = t == null ? "" : t;
        if (t != null) {
            try {
                FieldRef.parse(t);
            } catch (IllegalArgumentException e) {
                throw s.error("target", "Invalid field reference for `target`: `" + t + "`");
            }
        }
        this.autogenerateColumnNames = s.getBool("autogenerate_column_names");
        this.skipHeader = s.getBool("skip_header");
        this.skipEmptyColumns = s.getBool("skip_empty_columns");
        this.skipEmptyRows = s.getBool("skip_empty_rows");
        List<String> bad = new ArrayList<>();
        for (Map.Entry<String, Object> e : s.getHash("convert").entrySet()) {
            String type = String.valueOf(e.getValue());
            if (!TYPES.contains(type) && !bad.contains(type)) {
                bad.add(type);
            }
            convert.put(e.getKey(), type);
        }
        if (!bad.isEmpty()) {
            throw s.error("convert", "Invalid conversion types: " + String.join(", ", bad));
        }
        this.autodetectColumnNames = s.getBool("autodetect_column_names");
        this.zone = ctx.clock().getZone().getId();
        this.common = CommonOptions.from(s);
    }

    public static CsvFilter create(PluginSettings settings, FilterContext ctx) {
        return new CsvFilter(settings, ctx);
    }

    @Override
    public void open() {
        columns = new ArrayList<>(configuredColumns);
    }

    @Override
    public void filter(Event event, Consumer<Event> emit) {
        if (columns == null) {
            open();
        }
        Object text = event.get(source);
        if (text == null || Boolean.FALSE.equals(text)) {
            return;
        }
        try {
            if (!(text instanceof String line)) {
                throw new IllegalArgumentException("not a string: " + text);
            }
            List<String> values = RubyCsv.parseLine(line, separator, quote);
            if (autodetectColumnNames && columns.isEmpty()) {
                columns = values == null ? new ArrayList<>() : new ArrayList<>(values);
                event.cancel();
                return;
            }
            if (skipHeader && !columns.isEmpty() && columns.equals(values)) {
                event.cancel();
                return;
            }
            if (skipEmptyRows && values == null) {
                event.tag(EMPTY_ROW_TAG);
                return;
            }
            if (values == null) {
                throw new IllegalArgumentException("empty row");
            }
            for (int i = 0; i < values.size(); i++) {
                String v = values.get(i);
                if (skipEmptyColumns && (v == null || v.isEmpty())) {
                    continue;
                }
                String name = i < columns.size() ? columns.get(i) : null;
                if (name == null && !autogenerateColumnNames) {
                    continue;
                }
                if (name == null) {
                    name = "column" + (i + 1);
                }
                String ref = name.startsWith("[") ? target + name : target + "[" + name + "]";
                event.set(ref, transform(name, v));
            }
            common.apply(event);
        } catch (RuntimeException e) {
            event.tag(FAILURE_TAG);
            LOG.warn("Error parsing csv: field {}, source {}: {}", source, text, e.getMessage());
        }
    }

    private Object transform(String name, String value) {
        String type = convert.get(name);
        if (type == null) {
            return value;
        }
        return switch (type) {
            case "integer" -> RubyCsv.integer(value);
            case "float" -> RubyCsv.floating(value);
            case "date" -> RubyCsv.date(value, ZoneId.of(zone));
            case "date_time" -> RubyCsv.dateTime(value);
            default -> {
                // boolean; a missing value fails the row, as value.strip does in Logstash
                String v = value.strip().toLowerCase(Locale.ROOT);
                yield v.equals("false") ? (Object) false : v.equals("true") ? (Object) true : v;
            }
        };
    }
}
