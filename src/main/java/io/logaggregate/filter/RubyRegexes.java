package io.logaggregate.filter;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Ruby regexes written by users in filter settings (prune's names, translate's keys). */
final class RubyRegexes {
    private RubyRegexes() {}

    private static final Pattern INTERVAL = Pattern.compile("\\{(?:\\d+(?:,\\d*)?|,\\d+)\\}");

    /** A Ruby regex as a Java pattern; a brace that starts no repetition is a literal in Ruby. */
    static Pattern compile(String ruby) {
        return RubyRegex.compile(literalBraces(ruby)).pattern();
    }

    /**
     * Escapes a <code>{</code> that starts no repetition (as in <code>%{name}</code>): Ruby reads
     * it as a literal, Java refuses it.
     */
    static String literalBraces(String re) {
        StringBuilder sb = new StringBuilder(re.length() + 8);
        boolean inClass = false;
        for (int i = 0; i < re.length(); i++) {
            char c = re.charAt(i);
            if (c == '\\' && i + 1 < re.length()) {
                sb.append(c).append(re.charAt(++i));
            } else if (c == '[') {
                inClass = true;
                sb.append(c);
            } else if (c == ']') {
                inClass = false;
                sb.append(c);
            } else if (c == '{' && !inClass) {
                Matcher m = INTERVAL.matcher(re).region(i, re.length());
                if (m.lookingAt()) {
                    sb.append(m.group());
                    i = m.end() - 1;
                } else {
                    sb.append("\\{");
                }
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
