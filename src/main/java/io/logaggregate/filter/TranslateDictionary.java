package io.logaggregate.filter;

import io.logaggregate.event.Json;
import io.logaggregate.event.Values;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.Construct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * A translate dictionary: the inline {@code dictionary} hash, or a file ({@code .yml}/{@code
 * .yaml}, {@code .json}, {@code .csv}) read as logstash-filter-translate reads it, and the three
 * ways of looking a value up.
 *
 * <ul>
 *   <li>YAML: the top-level mapping; values keep their YAML types ({@code a: 1} translates to the
 *       number 1). A key that YAML reads as no string ({@code 200: OK}) never matches a field's
 *       text in Logstash (quote it: {@code "200": OK}); it is left out, with a warning.
 *   <li>JSON: the top-level object, values keep their JSON types.
 *   <li>CSV: the first two columns of each row, as text.
 * </ul>
 */
final class TranslateDictionary {
    private static final Logger LOG = LoggerFactory.getLogger(TranslateDictionary.class);

    /** A dictionary file that cannot be read: the message is Logstash's. */
    static final class DictionaryException extends Exception {
        DictionaryException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private TranslateDictionary() {}

    static boolean isYaml(String path) {
        return Pattern.compile("\\.y[a]?ml$").matcher(path).find();
    }

    static boolean knownFormat(String path) {
        return isYaml(path) || path.endsWith(".json") || path.endsWith(".csv");
    }

    /** Reads a dictionary file into {@code into} (merge: existing keys are overwritten). */
    static void read(Path path, long yamlCodePointLimit, Map<String, Object> into)
            throws DictionaryException, IOException {
        String p = path.toString();
        String text = Files.readString(path, StandardCharsets.UTF_8);
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1); // 'r:bom|utf-8'
        }
        try {
            if (isYaml(p)) {
                readYaml(text, yamlCodePointLimit, p, into);
            } else if (p.endsWith(".json")) {
                readJson(text, into);
            } else {
                readCsv(text, into);
            }
        } catch (YAMLException | IOException | IllegalArgumentException | IllegalStateException e) {
            throw new DictionaryException(
                    "Translate: " + message(e) + " when loading dictionary file at " + p, e);
        }
    }

    private static String message(Exception e) {
        if (e instanceof MarkedYAMLException m && m.getProblemMark() != null) {
            Mark mark = m.getProblemMark();
            return m.getProblem()
                    + " at line "
                    + (mark.getLine() + 1)
                    + " column "
                    + (mark.getColumn() + 1);
        }
        String msg = e.getMessage();
        return msg == null ? e.getClass().getSimpleName() : msg.split("\n")[0];
    }

    private static void readYaml(
            String text, long codePointLimit, String path, Map<String, Object> into) {
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit((int) Math.min(Integer.MAX_VALUE, codePointLimit));
        options.setAllowDuplicateKeys(true);
        Object root = new Yaml(new MapConstructor(options)).load(new StringReader(text));
        if (root == null) {
            return; // an empty file is an empty dictionary
        }
        if (!(root instanceof Map<?, ?> m)) {
            throw new IllegalArgumentException("the dictionary is no YAML mapping");
        }
        for (Map.Entry<?, ?> e : m.entrySet()) {
            if (e.getKey() instanceof String k) {
                into.put(k, Values.normalize(e.getValue()));
            } else {
                LOG.warn(
                        "translate dictionary {}: key {} is no string in YAML and never matches"
                                + " (as in Logstash); quote it",
                        path,
                        e.getKey());
            }
        }
    }

    /**
     * SnakeYAML's safe constructor, reading a mapping tagged {@code !!omap} as a map (Logstash's
     * YAML visitor does; SnakeYAML wants a sequence of pairs there).
     */
    private static final class MapConstructor extends SafeConstructor {
        MapConstructor(LoaderOptions options) {
            super(options);
            Construct sequenceOfPairs = yamlConstructors.get(Tag.OMAP);
            Construct map = new ConstructYamlMap();
            yamlConstructors.put(
                    Tag.OMAP,
                    new AbstractConstruct() {
                        @Override
                        public Object construct(Node node) {
                            return node instanceof MappingNode
                                    ? map.construct(node)
                                    : sequenceOfPairs.construct(node);
                        }
                    });
        }
    }

    private static void readJson(String text, Map<String, Object> into) throws IOException {
        if (text.isEmpty()) {
            return;
        }
        Map<String, Object> m = Json.readObject(text);
        for (Map.Entry<String, Object> e : m.entrySet()) {
            into.put(e.getKey(), Values.normalize(e.getValue()));
        }
    }

    private static void readCsv(String text, Map<String, Object> into) throws IOException {
        try (Reader r = new StringReader(text)) {
            for (CSVRecord row : CSVFormat.RFC4180.builder().get().parse(r)) {
                if (row.size() == 0 || (row.size() == 1 && row.get(0).isEmpty())) {
                    continue;
                }
                into.put(row.get(0), row.size() > 1 ? row.get(1) : null);
            }
        }
    }

    // ---------------------------------------------------------------- look-ups

    /** How a text is looked up: Logstash's three fetch strategies. */
    interface Lookup {
        /** The translation (a copy), or {@link #NONE}. */
        Object fetch(String source);
    }

    static final Object NONE = new Object();

    static Lookup lookup(Map<String, Object> dict, boolean exact, boolean regex) {
        if (exact && !regex) {
            return source -> dict.containsKey(source) ? Values.deepCopy(dict.get(source)) : NONE;
        }
        if (exact) {
            // the first key (in dictionary order) whose regex matches anywhere in the text
            List<Map.Entry<Pattern, Object>> keys = new ArrayList<>();
            for (Map.Entry<String, Object> e : dict.entrySet()) {
                keys.add(Map.entry(RubyRegexes.compile(e.getKey()), wrap(e.getValue())));
            }
            return source -> {
                for (Map.Entry<Pattern, Object> k : keys) {
                    if (k.getKey().matcher(source).find()) {
                        return Values.deepCopy(unwrap(k.getValue()));
                    }
                }
                return NONE;
            };
        }
        // not exact: every occurrence of a key (taken literally) is replaced by its value
        if (dict.isEmpty()) {
            return source -> NONE;
        }
        StringBuilder union = new StringBuilder();
        for (String k : dict.keySet()) {
            if (union.length() > 0) {
                union.append('|');
            }
            union.append(Pattern.quote(k));
        }
        Pattern p = Pattern.compile(union.toString());
        return source -> {
            Matcher m = p.matcher(source);
            StringBuilder sb = new StringBuilder();
            while (m.find()) {
                m.appendReplacement(
                        sb, Matcher.quoteReplacement(LogstashValues.rubyToS(dict.get(m.group()))));
            }
            m.appendTail(sb);
            String value = sb.toString();
            return value.equals(source) ? NONE : value;
        };
    }

    // a null value is a translation too: keep it distinct from "no key"
    private static final Object NULL = new Object();

    private static Object wrap(Object v) {
        return v == null ? NULL : v;
    }

    private static Object unwrap(Object v) {
        return v == NULL ? null : v;
    }
}
