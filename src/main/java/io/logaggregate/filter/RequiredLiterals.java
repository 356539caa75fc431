package io.logaggregate.filter;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The literal substrings that every match of a java.util.regex pattern must contain, found by
 * reading the regex: runs of literal characters concatenated outside alternation, outside anything
 * that may repeat zero times, and outside lookarounds. Grok tries every pattern, unanchored, on
 * every line; a line that lacks one of a pattern's literals cannot match it, and {@link
 * String#indexOf(String)} says so far more cheaply than {@code Matcher.find()}.
 *
 * <p>Correctness comes first: whatever the analysis does not understand (case-insensitive or
 * comment mode, an unusual escape, a quantifier it cannot read) yields no literal for that part, or
 * for the whole pattern; a missing literal only costs speed, a wrong one would lose matches.
 */
final class RequiredLiterals {
    /** Checked per line: more literals than this seldom reject a line the first ones let pass. */
    static final int MAX_CHECKED = 4;

    private static final int UNSUPPORTED_FLAGS =
            Pattern.CASE_INSENSITIVE | Pattern.COMMENTS | Pattern.LITERAL | Pattern.CANON_EQ;

    /** The analysis gave up: no literal can be trusted. */
    private static final class Unsupported extends RuntimeException {
        Unsupported() {
            super(null, null, false, false);
        }
    }

    /**
     * What a part of the regex always matches: exactly {@code exact} (when not null), and in any
     * case text containing each of {@code required}.
     */
    private record Info(String exact, List<String> required) {
        static final Info NONE = new Info(null, List.of());

        static Info exact(String s) {
            return new Info(s, List.of(s));
        }

        /** Once at least (a quantifier with a minimum of 1 or more). */
        Info atLeastOnce() {
            return exact == null ? this : new Info(null, List.of(exact));
        }
    }

    private final String regex;
    private int pos;

    private RequiredLiterals(String regex) {
        this.regex = regex;
    }

    /**
     * The literals every match of {@code regex} (compiled with {@code flags}) contains, the most
     * selective first (longest; none contained in another), at most {@link #MAX_CHECKED}; empty
     * when nothing is certain.
     */
    static String[] of(String regex, int flags) {
        List<String> all = all(regex, flags);
        List<String> sorted = new ArrayList<>(all);
        sorted.sort(Comparator.comparingInt(String::length).reversed());
        List<String> kept = new ArrayList<>();
        for (String s : sorted) {
            boolean redundant = false;
            for (String k : kept) {
                if (k.contains(s)) {
                    redundant = true;
                    break;
                }
            }
            if (!redundant && kept.size() < MAX_CHECKED) {
                kept.add(s);
            }
        }
        return kept.toArray(new String[0]);
    }

    /** Every literal found, in regex order (for tests). */
    static List<String> all(String regex, int flags) {
        if ((flags & UNSUPPORTED_FLAGS) != 0) {
            return List.of();
        }
        RequiredLiterals r = new RequiredLiterals(regex);
        try {
            Info info = r.alternation();
            if (r.pos != regex.length()) {
                return List.of(); // an unbalanced ')': not a regex we understand
            }
            List<String> out = new ArrayList<>();
            for (String s : info.required()) {
                if (!s.isEmpty()) {
                    out.add(s);
                }
            }
            return out;
        } catch (Unsupported | IndexOutOfBoundsException | NumberFormatException e) {
            return List.of();
        }
    }

    /** True when {@code text} contains every literal (those of {@link #of}). */
    static boolean containsAll(String text, String[] literals) {
        for (String l : literals) {
            if (text.indexOf(l) < 0) {
                return false;
            }
        }
        return true;
    }

    // ---------------------------------------------------------------- the parser

    private boolean more() {
        return pos < regex.length();
    }

    private char peek() {
        return regex.charAt(pos);
    }

    /** Alternatives up to ')' or the end: only a single alternative says anything. */
    private Info alternation() {
        Info first = sequence();
        boolean alternatives = false;
        while (more() && peek() == '|') {
            pos++;
            alternatives = true;
            sequence();
        }
        return alternatives ? Info.NONE : first;
    }

    /** Concatenated atoms up to '|', ')' or the end. */
    private Info sequence() {
        StringBuilder run = new StringBuilder();
        List<String> required = new ArrayList<>();
        boolean allExact = true;
        while (more() && peek() != '|' && peek() != ')') {
            Info atom = quantified(atom());
            if (atom.exact() != null) {
                run.append(atom.exact());
            } else {
                allExact = false;
                if (run.length() > 0) {
                    required.add(run.toString());
                    run.setLength(0);
                }
                required.addAll(atom.required());
            }
        }
        if (allExact) {
            return Info.exact(run.toString());
        }
        if (run.length() > 0) {
            required.add(run.toString());
        }
        return new Info(null, required);
    }

    /** Applies a following quantifier, if any, to an atom. */
    private Info quantified(Info atom) {
        if (!more()) {
            return atom;
        }
        char c = peek();
        int min;
        boolean once = false;
        if (c == '?' || c == '*') {
            pos++;
            min = 0;
        } else if (c == '+') {
            pos++;
            min = 1;
        } else if (c == '{') {
            int close = regex.indexOf('}', pos);
            if (close < 0) {
                throw new Unsupported();
            }
            String body = regex.substring(pos + 1, close);
            if (!body.matches("\\d+(,\\d*)?")) {
                throw new Unsupported();
            }
            int comma = body.indexOf(',');
            min = Integer.parseInt(comma < 0 ? body : body.substring(0, comma));
            once = min == 1 && (body.equals("1") || body.equals("1,1"));
            pos = close + 1;
        } else {
            return atom;
        }
        // lazy or possessive: the same minimum
        if (more() && (peek() == '?' || peek() == '+')) {
            pos++;
        }
        if (more() && (peek() == '?' || peek() == '*' || peek() == '+' || peek() == '{')) {
            throw new Unsupported(); // a quantifier of a quantifier: not ours to read
        }
        if (min == 0) {
            return Info.NONE;
        }
        return once ? atom : atom.atLeastOnce();
    }

    private Info atom() {
        char c = peek();
        switch (c) {
            case '\\':
                return escape();
            case '[':
                skipClass();
                return Info.NONE;
            case '(':
                return group();
            case '.':
            case '^':
            case '$':
                pos++;
                return Info.NONE;
            case '*':
            case '+':
            case '?':
            case '{':
                throw new Unsupported(); // a dangling quantifier
            default:
                int cp = regex.codePointAt(pos);
                pos += Character.charCount(cp);
                return Info.exact(new String(Character.toChars(cp)));
        }
    }

    private Info escape() {
        pos++; // the backslash
        char c = regex.charAt(pos++);
        switch (c) {
            case 't':
                return Info.exact("\t");
            case 'n':
                return Info.exact("\n");
            case 'r':
                return Info.exact("\r");
            case 'f':
                return Info.exact("\f");
            case 'a':
                return Info.exact("\u0007");
            case 'e':
                return Info.exact("\u001B");
            case 'Q':
                {
                    int end = regex.indexOf("\\E", pos);
                    String quoted = end < 0 ? regex.substring(pos) : regex.substring(pos, end);
                    pos = end < 0 ? regex.length() : end + 2;
                    return Info.exact(quoted);
                }
            case 'x':
                {
                    int cp;
                    if (peek() == '{') {
                        int close = regex.indexOf('}', pos);
                        cp = Integer.parseInt(regex.substring(pos + 1, close), 16);
                        pos = close + 1;
                    } else {
                        cp = Integer.parseInt(regex.substring(pos, pos + 2), 16);
                        pos += 2;
                    }
                    return Info.exact(new String(Character.toChars(cp)));
                }
            case 'u':
                {
                    char ch = (char) Integer.parseInt(regex.substring(pos, pos + 4), 16);
                    pos += 4;
                    if (Character.isSurrogate(ch)) {
                        throw new Unsupported(); // a pair written as two escapes
                    }
                    return Info.exact(String.valueOf(ch));
                }
            case 'd',
            'D',
            's',
            'S',
            'w',
            'W',
            'h',
            'H',
            'v',
            'V',
            'R',
            'X',
            'B',
            'A',
            'z',
            'Z',
            'G':
                return Info.NONE;
            case 'b':
                if (more() && peek() == '{') {
                    throw new Unsupported();
                }
                return Info.NONE;
            case 'p', 'P':
                if (peek() == '{') {
                    pos = regex.indexOf('}', pos) + 1;
                    if (pos == 0) {
                        throw new Unsupported();
                    }
                } else {
                    pos++;
                }
                return Info.NONE;
            case 'k':
                if (peek() != '<') {
                    throw new Unsupported();
                }
                pos = regex.indexOf('>', pos) + 1;
                if (pos == 0) {
                    throw new Unsupported();
                }
                return Info.NONE;
            case 'c':
                pos++;
                return Info.NONE;
            default:
                if (c >= '1' && c <= '9') {
                    // a back reference: its digits, however many (a following digit taken as
                    // part of it only loses a literal)
                    while (more() && Character.isDigit(peek())) {
                        pos++;
                    }
                    return Info.NONE;
                }
                if (Character.isLetterOrDigit(c)) {
                    throw new Unsupported(); // \0 octal, \N{...} and the like
                }
                if (Character.isHighSurrogate(c)) {
                    pos--;
                    int cp = regex.codePointAt(pos);
                    pos += Character.charCount(cp);
                    return Info.exact(new String(Character.toChars(cp)));
                }
                return Info.exact(String.valueOf(c));
        }
    }

    /** Skips a character class, nested classes, escapes and quotes included. */
    private void skipClass() {
        pos++; // '['
        if (more() && peek() == '^') {
            pos++;
        }
        // java.util.regex: a ']' right after '[' or '[^' is a literal
        if (more() && peek() == ']') {
            pos++;
        }
        while (true) {
            char c = regex.charAt(pos);
            if (c == '\\') {
                if (regex.charAt(pos + 1) == 'Q') {
                    int end = regex.indexOf("\\E", pos + 2);
                    if (end < 0) {
                        throw new Unsupported();
                    }
                    pos = end + 2;
                } else if (regex.charAt(pos + 1) == 'c') {
                    pos += 3; // a control character, whatever follows the c
                } else if (regex.charAt(pos + 1) == 'p' || regex.charAt(pos + 1) == 'P') {
                    pos += 2;
                    if (peek() == '{') {
                        pos = regex.indexOf('}', pos) + 1;
                        if (pos == 0) {
                            throw new Unsupported();
                        }
                    } else {
                        pos++;
                    }
                } else {
                    pos += 2;
                }
            } else if (c == '[') {
                skipClass();
            } else if (c == ']') {
                pos++;
                return;
            } else {
                pos++;
            }
        }
    }

    private Info group() {
        pos++; // '('
        boolean lookaround = false;
        if (peek() == '?') {
            pos++;
            char c = peek();
            if (c == ':' || c == '>') {
                pos++;
            } else if (c == '=' || c == '!') {
                pos++;
                lookaround = true;
            } else if (c == '<') {
                pos++;
                if (peek() == '=' || peek() == '!') {
                    pos++;
                    lookaround = true;
                } else {
                    int close = regex.indexOf('>', pos);
                    if (close < 0) {
                        throw new Unsupported();
                    }
                    pos = close + 1; // a named group
                }
            } else {
                // inline flags: (?flags) or (?flags:...)
                int start = pos;
                while (more() && "idmsuxU-".indexOf(peek()) >= 0) {
                    pos++;
                }
                String flags = regex.substring(start, pos);
                if (flags.indexOf('i') >= 0 || flags.indexOf('x') >= 0) {
                    throw new Unsupported(); // case-insensitive or comments: nothing is literal
                }
                if (peek() == ')') {
                    pos++;
                    return Info.NONE; // (?flags): matches nothing, breaks a run (harmless)
                }
                if (peek() != ':') {
                    throw new Unsupported();
                }
                pos++;
            }
        }
        Info inner = alternation();
        if (!more() || peek() != ')') {
            throw new Unsupported();
        }
        pos++;
        return lookaround ? Info.NONE : inner;
    }
}
