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

    /**
     * Ruby's POSIX bracket {@code [:alpha:]} (inside a class) as a Java nested class, or null if
     * the name is not one. On a Unicode string Onigmo (and JRuby's Joni) take them from Unicode,
     * not ASCII (Ruby's {@code tool/enc-unicode.rb}): alpha = Alphabetic, alnum = Alphabetic +
     * Decimal_Number, upper/lower = Uppercase/Lowercase, digit = Decimal_Number, space =
     * White_Space, blank = Space_Separator + tab, cntrl = Cc, punct = Punctuation plus {@code
     * $+<=>^`|~}, graph = anything but White_Space, Cc, Cs and Cn, print = graph + Space_Separator,
     * word = Alphabetic + Mark + Decimal_Number + Connector_Punctuation; only xdigit and ascii are
     * ASCII. (Java's own {@code \p{Alpha}} is ASCII-only, and its UNICODE_CHARACTER_CLASS flag
     * would also widen {@code \w}, {@code \d} and {@code \s}, which stay ASCII in Ruby.)
     */
    static String posixClass(String name) {
        boolean negated = name.startsWith("^");
        String body = unicodeClassBody(negated ? name.substring(1) : name);
        if (body == null) {
            return null;
        }
        return (negated ? "[^" : "[") + body + "]";
    }

    /** The inside of a Java character class for a POSIX class name, or null. */
    private static String unicodeClassBody(String name) {
        return switch (name) {
            case "alnum" -> "\\p{IsAlphabetic}\\p{Nd}";
            case "alpha" -> "\\p{IsAlphabetic}";
            case "ascii" -> "\\x00-\\x7F";
            case "blank" -> "\\p{Zs}\\t";
            case "cntrl" -> "\\p{Cc}";
            case "digit" -> "\\p{Nd}";
            case "graph" -> "[^\\p{IsWhite_Space}\\p{Cc}\\p{Cs}\\p{Cn}]";
            case "lower" -> "\\p{IsLowercase}";
            case "print" -> "\\p{Zs}[^\\p{IsWhite_Space}\\p{Cc}\\p{Cs}\\p{Cn}]";
            case "punct" -> "\\p{IsPunctuation}\\$+<=>\\^`|~";
            case "space" -> "\\p{IsWhite_Space}";
            case "upper" -> "\\p{IsUppercase}";
            case "xdigit" -> "0-9A-Fa-f";
            case "word" -> "\\p{IsAlphabetic}\\p{M}\\p{Nd}\\p{Pc}";
            default -> null;
        };
    }

    /**
     * Ruby's {@code \p{Alpha}}, {@code \p{^Alpha}}, {@code \P{Alpha}} for the POSIX names (any
     * case, spaces, underscores and hyphens ignored, as Onigmo does) with the same Unicode meaning;
     * null for other properties, which are passed to Java as written.
     */
    static String posixProperty(String name, boolean negated) {
        if (name.startsWith("^")) {
            negated = !negated;
            name = name.substring(1);
        }
        String key = name.replaceAll("[\\s_-]", "").toLowerCase(java.util.Locale.ROOT);
        String body = unicodeClassBody(key);
        if (body == null) {
            return null;
        }
        return (negated ? "[^" : "[") + body + "]";
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

        // what a quantifier would repeat (outside classes)
        private static final int NOTHING = 0;
        private static final int ATOM = 1;
        private static final int REPEATED = 2;
        private static final int INTERVAL = 3;
        private static final int MODIFIED = 4;
        private int state = NOTHING;
        private int atomStart = -1;
        private int classStart;
        private final java.util.ArrayDeque<Integer> groupStarts = new java.util.ArrayDeque<>();

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

        /**
         * Copies (translated) the regex token at {@code i}; returns the index after it. Outside
         * classes it also follows what a quantifier would repeat, for two Onigmo leniencies Java
         * refuses: a {@code '{'} that does not start a valid interval is a literal ({@code
         * Parameters: {...}}, {@code (?<={ )}), and a quantifier may follow a quantifier, repeating
         * the repetition ({@code .?*} is {@code (?:.?)*}). Ruby's {@code {,n}} is {@code {0,n}}.
         */
        int step(String s, int i) {
            if (inClass) {
                int next = token(s, i);
                if (!inClass) {
                    markAtom(classStart);
                }
                return next;
            }
            char c = s.charAt(i);
            switch (c) {
                case '*', '+', '?':
                    return quantifier(c, String.valueOf(c), i + 1);
                case '{':
                    {
                        int close = intervalEnd(s, i);
                        if (close < 0) {
                            int start = out.length();
                            out.append("\\{");
                            markAtom(start);
                            return i + 1;
                        }
                        String q = s.substring(i, close + 1);
                        if (q.startsWith("{,")) {
                            q = "{0," + q.substring(2);
                        }
                        return quantifier(c, q, close + 1);
                    }
                case '(':
                    groupStarts.push(out.length());
                    state = NOTHING;
                    return token(s, i);
                case ')':
                    {
                        int next = token(s, i);
                        if (groupStarts.isEmpty()) {
                            state = NOTHING;
                        } else {
                            markAtom(groupStarts.pop());
                        }
                        return next;
                    }
                case '|':
                    state = NOTHING;
                    return token(s, i);
                case '[':
                    classStart = out.length();
                    return token(s, i);
                default:
                    {
                        int start = out.length();
                        int next = token(s, i);
                        markAtom(start);
                        return next;
                    }
            }
        }

        /** Something repeatable (a character, class, group, grok reference) starts at start. */
        void markAtom(int start) {
            atomStart = start;
            state = ATOM;
        }

        private int quantifier(char c, String q, int next) {
            if (state == REPEATED && (c == '?' || c == '+')) {
                // lazy or possessive, in both dialects
                out.append(c);
                state = MODIFIED;
                return next;
            }
            if (state == INTERVAL && c == '?') {
                out.append(c);
                state = MODIFIED;
                return next;
            }
            if (state == REPEATED || state == INTERVAL || state == MODIFIED) {
                // Onigmo's nested repeat (Java would refuse it, or read {n,m}+ as possessive)
                out.insert(atomStart, "(?:");
                out.append(')');
            }
            out.append(q);
            state = c == '{' ? INTERVAL : REPEATED;
            return next;
        }

        /** The index of the '}' of a valid Onigmo interval at i ({n} {n,} {,m} {n,m}), or -1. */
        private static int intervalEnd(String s, int i) {
            int j = i + 1;
            int lo = j;
            while (j < s.length() && Character.isDigit(s.charAt(j)) && s.charAt(j) < 128) {
                j++;
            }
            boolean low = j > lo;
            if (j < s.length() && s.charAt(j) == '}') {
                return low ? j : -1;
            }
            if (j >= s.length() || s.charAt(j) != ',') {
                return -1;
            }
            j++;
            int hi = j;
            while (j < s.length() && Character.isDigit(s.charAt(j)) && s.charAt(j) < 128) {
                j++;
            }
            boolean high = j > hi;
            if (j < s.length() && s.charAt(j) == '}' && (low || high)) {
                return j;
            }
            return -1;
        }

        private int token(String s, int i) {
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
                if ((n == 'p' || n == 'P') && i + 2 < s.length() && s.charAt(i + 2) == '{') {
                    int close = s.indexOf('}', i + 3);
                    if (close > 0) {
                        String posix = posixProperty(s.substring(i + 3, close), n == 'P');
                        out.append(posix != null ? posix : s.substring(i, close + 1));
                        return close + 1;
                    }
                }
                if (n == 'u' && i + 2 < s.length() && s.charAt(i + 2) == '{') {
                    // Ruby writes a code point as backslash u{1F600}, Java as backslash x{1F600}
                    int close = s.indexOf('}', i + 3);
                    if (close > 0) {
                        out.append("\\x").append(s, i + 2, close + 1);
                        return close + 1;
                    }
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
