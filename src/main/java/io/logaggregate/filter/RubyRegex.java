package io.logaggregate.filter;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Turns a Ruby (Oniguruma) regular expression, as written in Logstash conditions, {@code gsub} and
 * grok patterns, into a {@link java.util.regex.Pattern}.
 *
 * <p>Differences handled: Ruby's {@code ^} and {@code $} always match at line ends, and only {@code
 * \n} ends a line (Java needs {@code MULTILINE | UNIX_LINES}, and its {@code ^} never matches at
 * the end of the input, so {@code ^$} would not match ""); group names may hold characters Java
 * rejects ({@code client_hostname}, {@code [a][b]}), so named groups are renamed {@code g0, g1,
 * ...} and mapped back; {@code \h} is a hex digit in Ruby but horizontal space in Java; {@code
 * \k<name>} follows the renaming.
 */
public final class RubyRegex {
    private final Pattern pattern;
    private final Map<String, String> javaToRubyName;
    private final Map<String, String> rubyToJavaName;

    private RubyRegex(Pattern pattern, Map<String, String> javaToRubyName) {
        this.pattern = pattern;
        this.javaToRubyName = javaToRubyName;
        this.rubyToJavaName = new LinkedHashMap<>();
        javaToRubyName.forEach((j, r) -> rubyToJavaName.putIfAbsent(r, j));
    }

    /** Java flags giving Ruby's default behaviour. */
    public static final int RUBY_FLAGS = Pattern.MULTILINE | Pattern.UNIX_LINES;

    /** Compiles with Ruby's default flags (line anchors). Throws PatternSyntaxException. */
    public static RubyRegex compile(String rubyRegex) {
        return compile(rubyRegex, RUBY_FLAGS);
    }

    public static RubyRegex compile(String rubyRegex, int javaFlags) {
        Map<String, String> names = new LinkedHashMap<>();
        Translator t =
                new Translator(
                        new StringBuilder(),
                        new GroupNamer() {
                            @Override
                            public String openGroup(String rubyName) {
                                String j = "g" + names.size();
                                names.put(j, rubyName);
                                return j;
                            }

                            @Override
                            public String backref(String rubyName) {
                                String found = null;
                                for (Map.Entry<String, String> e : names.entrySet()) {
                                    if (e.getValue().equals(rubyName)) {
                                        found = e.getKey();
                                    }
                                }
                                return found;
                            }
                        });
        t.translate(rubyRegex);
        return new RubyRegex(Pattern.compile(t.out.toString(), javaFlags), names);
    }

    public Pattern pattern() {
        return pattern;
    }

    /** The Java group name for a Ruby group name, or null. */
    public String javaGroup(String rubyName) {
        return rubyToJavaName.get(rubyName);
    }

    /** Java group name to Ruby group name, in group order. */
    public Map<String, String> groupNames() {
        return javaToRubyName;
    }

    /** Checks a regex at configuration time; returns null if fine, else the reason. */
    public static String problem(String rubyRegex) {
        try {
            compile(rubyRegex);
            return null;
        } catch (PatternSyntaxException e) {
            return e.getDescription() + " near index " + e.getIndex();
        }
    }

    // ---------------------------------------------------------------- translation

    /** Ruby's POSIX bracket {@code [:alpha:]} (inside a class) as a Java class escape. */
    static String posixClass(String name) {
        boolean negated = name.startsWith("^");
        String n = negated ? name.substring(1) : name;
        String java =
                switch (n) {
                    case "alnum" -> "Alnum";
                    case "alpha" -> "Alpha";
                    case "ascii" -> "ASCII";
                    case "blank" -> "Blank";
                    case "cntrl" -> "Cntrl";
                    case "digit" -> "Digit";
                    case "graph" -> "Graph";
                    case "lower" -> "Lower";
                    case "print" -> "Print";
                    case "punct" -> "Punct";
                    case "space" -> "Space";
                    case "upper" -> "Upper";
                    case "xdigit" -> "XDigit";
                    case "word" -> null;
                    default -> "";
                };
        if (java == null) {
            return negated ? "\\W" : "\\w";
        }
        if (java.isEmpty()) {
            return null;
        }
        return (negated ? "\\P{" : "\\p{") + java + "}";
    }

    /** Names groups while translating; grok and plain regexes name them differently. */
    interface GroupNamer {
        /** A Java-legal name for a newly opened Ruby named group. */
        String openGroup(String rubyName);

        /** The Java name a back reference {@code \k<rubyName>} should use, or null. */
        String backref(String rubyName);
    }

    /** A streaming translator: call {@link #step} token by token, or {@link #translate}. */
    static final class Translator {
        final StringBuilder out;
        private final GroupNamer namer;
        private boolean inClass;
        private int classDepth;

        Translator(StringBuilder out, GroupNamer namer) {
            this.out = out;
            this.namer = namer;
        }

        boolean inClass() {
            return inClass;
        }

        void translate(String s) {
            int i = 0;
            while (i < s.length()) {
                i = step(s, i);
            }
        }

        /** Copies (translated) the regex token at {@code i}; returns the index after it. */
        int step(String s, int i) {
            char c = s.charAt(i);
            if (c == '\\') {
                if (i + 1 >= s.length()) {
                    out.append("\\\\");
                    return i + 1;
                }
                char n = s.charAt(i + 1);
                if (n == 'h') {
                    out.append(inClass ? "0-9a-fA-F" : "[0-9a-fA-F]");
                    return i + 2;
                }
                if (n == 'H' && !inClass) {
                    out.append("[^0-9a-fA-F]");
                    return i + 2;
                }
                if (n == 'k' && !inClass && i + 2 < s.length() && s.charAt(i + 2) == '<') {
                    int close = s.indexOf('>', i + 3);
                    if (close > 0) {
                        String name = s.substring(i + 3, close);
                        String j = namer.backref(name);
                        if (j != null) {
                            out.append("\\k<").append(j).append('>');
                            return close + 1;
                        }
                    }
                }
                out.append(c).append(n);
                return i + 2;
            }
            if (inClass) {
                if (s.startsWith("[:", i)) {
                    int end = s.indexOf(":]", i + 2);
                    String posix = end < 0 ? null : posixClass(s.substring(i + 2, end));
                    if (posix != null) {
                        out.append(posix);
                        return end + 2;
                    }
                }
                if (c == '[') {
                    // nested class (Ruby and Java both allow [a-z&&[^b]])
                    classDepth++;
                } else if (c == ']') {
                    classDepth--;
                    if (classDepth == 0) {
                        inClass = false;
                    }
                }
                out.append(c);
                return i + 1;
            }
            if (c == '[') {
                inClass = true;
                classDepth = 1;
                out.append(c);
                int j = i + 1;
                // a leading ']' (or '^]') is a literal in both dialects
                if (j < s.length() && s.charAt(j) == '^') {
                    out.append('^');
                    j++;
                }
                if (j < s.length() && s.charAt(j) == ']') {
                    out.append("\\]");
                    j++;
                }
                return j;
            }
            if (c == '^') {
                // Java's multiline ^ refuses the end of input: "" would not match ^$
                out.append("(?:^|(?<![^\\n])\\z)");
                return i + 1;
            }
            if (c == '(' && s.startsWith("(?<", i) && i + 3 < s.length()) {
                char n = s.charAt(i + 3);
                if (n != '=' && n != '!') {
                    int close = s.indexOf('>', i + 3);
                    if (close > 0) {
                        String name = s.substring(i + 3, close);
                        out.append("(?<").append(namer.openGroup(name)).append('>');
                        return close + 1;
                    }
                }
            }
            out.append(c);
            return i + 1;
        }
    }
}
