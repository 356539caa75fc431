package io.logaggregate.filter;

import io.logaggregate.config.ConfigException;
import io.logaggregate.config.PluginSettings;
import io.logaggregate.config.PluginSpec;
import io.logaggregate.config.SourceLocation;
import io.logaggregate.event.Event;
import io.logaggregate.event.FieldRef;
import io.logaggregate.event.Values;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logstash's grok filter. Pattern files are read on the client when the filter is created; the
 * definitions travel with the filter and the regexes are compiled in {@link #open()}.
 *
 * <p>Semantics follow logstash-filter-grok: fields in {@code match} order, each field's patterns in
 * order, the first match wins unless {@code break_on_match => false}; an array field is matched
 * element by element; a missing field is matched as the empty string; captures that did not
 * participate or are empty are left out unless {@code keep_empty_captures}; a capture into an
 * existing string field makes an array unless the field is in {@code overwrite}.
 */
public final class GrokFilter implements Filter, FailureCounting {
    /** Events it failed on, on this instance ({@link FailureCounting}). */
    private transient long failures;

    @Override
    public String failureMetric() {
        return "grok_failures";
    }

    @Override
    public long failures() {
        return failures;
    }

    private static final long serialVersionUID = 1L;

    static final PluginSpec SPEC =
            PluginSpec.filter("grok")
                    .hash("match", "field => pattern or [patterns]; also [field, pattern, ...]")
                    .array("patterns_dir", null, "folders of pattern files to add")
                    .string("patterns_files_glob", "*", "which files of patterns_dir to read")
                    .hash("pattern_definitions", "name => pattern, added to the patterns")
                    .bool("break_on_match", true, "stop at the first pattern that matches")
                    .bool("named_captures_only", true, "keep only the captures given a name")
                    .bool("keep_empty_captures", false, "keep captures that matched empty")
                    .array("overwrite", null, "fields a capture replaces instead of appending to")
                    .string("target", null, "the field to put the captures under")
                    .array("tag_on_failure", List.of("_grokparsefailure"), "tags when none match")
                    .number("timeout_millis", 30000, "give up a match after this long; 0 = never")
                    .oneOf(
                            "timeout_scope",
                            "pattern",
                            "whether the timeout is per pattern or per event",
                            "pattern",
                            "event")
                    .string("tag_on_timeout", "_groktimeout", "tag when a match timed out")
                    .oneOf(
                            "ecs_compatibility",
                            "disabled",
                            "the built-in pattern set: disabled = Logstash's legacy set, v1/v8 = its ecs-v1 set",
                            "disabled",
                            "v1",
                            "v8");

    private final LinkedHashMap<String, List<String>> match;
    private static final Logger LOG = LoggerFactory.getLogger(GrokFilter.class);

    private final LinkedHashMap<String, String> userDefinitions;

    /** Logstash's pattern set chosen by ecs_compatibility: legacy, or ecs-v1 for v1 and v8. */
    private final GrokPatterns.BuiltIn builtIn;

    /** patterns_dir entries without files: named in the error if a pattern is then missing. */
    private final List<String> emptyPatternDirs = new ArrayList<>();

    private final boolean breakOnMatch;
    private final boolean namedCapturesOnly;
    private final boolean keepEmptyCaptures;
    private final List<String> targetPath;
    private final List<String> tagOnFailure;
    private final long timeoutMillis;
    private final boolean timeoutPerEvent;
    private final String tagOnTimeout;
    private final List<String> overwrite;
    private final CommonOptions common;
    private final SourceLocation location;

    private transient List<FieldPatterns> compiled;

    /** How many patterns {@link #compiled} holds: the size of a {@link Scratch}'s matchers. */
    private transient int patternCount;

    /**
     * The matchers and the timeout text of the thread that runs this filter. A filter instance runs
     * in one operator thread; should another thread call it, it gets its own (the slot is replaced,
     * never shared).
     */
    private transient volatile Scratch scratch;

    /** One match entry: a field and its compiled patterns. */
    private record FieldPatterns(FieldRef field, List<Compiled> patterns) {}

    /**
     * A compiled pattern: its captures grouped by name, in jls-grok's handling order, and the
     * literals every match contains ({@link RequiredLiterals}): a text lacking one cannot match, so
     * the regex is not run on it.
     */
    private record Compiled(
            int index, String grok, Pattern regex, String[] literals, List<List<Bound>> byName) {
        boolean mayMatch(String text) {
            return RequiredLiterals.containsAll(text, literals);
        }
    }

    /**
     * A capture with its field reference resolved once (null: resolved, and failing, per call) and
     * its group number ({@link GroupNumbers}; 0: unknown, taken by name).
     */
    private record Bound(GrokExpander.Capture capture, FieldRef ref, boolean overwrite, int group) {
        String text(Matcher m) {
            return group > 0 ? m.group(group) : m.group(capture.javaGroup());
        }
    }

    /** Per-thread reusable objects: no allocation per pattern tried. */
    private static final class Scratch {
        final Thread owner = Thread.currentThread();
        final Matcher[] matchers;
        final DeadlineCharSequence text;

        Scratch(int patterns, long timeoutMillis) {
            this.matchers = new Matcher[patterns];
            this.text =
                    timeoutMillis > 0 ? new DeadlineCharSequence(timeoutMillis * 1_000_000L) : null;
        }

        Matcher matcher(Compiled c, CharSequence input) {
            Matcher m = matchers[c.index()];
            if (m == null) {
                m = c.regex().matcher(input);
                matchers[c.index()] = m;
                return m;
            }
            return m.reset(input);
        }
    }

    private GrokFilter(PluginSettings s, FilterContext ctx) {
        this.location = s.locationOf("match");
        this.match = readMatch(s);
        this.breakOnMatch = s.getBool("break_on_match");
        this.namedCapturesOnly = s.getBool("named_captures_only");
        this.keepEmptyCaptures = s.getBool("keep_empty_captures");
        this.tagOnFailure = s.getList("tag_on_failure");
        this.timeoutMillis = s.getLong("timeout_millis");
        this.timeoutPerEvent = "event".equals(s.getString("timeout_scope"));
        this.tagOnTimeout = s.getString("tag_on_timeout");
        this.overwrite = s.getList("overwrite");
        String ecs = s.getString("ecs_compatibility");
        this.builtIn = GrokPatterns.BuiltIn.forEcsCompatibility(ecs);
        if ("v8".equals(ecs)) {
            LOG.warn(
                    "{}: grok ecs_compatibility => v8 uses the ECS v1 patterns (as Logstash's grok"
                            + " filter does: its v8 support is a preview using the v1 patterns)",
                    s.locationOf("ecs_compatibility"));
        }
        String target = s.getString("target");
        this.targetPath = target == null ? List.of() : targetPath(s, target.strip());
        this.common = CommonOptions.from(s);
        this.userDefinitions = readDefinitions(s, ctx);
        // compile now so that every mistake is reported at start, with its location
        compile();
    }

    public static GrokFilter create(PluginSettings settings, FilterContext ctx) {
        return new GrokFilter(settings, ctx);
    }

    private static LinkedHashMap<String, List<String>> readMatch(PluginSettings s) {
        LinkedHashMap<String, List<String>> out = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : s.getHash("match").entrySet()) {
            String field = e.getKey();
            if (field.contains("%{")) {
                throw s.error(
                        "match",
                        "grok match => [...] is read as field/pattern pairs, so '"
                                + field
                                + "' would be a field name. Write match => { \"message\" => ["
                                + " \"pattern1\", \"pattern2\" ] }");
            }
            try {
                FieldRef.parse(field);
            } catch (IllegalArgumentException bad) {
                throw s.error("match", "Invalid field reference '" + field + "' in grok match");
            }
            List<String> patterns = out.computeIfAbsent(field, k -> new ArrayList<>());
            Object v = e.getValue();
            if (v instanceof List<?> l) {
                for (Object o : l) {
                    if (!(o instanceof String p)) {
                        throw s.invalid("match", "Expected pattern strings, got " + o);
                    }
                    patterns.add(p);
                }
            } else if (v instanceof String p) {
                patterns.add(p);
            } else {
                throw s.invalid("match", "Expected pattern strings, got " + v);
            }
        }
        return out;
    }

    private static List<String> targetPath(PluginSettings s, String target) {
        try {
            FieldRef ref = FieldRef.parse(target);
            if (ref.isMetadata()) {
                List<String> p = new ArrayList<>();
                p.add("@metadata");
                p.addAll(ref.path());
                return p;
            }
            return ref.path();
        } catch (IllegalArgumentException e) {
            throw s.error("target", "Invalid field reference '" + target + "' for target");
        }
    }

    private LinkedHashMap<String, String> readDefinitions(PluginSettings s, FilterContext ctx) {
        LinkedHashMap<String, String> defs = new LinkedHashMap<>();
        String glob = s.getString("patterns_files_glob");
        for (String dir : s.getList("patterns_dir")) {
            Path p = ctx.resolve(dir);
            try {
                List<Path> files = GrokPatterns.files(p, glob);
                if (files.isEmpty()) {
                    // Logstash silently ignores it; we mention it if a pattern is then undefined
                    emptyPatternDirs.add(dir);
                }
                for (Path f : files) {
                    defs.putAll(GrokPatterns.read(f));
                }
            } catch (IOException e) {
                throw s.error("patterns_dir", "Cannot read grok patterns from " + p + ": " + e);
            }
        }
        for (Map.Entry<String, Object> e : s.getHash("pattern_definitions").entrySet()) {
            if (e.getValue() instanceof String def) {
                defs.put(e.getKey(), def.stripTrailing());
            } else if (e.getValue() != null) {
                throw s.invalid("pattern_definitions", "Expected a hash of strings");
            }
        }
        return defs;
    }

    @Override
    public void open() {
        compile();
    }

    private void compile() {
        Map<String, String> defs = new LinkedHashMap<>(builtIn.definitions());
        defs.putAll(userDefinitions);
        List<FieldPatterns> out = new ArrayList<>();
        int index = 0;
        for (Map.Entry<String, List<String>> e : match.entrySet()) {
            List<Compiled> patterns = new ArrayList<>();
            for (String grok : e.getValue()) {
                patterns.add(compileOne(index++, grok, defs));
            }
            out.add(new FieldPatterns(FieldRef.parse(e.getKey()), patterns));
        }
        patternCount = index;
        scratch = null;
        compiled = out;
    }

    private Compiled compileOne(int index, String grok, Map<String, String> defs) {
        GrokExpander.Expansion x;
        try {
            x = GrokExpander.expand(grok, defs, namedCapturesOnly, location);
        } catch (ConfigException e) {
            if (!emptyPatternDirs.isEmpty() && e.getMessage().contains("not defined")) {
                throw new ConfigException(
                        e.getMessage()
                                + " (no pattern files found in patterns_dir "
                                + String.join(", ", emptyPatternDirs)
                                + ")",
                        location);
            }
            throw e;
        }
        Pattern regex;
        // Ruby's Regexp::MULTILINE is Java's DOTALL; Ruby's ^ and $ are line anchors
        int flags = Pattern.DOTALL | RubyRegex.RUBY_FLAGS;
        try {
            regex = Pattern.compile(x.regex(), flags);
        } catch (PatternSyntaxException e) {
            throw new ConfigException(
                    "Invalid grok pattern \"" + grok + "\": " + e.getDescription(), location);
        }
        // jls-grok walks Regexp#named_captures: each distinct name (first appearance order),
        // then every group of that name
        LinkedHashMap<String, List<Bound>> byName = new LinkedHashMap<>();
        Map<String, Integer> numbers = GroupNumbers.of(regex);
        for (GrokExpander.Capture c : x.captures()) {
            int group = numbers == null ? 0 : numbers.getOrDefault(c.javaGroup(), 0);
            byName.computeIfAbsent(c.name(), k -> new ArrayList<>()).add(bind(c, group));
        }
        return new Compiled(
                index,
                grok,
                regex,
                RequiredLiterals.of(x.regex(), flags),
                List.copyOf(byName.values()));
    }

    private Bound bind(GrokExpander.Capture c, int group) {
        FieldRef ref;
        try {
            ref = targetRef(c.field());
        } catch (IllegalArgumentException bad) {
            ref = null; // fails as Logstash does: when it matches (see matchField)
        }
        return new Bound(c, ref, overwrite.contains(c.field()), group);
    }

    /** This thread's matchers (a filter runs in one thread: the first call creates them). */
    private Scratch scratch() {
        Scratch s = scratch;
        if (s == null || s.owner != Thread.currentThread()) {
            s = new Scratch(patternCount, timeoutMillis);
            scratch = s;
        }
        return s;
    }

    // ---------------------------------------------------------------- run time

    @Override
    public void filter(Event event, Consumer<Event> emit) {
        if (compiled == null) {
            compile();
        }
        Scratch s = scratch();
        if (s.text != null) {
            s.text.restart(); // timeout_scope => event: one period for all the event's matches
        }
        boolean matched = false;
        try {
            for (FieldPatterns fp : compiled) {
                if (matchField(fp, event, s)) {
                    matched = true;
                    if (breakOnMatch) {
                        break;
                    }
                }
            }
        } catch (DeadlineCharSequence.Timeout timeout) {
            failures++;
            event.tag(tagOnTimeout);
            return;
        }
        if (matched) {
            common.apply(event);
        } else {
            failures++;
            for (String t : tagOnFailure) {
                event.tag(t);
            }
        }
    }

    private boolean matchField(FieldPatterns fp, Event event, Scratch s) {
        try {
            Object input = event.get(fp.field());
            if (input instanceof List<?> l) {
                boolean success = false;
                for (Object element : List.copyOf(l)) {
                    success |= matchValue(fp, LogstashValues.rubyToS(element), event, s);
                }
                return success;
            }
            return matchValue(fp, LogstashValues.rubyToS(input), event, s);
        } catch (IllegalArgumentException cannotSet) {
            // Logstash rescues errors of a field's match (e.g. a bad @timestamp capture)
            return false;
        }
    }

    private boolean matchValue(FieldPatterns fp, String input, Event event, Scratch s) {
        boolean matched = false;
        for (Compiled c : fp.patterns()) {
            if (!c.mayMatch(input)) {
                // checked with the tests' -ea: the literals never reject a text the regex matches
                assert !matchesWithin(c.regex(), input, 1000)
                        : "grok literals " + List.of(c.literals()) + " reject a match: " + input;
                matched = false;
                continue;
            }
            CharSequence text = input;
            if (s.text != null) {
                if (!timeoutPerEvent) {
                    s.text.restart();
                }
                text = s.text.text(input);
            }
            Matcher m = s.matcher(c, text);
            matched = m.find();
            if (matched) {
                capture(c, m, event);
                if (breakOnMatch) {
                    break;
                }
            }
        }
        return matched;
    }

    /** For the assertion above: whether it matches (false if that takes over {@code millis}). */
    private static boolean matchesWithin(Pattern regex, String input, long millis) {
        try {
            return regex.matcher(
                            new DeadlineCharSequence(
                                    input, System.nanoTime() + millis * 1_000_000L))
                    .find();
        } catch (DeadlineCharSequence.Timeout runaway) {
            return false;
        }
    }

    private void capture(Compiled c, Matcher m, Event event) {
        for (List<Bound> group : c.byName()) {
            for (Bound b : group) {
                String raw = b.text(m);
                assert java.util.Objects.equals(raw, m.group(b.capture().javaGroup()))
                        : "group " + b.group() + " is not " + b.capture().javaGroup();
                handle(b, coerce(raw, b.capture().coerce()), event);
            }
        }
    }

    private static Object coerce(String raw, String type) {
        if (raw == null || type == null) {
            return raw;
        }
        return switch (type) {
            case "int" -> rubyToI(raw);
            case "float" -> rubyToF(raw);
            default -> raw;
        };
    }

    @SuppressWarnings("unchecked")
    private void handle(Bound b, Object value, Event event) {
        if (!keepEmptyCaptures && (value == null || "".equals(value))) {
            return;
        }
        FieldRef ref = b.ref() != null ? b.ref() : targetRef(b.capture().field());
        if (b.overwrite()) {
            event.set(ref, value);
            return;
        }
        Object v = event.setIfAbsent(ref, value);
        if (v == null) {
            return; // it is set
        } else if (v instanceof List<?> l) {
            List<Object> copy = new ArrayList<>((List<Object>) l);
            copy.add(value);
            event.set(ref, copy);
        } else if (v instanceof String) {
            List<Object> pair = new ArrayList<>();
            pair.add(v);
            pair.add(value);
            event.set(ref, pair);
        }
        // any other existing value (a number, a hash) is left alone, as Logstash does
    }

    private FieldRef targetRef(String field) {
        if (targetPath.isEmpty()) {
            return FieldRef.parse(field);
        }
        StringBuilder sb = new StringBuilder();
        for (String p : targetPath) {
            sb.append('[').append(p).append(']');
        }
        FieldRef inner = FieldRef.parse(field);
        if (inner.isMetadata()) {
            sb.append("[@metadata]");
        }
        for (String p : inner.path()) {
            sb.append('[').append(p).append(']');
        }
        return FieldRef.parse(sb.toString());
    }

    // ---------------------------------------------------------------- Ruby number parsing

    /** Ruby's {@code String#to_i}: leading integer, else 0. */
    static Object rubyToI(String s) {
        String t = s.stripLeading();
        int i = 0;
        StringBuilder digits = new StringBuilder();
        if (i < t.length() && (t.charAt(i) == '+' || t.charAt(i) == '-')) {
            if (t.charAt(i) == '-') {
                digits.append('-');
            }
            i++;
        }
        boolean any = false;
        while (i < t.length()) {
            char c = t.charAt(i);
            if (c >= '0' && c <= '9') {
                digits.append(c);
                any = true;
            } else if (c == '_'
                    && any
                    && i + 1 < t.length()
                    && Character.isDigit(t.charAt(i + 1))) {
                // Ruby allows single underscores between digits
            } else {
                break;
            }
            i++;
        }
        if (!any) {
            return 0L;
        }
        return Values.normalize(new BigInteger(digits.toString()));
    }

    /** Ruby's {@code String#to_f}: leading decimal number, else 0.0. */
    static Double rubyToF(String s) {
        Matcher m = LEADING_FLOAT.matcher(s.stripLeading());
        if (!m.lookingAt()) {
            return 0.0;
        }
        String num = m.group().replace("_", "");
        try {
            return new BigDecimal(num).doubleValue();
        } catch (NumberFormatException e) {
            return 0.0;
        }
    }

    private static final Pattern LEADING_FLOAT =
            Pattern.compile("[+-]?(?:\\d+(?:_\\d+)*)(?:\\.\\d+(?:_\\d+)*)?(?:[eE][+-]?\\d+)?");
}
