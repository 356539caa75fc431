package io.logaggregate.config;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Logstash's {@code ${VAR}} / {@code ${VAR:default}} replacement. There is no secret store here, so
 * a variable comes from the environment map or its default.
 *
 * <p>Logstash does this in two places with two behaviours, both kept: plugin settings go through
 * {@code LogStash::Util::SubstitutionVariables#replace_placeholders} (a gsub: placeholders anywhere
 * inside a string are replaced), while condition values go through {@code
 * org.logstash.config.ir.expression.ExpressionSubstitution} / {@code ConfigVariableExpander}, which
 * only replaces a value that is one placeholder as a whole.
 */
final class EnvSubstitution {
    /** The same pattern as ConfigVariableExpander.SUBSTITUTION_PLACEHOLDER_REGEX. */
    private static final Pattern PLACEHOLDER =
            Pattern.compile("\\$\\{(?<name>[a-zA-Z_.][a-zA-Z0-9_.]*)(:(?<default>[^}]*))?}");

    private final Map<String, String> env;

    EnvSubstitution(Map<String, String> env) {
        this.env = env;
    }

    /** Replaces every placeholder inside {@code value} (plugin settings). */
    String replaceAll(String value, SourceText src, int pos) {
        if (value.indexOf("${") < 0) {
            return value;
        }
        Matcher m = PLACEHOLDER.matcher(value);
        StringBuilder out = new StringBuilder();
        int last = 0;
        while (m.find()) {
            out.append(value, last, m.start()).append(resolve(m, src, pos));
            last = m.end();
        }
        return out.append(value, last, value.length()).toString();
    }

    /** Replaces {@code value} only when it is exactly one placeholder (condition values). */
    String replaceWhole(String value, SourceText src, int pos) {
        if (!value.startsWith("${")) {
            return value;
        }
        Matcher m = PLACEHOLDER.matcher(value);
        return m.matches() ? resolve(m, src, pos) : value;
    }

    private String resolve(Matcher m, SourceText src, int pos) {
        String name = m.group("name");
        String v = env.get(name);
        if (v == null) {
            v = m.group("default");
        }
        if (v == null) {
            throw src.error(
                    "Cannot evaluate `"
                            + m.group()
                            + "`. Replacement variable `"
                            + name
                            + "` is not defined in a Logstash secret store or as an Environment"
                            + " entry and there is no default value given.",
                    pos);
        }
        return v;
    }
}
