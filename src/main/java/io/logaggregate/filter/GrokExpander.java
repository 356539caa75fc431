package io.logaggregate.filter;

import io.logaggregate.config.ConfigException;
import io.logaggregate.config.SourceLocation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Expands a grok expression ({@code %{SYNTAX:semantic:type}}, raw {@code (?<name>...)} groups) into
 * a Java regex, the way Logstash's grok library (jls-grok) does: the same reference syntax, {@code
 * (?:...)} for references without a semantic when only named captures are kept, Ruby's {@code
 * MULTILINE} (Java's DOTALL) plus line anchors.
 *
 * <p>A reference to a name that is not defined stops the start with jls-grok's message, {@code
 * pattern %{NAME} not defined}. The definitions are Logstash's own pattern set plus the user's, see
 * {@link GrokPatterns}.
 */
final class GrokExpander {
    /** jls-grok's reference syntax; anything after the semantic up to '}' is ignored. */
    private static final Pattern REFERENCE =
            Pattern.compile(
                    "%\\{(?<pattern>[A-Za-z0-9_]+)(?::(?<subname>[@\\[\\]A-Za-z0-9_:.-]+))?"
                            + "(?:=(?<definition>(?:[^{}\\\\]+|\\\\.)+))?[^}]*\\}");

    private static final int MAX_DEPTH = 1000;

    /** One capturing group of the expanded regex. */
    record Capture(String javaGroup, String name, String field, String coerce) {}

    /** The result: a Java regex and its captures in group order. */
    record Expansion(String regex, List<Capture> captures) {}

    private final Map<String, String> definitions;
    private final boolean namedCapturesOnly;
    private final List<Capture> captures = new ArrayList<>();
    private final String original;
    private final SourceLocation location;

    private GrokExpander(
            Map<String, String> definitions,
            boolean namedCapturesOnly,
            String original,
            SourceLocation location) {
        this.definitions = new HashMap<>(definitions);
        this.namedCapturesOnly = namedCapturesOnly;
        this.original = original;
        this.location = location;
    }

    static Expansion expand(
            String pattern,
            Map<String, String> definitions,
            boolean namedCapturesOnly,
            SourceLocation location) {
        GrokExpander x = new GrokExpander(definitions, namedCapturesOnly, pattern, location);
        StringBuilder out = new StringBuilder();
        x.expandInto(pattern, out, 0);
        return new Expansion(out.toString(), List.copyOf(x.captures));
    }

    private void expandInto(String text, StringBuilder out, int depth) {
        if (depth > MAX_DEPTH) {
            throw new ConfigException(
                    "Deep recursion pattern compilation of \"" + original + "\"", location);
        }
        RubyRegex.Translator t = new RubyRegex.Translator(out, new Namer());
        Matcher m = REFERENCE.matcher(text);
        int i = 0;
        while (i < text.length()) {
            if (!t.inClass() && text.startsWith("%{", i) && m.find(i) && m.start() == i) {
                int start = out.length();
                reference(m, out, depth);
                t.markAtom(start);
                i = m.end();
            } else {
                i = t.step(text, i);
            }
        }
    }

    private void reference(Matcher m, StringBuilder out, int depth) {
        String name = m.group("pattern");
        String subname = m.group("subname");
        if (m.group("definition") != null) {
            definitions.put(name, m.group("definition"));
        }
        String definition = definitions.get(name);
        if (definition == null) {
            throw new ConfigException("pattern " + m.group() + " not defined", location);
        }
        if (namedCapturesOnly && subname == null) {
            out.append("(?:");
            expandInto(definition, out, depth + 1);
            out.append(')');
            return;
        }
        String captureName = subname == null ? name : name + ":" + subname;
        // jls-grok: "PATTERN:field:type".split(":")
        String[] parts = captureName.split(":");
        String field = parts.length > 1 && !parts[1].isEmpty() ? parts[1] : parts[0];
        String coerce = parts.length > 2 ? parts[2] : null;
        String group = open(captureName, field, coerce);
        out.append("(?<").append(group).append('>');
        expandInto(definition, out, depth + 1);
        out.append(')');
    }

    private String open(String name, String field, String coerce) {
        String group = "g" + captures.size();
        captures.add(new Capture(group, name, field, coerce));
        return group;
    }

    /** Raw Oniguruma groups {@code (?<name>...)} capture into field {@code name}. */
    private final class Namer implements RubyRegex.GroupNamer {
        @Override
        public String openGroup(String rubyName) {
            return open(rubyName, rubyName, null);
        }

        @Override
        public String backref(String rubyName) {
            String found = null;
            for (Capture c : captures) {
                if (c.name().equals(rubyName)) {
                    found = c.javaGroup();
                }
            }
            return found;
        }
    }
}
